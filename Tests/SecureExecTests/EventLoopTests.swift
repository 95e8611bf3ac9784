import Foundation
@testable import SecureExec
import Testing

@Suite("Event loop, limits and clocks", .timeLimit(.minutes(2)))
struct EventLoopTests {
    @Test func nodeOrderingOfTicksMicrotasksTimersAndImmediates() async throws {
        // Only orders Node guarantees (a top-level setTimeout(0) vs setImmediate is not one).
        let (_, output) = try await exec("""
            const log = [];
            setImmediate(() => {
              log.push('immediate');
              process.nextTick(() => log.push('tick in immediate'));
              setImmediate(() => {
                log.push('immediate in immediate');
                require('fs').readFile('/tmp', () => {
                  // After an I/O callback the check phase comes before the next timers phase.
                  setTimeout(() => { log.push('timeout after io'); console.log(log.join('\\n')) }, 0);
                  setImmediate(() => log.push('immediate after io'));
                });
              });
            });
            Promise.resolve().then(() => { log.push('promise'); process.nextTick(() => log.push('tick in promise')) });
            process.nextTick(() => { log.push('tick'); Promise.resolve().then(() => log.push('promise in tick')) });
            queueMicrotask(() => log.push('microtask'));
            log.push('sync');
            """, NodeDriver(permissions: .allowAllFs))
        #expect(output.stdout == """
            sync
            tick
            promise
            microtask
            promise in tick
            tick in promise
            immediate
            tick in immediate
            immediate in immediate
            immediate after io
            timeout after io

            """)
    }

    @Test func timersRunInDueOrderAndCanBeCleared() async throws {
        let (_, output) = try await exec("""
            const log = [];
            setTimeout(() => log.push(30), 30);
            setTimeout(() => log.push(10), 10);
            const t = setTimeout(() => log.push('cleared'), 5); clearTimeout(t);
            setTimeout((a, b) => log.push(a + b), 15, 'ar', 'gs');
            const im = setImmediate(() => log.push('cleared immediate')); clearImmediate(im);
            setTimeout(() => {
              // Due order holds however late the loop runs; the interval starts afterwards.
              let n = 0; const i = setInterval(() => { log.push('i' + (++n)); if (n === 3) { clearInterval(i); console.log(log.join()) } }, 1);
            }, 40);
            """)
        #expect(output.stdout == "10,args,30,i1,i2,i3\n")
    }

    /// Node's timer details: a timer counts as active while its callback runs, delays are whole
    /// milliseconds (1.1 and 1.8 run with 1, in creation order), refresh() re-arms a fired timer,
    /// a timer without a callback ends, and the deprecated enroll/active API works.
    @Test func timersKeepNodesDetails() async throws {
        let (result, output) = try await exec("""
            const timers = require('timers');
            const order = [];
            for (const d of [1, 1.8, 1.1, 1]) setTimeout(() => order.push(d), d);
            const t = setTimeout(() => {
              const n = process.getActiveResourcesInfo().filter((x) => x === 'Timeout').length;
              if (!t.refreshed) { t.refreshed = true; order.push('active:' + n); t.refresh(); return; }
              console.log(order.join(), typeof item._idleStart);
            }, 3);
            const gone = setInterval(() => order.push('never'), 1); gone._onTimeout = null;
            const item = { _onTimeout() { order.push('enrolled'); } };
            process.on('warning', () => {});
            timers.enroll(item, 2); timers.active(item);
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "1,1.8,1.1,1,enrolled,active:1 number\n")
    }

    @Test func unrefTimersDoNotKeepTheCallAlive() async throws {
        let (result, output) = try await exec("setTimeout(() => console.log('never'), 5000).unref(); console.log('done')")
        #expect(result.code == 0)
        #expect(output.stdout == "done\n")
    }

    /// A host operation a 'beforeExit' listener starts keeps the loop alive like a timer does;
    /// 'beforeExit' comes again once it finished (a server closed from 'listening').
    @Test func beforeExitWaitsForHostWorkItStarted() async throws {
        let (result, output) = try await exec("""
            const fs = require('fs');
            let rounds = 0;
            process.on('beforeExit', () => {
              rounds++;
              if (rounds === 1) fs.readdir('/', () => console.log('read'));
              else if (rounds === 2) console.log('again');
            });
            """, NodeDriver(permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "read\nagain\n")
    }

    @Test func beforeExitCanScheduleMoreWork() async throws {
        let (_, output) = try await exec("""
            let once = false;
            process.on('beforeExit', (code) => { console.log('beforeExit', code); if (!once) { once = true; setTimeout(() => console.log('more'), 1) } });
            process.on('exit', (code) => console.log('exit', code));
            """)
        #expect(output.stdout == "beforeExit 0\nmore\nbeforeExit 0\nexit 0\n")
    }

    @Test(arguments: [
        "for (;;) {}",
        "function f() { Promise.resolve().then(f) } f()",
        "(async () => { for (;;) await null })()",
        "setInterval(() => { const end = Date.now() + 1; let x = 0; for (let i = 0; i < 1e6; i++) x += i }, 0)",
        "function spin() { setImmediate(spin); for (let i = 0; i < 1e5; i++); } spin()",
    ])
    func runawayCodeHitsTheCPULimit(code: String) async throws {
        let limits = ResourceLimits(cpuTime: .milliseconds(200))
        let (runtime, output) = try makeRuntime(limits: limits)
        let result = try await runtime.exec(code)
        #expect(result == ExecResult(code: 124, errorMessage: "CPU time limit exceeded"))
        let after = try await runtime.exec("console.log('still works')")
        #expect(after.code == 0)
        #expect(output.stdout == "still works\n")
    }

    @Test func cpuLimitPerCallOverridesTheRuntimes() async throws {
        let (runtime, _) = try makeRuntime()
        let result = try await runtime.exec("for (;;) {}", options: ExecOptions(cpuTime: .milliseconds(50)))
        #expect(result.code == 124)
    }

    @Test func cpuLimitIsCPUTimeNotWallTime() async throws {
        let limits = ResourceLimits(cpuTime: .milliseconds(100))
        let (result, output) = try await exec("setTimeout(() => console.log('slept'), 300)", limits: limits)
        #expect(result.code == 0)
        #expect(output.stdout == "slept\n")
    }

    @Test func wallClockLimit() async throws {
        let limits = ResourceLimits(wallClock: .milliseconds(100))
        let (result, _) = try await exec("setTimeout(() => {}, 10000)", limits: limits)
        #expect(result == ExecResult(code: 124, errorMessage: "wall-clock limit exceeded"))
    }

    @Test func terminateStopsARunningCall() async throws {
        let (runtime, output) = try makeRuntime()
        async let result = runtime.exec("for (;;) {}")
        try await Task.sleep(for: .milliseconds(100))
        runtime.terminate()
        let stopped = try await result
        #expect(stopped == ExecResult(code: 124, errorMessage: "execution terminated"))
        _ = try await runtime.exec("console.log('next')")
        #expect(output.stdout == "next\n")
    }

    @Test func terminateStopsACallWaitingOnTimers() async throws {
        let (runtime, _) = try makeRuntime()
        async let result = runtime.exec("setTimeout(() => {}, 60000)")
        try await Task.sleep(for: .milliseconds(50))
        runtime.terminate()
        #expect(try await result.code == 124)
    }

    /// terminate() right after a call was submitted (before its engine started it) still
    /// stops it; a call submitted afterwards runs.
    @Test func terminateStopsACallThatHasNotStartedYet() async throws {
        let (runtime, output) = try makeRuntime()
        async let first = runtime.exec("setTimeout(() => console.log('first ran'), 30000)")
        async let second = runtime.exec("console.log('second ran')")
        while runtime.tickets.submitted < 2 { try await Task.sleep(for: .milliseconds(1)) }
        runtime.terminate()
        #expect(try await first.code == 124)
        #expect(try await second.code == 124)
        let third = try await runtime.exec("console.log('third ran')")
        #expect(third.code == 0)
        #expect(output.stdout == "third ran\n")
        await runtime.dispose()
    }

    @Test func frozenClocksStandStill() async throws {
        let (_, output) = try await exec("""
            const a = Date.now(), d = new Date(), p = performance.now(), h = process.hrtime.bigint();
            let x = 0; for (let i = 0; i < 3e6; i++) x += i;
            console.log(a === Date.now(), d.getTime() === a, p, performance.now(), h === process.hrtime.bigint(),
                        typeof SharedArrayBuffer, new Date(0).getTime(), Date() === new Date(a).toString(),
                        new Date() instanceof Date, Object.getOwnPropertyDescriptor(globalThis, 'Date').writable);
            console.log(String(Date), String(Date.now), Date.length, Date.prototype.constructor === Date);
            """)
        #expect(output.stdout == "true true 0 0 true undefined 0 true true false\nfunction Date() { [native code] } function now() { [native code] } 7 true\n")
    }

    /// A nextTick loop (each tick queues the next, as Node's starvation test does) lets go of the
    /// ticks it has run: a million of them stay well inside the memory limit.
    @Test func aNextTickLoopLetsGoOfItsTicks() async throws {
        let (result, output) = try await exec("""
            const before = process.memoryUsage().rss;
            let n = 0;
            function spin() { if (++n < 1e6) { process.nextTick(spin, { n }); return; } console.log(n, process.memoryUsage().rss - before < 40 * 1024 * 1024); }
            spin();
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "1000000 true\n")
    }

    @Test func clocksRunWithTimingMitigationOff() async throws {
        let (_, output) = try await exec("""
            const a = performance.now(); let x = 0; for (let i = 0; i < 3e6; i++) x += i;
            console.log(performance.now() > a, Date.now() > 1.7e12)
            """, timing: .off)
        #expect(output.stdout == "true true\n")
    }

    /// With clocks running, `SharedArrayBuffer` exists as in Node. No other thread can notify an
    /// `Atomics.wait`, so a matching wait times out after its timeout (a wait the CPU limit and
    /// terminate() can end, never a blocked thread); an endless one ends at the CPU limit.
    @Test func sharedMemoryWithClocksRunning() async throws {
        let (result, output) = try await exec("""
            const ia = new Int32Array(new SharedArrayBuffer(8));
            const start = performance.now();
            const waited = Atomics.wait(ia, 0, 0, 30);
            console.log(Atomics.wait(ia, 0, 1), waited, performance.now() - start >= 29, Atomics.wait(ia, 1, 0, 0));
            try { Atomics.wait(new Int32Array(2), 0, 0, 1); } catch (e) { console.log(e.name); }
            try { Atomics.wait(ia, 5, 0, 1); } catch (e) { console.log(e.name, e.message); }
            console.log(String(Atomics.wait), require('util').inspect(ia.buffer), require('util').types.isSharedArrayBuffer(ia.buffer));
            """, timing: .off)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            not-equal timed-out true timed-out
            TypeError
            RangeError Invalid atomic access index
            function wait() { [native code] } SharedArrayBuffer {
              [Uint8Contents]: <00 00 00 00 00 00 00 00>,
              byteLength: 8
            } true

            """, "\(output.stdout)")
        let (endless, _) = try await exec("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)",
                                          limits: ResourceLimits(cpuTime: .milliseconds(300)), timing: .off)
        #expect(endless.code == 124, "\(endless)")
    }

    @Test func outputIsBoundedPerCall() async throws {
        let limits = ResourceLimits(maxOutputBytes: 1000)
        let (result, output) = try await exec("for (let i = 0; i < 10000; i++) console.log('line ' + i)", limits: limits)
        #expect(result.code == 0)
        #expect(output.stdout.utf8.count < 1200)
        #expect(output.stdout.contains("[output truncated: limit of 1000 bytes reached]"))
    }

    @Test func timerBudget() async throws {
        let limits = ResourceLimits(maxTimers: 100)
        let (_, output) = try await exec("""
            try { for (let i = 0; i < 1000; i++) setTimeout(() => {}, 1) } catch (e) { console.log(e.code) }
            """, limits: limits)
        #expect(output.stdout == "ERR_RESOURCE_BUDGET_EXCEEDED\n")
    }

    @Test func bridgePayloadsAreBounded() async throws {
        let limits = ResourceLimits(maxBinaryPayloadBytes: 1024)
        let (_, output) = try await exec("""
            try { require('fs').writeFileSync('/tmp/big', 'x'.repeat(4096)) } catch (e) { console.log(e.code, e.name) }
            """, NodeDriver(permissions: .allowAllFs), limits: limits)
        #expect(output.stdout == "ERR_SANDBOX_PAYLOAD_TOO_LARGE RangeError\n")
    }

    @Test func deepRecursionIsARangeError() async throws {
        let (_, output) = try await exec("function f() { f() } try { f() } catch (e) { console.log(e instanceof RangeError) }")
        #expect(output.stdout == "true\n")
    }
}
