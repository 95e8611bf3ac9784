// Child processes: the guest may start only the programs you list, never through a shell, and
// `node` is a nested sandbox with the same grants rather than the host's node.
//
//   swift run --package-path Examples child-processes
import ExampleSupport
import SecureExec
import Synchronization

// Only these programs, looked up in /usr/local/bin, /usr/bin and /bin (never in a PATH the guest sets).
let allowed = PermissionCheck<ChildProcessAccessRequest>.allow(commands: ["echo", "sort", "node"])
let spawned = Mutex<[String]>([])

let transcript = Transcript()
let runtime = try NodeRuntime(
    systemDriver: NodeDriver(
        // Real processes on the host, started in an empty temporary folder with only the
        // environment the guest may see, and killed with their process group when the call ends.
        commandExecutor: HostCommandExecutor(),
        permissions: Permissions(
            // Keep a log of what was asked, and let the builder decide.
            childProcess: .check { (request: ChildProcessAccessRequest) async -> PermissionDecision in
                spawned.withLock { $0.append(([request.command] + request.args).joined(separator: " ")) }
                return await allowed.decide(request)
            }
        )
    ),
    onStdio: transcript.record
)

print("the guest runs a few programs; some are allowed")
let result = try await runtime.exec("""
    const { execFileSync, spawn, spawnSync, exec } = require('child_process');

    // Synchronous, with the output as a string.
    console.log('echo:', execFileSync('echo', ['hello', 'from', 'echo'], { encoding: 'utf8' }).trim());

    // Streaming: write to the child's stdin, read its stdout as it comes.
    const sorted = await new Promise((resolve, reject) => {
      const child = spawn('sort');
      let out = '';
      child.stdout.on('data', (chunk) => { out += chunk; });
      child.on('error', reject);
      child.on('close', (code) => resolve(`${out.trim().split('\\n').join(',')} (exit ${code})`));
      child.stdin.end('pear\\napple\\nfig\\n');
    });
    console.log('sort:', sorted);

    // Not on the list: Node's own spawn error, EACCES.
    const denied = spawnSync('curl', ['http://example.com']);
    console.log('curl:', denied.error.code, denied.error.message);

    // A shell would run anything, so shells need their own grant.
    await new Promise((resolve) => exec('echo $HOME', (err) => { console.log('shell:', err.code); resolve(); }));

    // `node` is a nested sandboxed runtime: same driver, same grants, never the host's node.
    console.log('node:', execFileSync('node', ['-p', 'require("os").hostname() + " " + process.version'], { encoding: 'utf8' }).trim());
    """)

expect(result, ExecResult(code: 0), "the guest finished")
expect(transcript.stdout, """
    echo: hello from echo
    sort: apple,fig,pear (exit 0)
    curl: EACCES spawnSync curl EACCES
    shell: EACCES
    node: sandbox v22.20.0

    """, "allowed programs ran, the others failed as Node reports a failed spawn")
let asked = spawned.withLock { $0 }
expect(asked.contains("/bin/sh -c echo $HOME"), "a shell request names the shell and the whole command line",
       detail: "\(asked)")

await runtime.dispose()
finish()
