// Permissions: every access the guest makes is a request your code answers, one by one.
//
//   swift run --package-path Examples permissions
import ExampleSupport
import SecureExec
import Synchronization

// An audit log of every decision (checks run on any thread, so the log sits behind a lock).
let audit = Mutex<[String]>([])
func log(_ line: String) { audit.withLock { $0.append(line) } }

let files = InMemoryFileSystem()
try files.write("/workspace/notes.txt", contents: "meeting at 10")
try files.write("/workspace/.env", contents: "API_KEY=s3cr3t")

let permissions = Permissions(
    // A closure decides each filesystem request. It sees the operation, the normalised path and
    // the path after symlinks; a reason it gives is appended to the guest's EACCES message.
    fs: .check { (request: FsAccessRequest) async -> PermissionDecision in
        log("fs \(request.op.rawValue) \(request.path)")
        if request.path.hasSuffix(".env") { return .deny(reason: "secrets are off limits") }
        let inWorkspace = request.path == "/workspace" || request.path.hasPrefix("/workspace/")
        let inTmp = request.path.hasPrefix("/tmp/")
        // Reads inside the workspace, writes only under /tmp.
        return PermissionDecision(allow: request.op.isWrite ? inTmp : inWorkspace || inTmp)
    },
    // No `network` and no `childProcess`: a missing domain denies everything.
    // The builder for the common case: these variable names only.
    env: .allow(names: ["LANG", "USER"])
)

let transcript = Transcript()
let runtime = try NodeRuntime(
    systemDriver: NodeDriver(
        filesystem: files,
        permissions: permissions,
        // The guest's environment is this, never the host's; the `env` check filters it further.
        processConfig: ProcessConfig(env: ["LANG": "C.UTF-8", "USER": "guest", "AWS_SECRET_ACCESS_KEY": "never seen"])
    ),
    onStdio: transcript.record
)

print("a guest tries several things; each line is what it got")
let result = try await runtime.exec("""
    const fs = require('fs');
    function attempt(label, action) {
      try { console.log('allowed', label, '->', JSON.stringify(action())); }
      catch (err) { console.log('denied ', label, '->', err.code, err.message); }
    }
    attempt('read notes', () => fs.readFileSync('/workspace/notes.txt', 'utf8'));
    attempt('read .env', () => fs.readFileSync('/workspace/.env', 'utf8'));
    attempt('write workspace', () => fs.writeFileSync('/workspace/notes.txt', 'defaced'));
    attempt('write /tmp', () => fs.writeFileSync('/tmp/out.txt', 'ok'));
    attempt('escape with ..', () => fs.readFileSync('/workspace/../etc/passwd', 'utf8'));
    attempt('env USER', () => process.env.USER);
    attempt('env AWS secret', () => process.env.AWS_SECRET_ACCESS_KEY);
    attempt('env names', () => Object.keys(process.env));
    attempt('spawn', () => { const r = require('child_process').spawnSync('id'); if (r.error) throw r.error; });
    """)

expect(result.code, 0, "the guest caught every denial and finished")
let lines = transcript.stdout.split(separator: "\n").map(String.init)
expect(lines, [
    #"allowed read notes -> "meeting at 10""#,
    "denied  read .env -> EACCES EACCES: permission denied, open '/workspace/.env': secrets are off limits",
    "denied  write workspace -> EACCES EACCES: permission denied, open '/workspace/notes.txt'",
    "allowed write /tmp -> undefined",
    // `..` is resolved before the check sees the path: the request is for /etc/passwd.
    "denied  escape with .. -> EACCES EACCES: permission denied, open '/etc/passwd'",
    #"allowed env USER -> "guest""#,
    // A denied variable reads as undefined, as if it did not exist.
    "allowed env AWS secret -> undefined",
    #"allowed env names -> ["LANG","USER"]"#,
    "denied  spawn -> EACCES spawnSync id EACCES",
], "each access got the decision the policy gives")

let decisions = audit.withLock { $0 }
expect(decisions.contains("fs read /workspace/.env"), "the check saw the denied read", detail: "\(decisions)")
expect(decisions.contains("fs write /tmp/out.txt"), "the check saw the allowed write", detail: "\(decisions)")
expect(String(decoding: try files.contents(of: "/workspace/notes.txt"), as: UTF8.self), "meeting at 10",
       "the workspace file is unchanged")

await runtime.dispose()
finish()
