// Resource limits: a memory bomb, an endless loop and a call that never ends each stop with a
// result, the host keeps running, and the same runtime serves the next call.
//
//   swift run --package-path Examples resource-limits
import ExampleSupport
import SecureExec

// The engine runs in a worker process (the default isolation), so the memory limit covers the
// whole worker and a kill ends only the call. A worker at rest uses about 40 MiB.
let runtime = try NodeRuntime(limits: ResourceLimits(memoryMB: 128, cpuTime: .seconds(5)))

/// After every limit the runtime must still work: a fresh context (and, after a kill, a fresh worker).
func expectStillWorks(_ after: String) async throws {
    let next = try await runtime.run("module.exports = 6 * 7")
    expect(next.exports, 42, "the next call works after \(after)")
}

print("1. memory: allocate without bound")
let memory = try await runtime.exec("""
    const keep = [];
    for (;;) keep.push(new Uint8Array(16 << 20).fill(1));   // 16 MiB at a time, all kept alive
    """)
expect(memory, ExecResult(code: 137, errorMessage: "memory limit exceeded"), "the worker is killed at 128 MiB")
try await expectStillWorks("the memory limit")

print("2. CPU time: an endless loop, with a tighter budget for this one call")
let cpu = try await runtime.exec("for (;;) {}", options: ExecOptions(cpuTime: .milliseconds(300)))
expect(cpu, ExecResult(code: 124, errorMessage: "CPU time limit exceeded"), "the loop stops after 300 ms of CPU")
try await expectStillWorks("the CPU limit")

print("3. also runaway async code, which never returns to the event loop")
let microtasks = try await runtime.exec("(async () => { for (;;) await null; })()",
                                        options: ExecOptions(cpuTime: .milliseconds(300)))
expect(microtasks.errorMessage, "CPU time limit exceeded", "an await loop is caught too")

print("4. wall-clock time: a call that waits forever uses no CPU, so bound its elapsed time")
let waiting = try await runtime.exec("setInterval(() => {}, 1000)", options: ExecOptions(wallClock: .milliseconds(300)))
expect(waiting, ExecResult(code: 124, errorMessage: "wall-clock limit exceeded"), "the wait ends after 300 ms")

print("5. terminate(): stop a running call from elsewhere (a cancel button, a shutdown)")
// Here the stop comes as soon as the guest reports that it is waiting, from the output handler's thread.
let stopped = try await runtime.exec("console.log('waiting'); setInterval(() => {}, 1000)",
                                     options: ExecOptions(onStdio: { _ in runtime.terminate() }))
expect(stopped, ExecResult(code: 124, errorMessage: "execution terminated"), "the call ends at once")
try await expectStillWorks("terminate()")

print("6. deep recursion is an ordinary, catchable RangeError, as in Node")
let recursion = try await runtime.run("""
    function down(n) { return down(n + 1) + 1; }
    try { down(0); } catch (err) { module.exports = err instanceof RangeError; }
    """)
expect(recursion.exports, true, "the guest caught its own stack overflow")

await runtime.dispose()
finish()
