// Module loading: the guest loads real npm packages from a host `node_modules` folder (here
// Debian's /usr/share/nodejs, from `apt-get install node-semver node-yaml`), read-only, along
// with its own CommonJS and ES modules from its filesystem.
//
//   swift run --package-path Examples module-loading
import ExampleSupport
import SecureExec

// The guest's own code, in its in-memory filesystem.
let files = InMemoryFileSystem()
try files.write("/root/app/versions.js", contents: """
    const semver = require('semver');               // a bare name: found in /root/node_modules
    module.exports = (range, list) => semver.maxSatisfying(list, range);
    """)
try files.write("/root/app/main.mjs", contents: """
    import YAML from 'yaml';                         // an npm package from an ES module
    import { createRequire } from 'node:module';
    import pick from './versions.js';                // CommonJS imported from ESM
    const config = YAML.parse('name: demo\\nrange: ^1.2.0\\n');
    export const name = config.name;
    export const chosen = pick(config.range, ['1.1.0', '1.2.5', '1.9.1', '2.0.0']);
    export const semverVersion = createRequire(import.meta.url)('semver/package.json').version;
    """)

let transcript = Transcript()
let runtime = try NodeRuntime(
    systemDriver: NodeDriver(
        filesystem: files,
        // The guest's own files need a grant; the packages below do not (they are read-only).
        permissions: Permissions(fs: .paths(readOnly: ["/root/app"])),
        // The host folder appears at /root/node_modules, confined like HostFileSystem: readable
        // without the fs check, never writable, and no symlink leads out of it.
        moduleAccess: ModuleAccess(nodeModules: "/usr/share/nodejs")
    ),
    onStdio: transcript.record
)

print("run an ES module that imports yaml, and semver through a CommonJS file")
let module = try await runtime.run("export * from './app/main.mjs';", filePath: "/root/entry.mjs")
expect(module.code, 0, "the module graph loaded")
expect(module.exports?["name"], "demo", "yaml parsed the configuration")
expect(module.exports?["chosen"], "1.9.1", "semver picked the highest version in ^1.2.0")
expect(module.exports?["semverVersion"]?.stringValue?.isEmpty == false, "package.json files are readable too")

print("the packages are read-only, and unknown packages are simply missing")
let result = try await runtime.exec("""
    const fs = require('fs');
    try { fs.writeFileSync('/root/node_modules/semver/index.js', 'hacked'); } catch (err) { console.log('write package:', err.code); }
    try { require('left-pad-that-does-not-exist'); } catch (err) { console.log('missing package:', err.code); }
    console.log('semver:', require('semver').valid('v1.2.3'));
    """)
expect(result, ExecResult(code: 0), "the script finished")
expect(transcript.stdout, """
    write package: EACCES
    missing package: MODULE_NOT_FOUND
    semver: 1.2.3

    """, "writes are refused, missing packages are not found, valid ones load")

await runtime.dispose()
finish()
