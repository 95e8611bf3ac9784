// Filesystems: an in-memory tree you prepare and read back, and real host folders mounted into it,
// one writable and one read-only, confined so that neither `..` nor a symlink leads out.
//
//   swift run --package-path Examples filesystem
import ExampleSupport
import Foundation
import SecureExec

// A host folder for the guest to work in: a source file, and a symlink planted to point outside.
let hostFolder = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-example-\(getpid())")
defer { try? FileManager.default.removeItem(at: hostFolder) }
let projectFolder = hostFolder.appendingPathComponent("project")
let referenceFolder = hostFolder.appendingPathComponent("reference")
try FileManager.default.createDirectory(at: projectFolder, withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: referenceFolder, withIntermediateDirectories: true)
try "export const answer = 42;\n".write(to: projectFolder.appendingPathComponent("index.js"), atomically: true, encoding: .utf8)
try "reference data\n".write(to: referenceFolder.appendingPathComponent("guide.txt"), atomically: true, encoding: .utf8)
try FileManager.default.createSymbolicLink(atPath: projectFolder.appendingPathComponent("passwd").path,
                                           withDestinationPath: "/etc/passwd")

// The guest's tree: in memory at `/`, with the two host folders mounted into it.
let memory = InMemoryFileSystem(directories: ["/root", "/tmp", "/input", "/out"])
try memory.write("/input/sales.csv", contents: "region,amount\neu,120\nus,80\neu,30\n")
let filesystem = MountedFileSystem(base: memory, mounts: [
    "/project": try HostFileSystem(root: projectFolder.path),                     // read-write
    "/reference": try HostFileSystem(root: referenceFolder.path, readOnly: true), // changes fail with EROFS
])

let transcript = Transcript()
let runtime = try NodeRuntime(
    systemDriver: NodeDriver(
        filesystem: filesystem,
        // The filesystem decides what exists; the permission decides what the guest may touch.
        // (Writing /reference is granted here only to show that the mount refuses it by itself.)
        permissions: Permissions(fs: .paths(readOnly: ["/input"], readWrite: ["/out", "/project", "/reference"]))
    ),
    onStdio: transcript.record
)

print("the guest summarises a CSV from memory and works in the mounted host folders")
let result = try await runtime.exec("""
    const fs = require('fs');
    // In memory: read the input the host prepared, write a report for the host to pick up.
    const rows = fs.readFileSync('/input/sales.csv', 'utf8').trim().split('\\n').slice(1);
    const totals = {};
    for (const row of rows) { const [region, amount] = row.split(','); totals[region] = (totals[region] ?? 0) + Number(amount); }
    fs.writeFileSync('/out/report.json', JSON.stringify(totals));

    // A real host folder: list it, write a file that lands on the host's disk.
    console.log('project:', fs.readdirSync('/project').sort().join(' '));
    fs.writeFileSync('/project/build.log', 'built by the guest\\n');

    // The planted symlink resolves inside the mounted folder, where there is no /etc/passwd.
    try { fs.readFileSync('/project/passwd', 'utf8'); } catch (err) { console.log('symlink out:', err.code); }
    // The read-only mount refuses changes even though the permission allows them.
    console.log('reference:', fs.readFileSync('/reference/guide.txt', 'utf8').trim());
    try { fs.writeFileSync('/reference/guide.txt', 'x'); } catch (err) { console.log('write reference:', err.code); }
    // Everything else is not granted.
    try { fs.readdirSync('/root'); } catch (err) { console.log('list /root:', err.code); }
    """)

expect(result, ExecResult(code: 0), "the guest finished")
expect(transcript.stdout, """
    project: index.js passwd
    symlink out: ENOENT
    reference: reference data
    write reference: EROFS
    list /root: EACCES

    """, "the guest saw what the mounts and grants allow")
expect(String(decoding: try memory.contents(of: "/out/report.json"), as: UTF8.self), #"{"eu":150,"us":80}"#,
       "the host reads the guest's report from memory")
expect(try String(contentsOf: projectFolder.appendingPathComponent("build.log"), encoding: .utf8), "built by the guest\n",
       "the guest's write to the host folder is on the host's disk")
expect(try String(contentsOf: referenceFolder.appendingPathComponent("guide.txt"), encoding: .utf8), "reference data\n",
       "the read-only folder is unchanged")

await runtime.dispose()
finish()
