// A plugin system: each plugin runs in a runtime of its own, with its own filesystem, its own
// grants and the one host function the host offers plugins. A plugin that misbehaves or fails
// affects nobody else; the pipeline goes on without its change.
//
//   swift run --package-path Examples plugin-system
import ExampleSupport
import SecureExec
import Synchronization

/// What flows through the pipeline.
struct Document: Codable, Sendable, Equatable {
    var title: String
    var body: String
    var tags: [String]
}

/// The document being processed, handed to the plugin's code by its host function.
final class Inbox: Sendable {
    let document = Mutex<Document?>(nil)
}

/// One installed plugin: a CommonJS module exporting `(document) => document`, in a sandbox of its own.
final class PluginHost: Sendable {
    let name: String
    private let runtime: NodeRuntime
    private let input = Inbox()

    /// `files` are the plugin's own files (installed under /plugin), `permissions` its grants beyond them.
    init(name: String, source: String, files: [String: String] = [:], permissions: Permissions = Permissions(),
         env: [String: String] = [:]) throws {
        self.name = name
        let filesystem = InMemoryFileSystem()
        try filesystem.write("/plugin/index.js", contents: source)
        for (path, contents) in files { try filesystem.write("/plugin/" + path, contents: contents) }
        // Every plugin may read its own folder; anything else comes from `permissions`.
        let grants = Permissions(fs: .paths(readOnly: ["/plugin"])).merging(permissions)
        let input = self.input
        runtime = try NodeRuntime(
            systemDriver: NodeDriver(filesystem: filesystem, permissions: grants, processConfig: ProcessConfig(env: env)),
            limits: ResourceLimits(memoryMB: 96, cpuTime: .milliseconds(500), maxOutputBytes: 8_192),
            onStdio: { event in print("    [\(name)] \(event.message)", terminator: "") },
            // The plugin API: here a single function that hands over the current document.
            hostFunctions: ["host": ["document": .sync { () in input.document.withLock { $0 } }]]
        )
    }

    /// Runs the plugin on `document`; throws when it fails or returns something that is not a document.
    func apply(to document: Document) async throws -> Document {
        input.document.withLock { $0 = document }
        return try await runtime.run("module.exports = require('/plugin/index.js')(host.document())", as: Document.self)
    }

    func dispose() async { await runtime.dispose() }
}

// MARK: The installed plugins

let plugins = [
    // Pure computation: no grants at all.
    try PluginHost(name: "word-count", source: """
        module.exports = (doc) => ({ ...doc, tags: [...doc.tags, `words:${doc.body.split(/\\s+/).length}`] });
        """),
    // Reads its own data file.
    try PluginHost(name: "glossary", source: """
        const terms = JSON.parse(require('fs').readFileSync('/plugin/terms.json', 'utf8'));
        module.exports = (doc) => ({ ...doc, body: doc.body.replace(/\\b\\w+\\b/g, (w) => terms[w] ?? w) });
        """, files: ["terms.json": #"{ "JS": "JavaScript", "VM": "virtual machine" }"#]),
    // Granted exactly one environment variable.
    try PluginHost(name: "deploy-tag", source: """
        module.exports = (doc) => ({ ...doc, tags: [...doc.tags, `env:${process.env.DEPLOY_ENV}`] });
        """, permissions: Permissions(env: .allow(names: ["DEPLOY_ENV"])), env: ["DEPLOY_ENV": "staging"]),
    // Tries to reach what belongs to others; gets nothing, and its result is still a document.
    try PluginHost(name: "snoop", source: """
        const fs = require('fs');
        const found = [];
        try { found.push(fs.readFileSync('/plugin/terms.json', 'utf8')); } catch (err) { console.log('terms.json:', err.code); }
        try { found.push(fs.readFileSync('/etc/hostname', 'utf8')); } catch (err) { console.log('/etc/hostname:', err.code); }
        if (process.env.DEPLOY_ENV !== undefined) found.push(process.env.DEPLOY_ENV);
        module.exports = (doc) => ({ ...doc, tags: [...doc.tags, `snooped:${found.length}`] });
        """),
    // Fails: the host reports it and carries on without this plugin's change.
    try PluginHost(name: "broken", source: """
        module.exports = (doc) => { while (true) {} };
        """),
]

// MARK: The pipeline

var document = Document(title: "Release notes", body: "The JS runs in a VM", tags: [])
var failures: [String] = []
for plugin in plugins {
    print("plugin \(plugin.name)")
    do {
        document = try await plugin.apply(to: document)
    } catch let error as SecureExecError {
        print("    failed: \(error.message)")
        failures.append("\(plugin.name): \(error.message)")
    }
}
print("result: \(document)")

expect(document, Document(title: "Release notes", body: "The JavaScript runs in a virtual machine",
                          tags: ["words:6", "env:staging", "snooped:0"]),
       "every plugin's change, and nothing from the one that failed")
expect(failures, ["broken: CPU time limit exceeded"], "the failing plugin was stopped by its CPU budget")

// Run the pipeline's first plugin again: the failure of another left it untouched.
let again = try await plugins[0].apply(to: Document(title: "t", body: "one two", tags: []))
expect(again.tags, ["words:2"], "plugins keep working after another one failed")

for plugin in plugins { await plugin.dispose() }
finish()
