import Foundation
import PackagePlugin

/// Writes every `.js` file under a target's `js/` folder into one Swift source as raw string
/// literals, so the binary carries the guest-side Node API with no resource folder beside it.
@main
struct EmbedJavaScript: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let root = target.directoryURL.appending(path: "js")
        let files = try Self.javaScriptFiles(under: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedJavaScript.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) JavaScript files",
                executable: try context.tool(named: "EmbedJavaScriptTool").url,
                arguments: [root.path(percentEncoded: false), output.path(percentEncoded: false)]
                    + files.map { $0.path(percentEncoded: false) },
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }

    static func javaScriptFiles(under root: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension == "js" {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
