// The worker process: one runtime's engine, isolated from the host. It holds no capability of its
// own: every effect is a request over the socket on descriptor 3, answered by the host after its
// permission checks. It starts with an empty environment and closes every other descriptor.
#if canImport(Glibc)
import Glibc
#endif
import CSecureExecSystem
import SecureExecBridge
import SecureExecGuest

let channel: Int32 = 3
/// Answers to sync requests, read by the engine thread itself while it waits.
let replyChannel: Int32 = 4
/// Sync requests and their answers in shared memory (descriptor 5, mapped and closed here).
let syncChannel = SyncChannel.attach(descriptor: 5)

// Nothing but the channels (and stdio, pointed at /dev/null by the host) stays open.
closefrom(5)

// Large blocks (bridge frames, the bytes behind typed arrays the host hands in) come from their
// own mappings and go back to the system when freed. By default glibc raises this threshold
// after the first such block is freed and serves later ones from its heaps, where freed memory
// stays resident — the memory limit counts resident memory, so garbage would count against it.
se_map_large_blocks(256 * 1024)

/// After the engine is up: no more files, sockets, programs or processes (seccomp, all threads).
func lockDown() {
    let result = se_install_worker_seccomp()
    if result != 0 { fail("worker: seccomp filter refused (\(-result))\n") }
}

// `--self-test-lockdown`: start an engine, lock down, then report what the lockdown refuses
// (the test suite runs this; a worker never gets arguments from the host).
if CommandLine.arguments.dropFirst().first == "--self-test-lockdown" {
    let vm = EngineSelfTest.start()
    lockDown()
    let opened = open("/etc/hostname", O_RDONLY)
    print("open: \(opened < 0 ? String(cString: strerror(errno)) : "opened")")
    let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    print("socket: \(sock < 0 ? String(cString: strerror(errno)) : "created")")
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
    let spawned = posix_spawn(&pid, "/bin/true", nil, nil, argv, nil)
    print("spawn: \(spawned != 0 ? String(cString: strerror(spawned)) : "started")")
    var info = stat()
    print("stat: \(stat("/etc/hostname", &info) != 0 ? String(cString: strerror(errno)) : "found")")
    print("signal: \(Glibc.kill(getppid(), 0) != 0 ? String(cString: strerror(errno)) : "sent")")
    print("engine: \(EngineSelfTest.evaluate(vm))")
    exit(0)
}

/// Where the guest's requests go: frames on the channel. A sync request that fits goes through
/// the shared memory instead (``SyncChannel``: the host is woken through the channel only when it
/// is not watching), and its answer comes back there, or on the reply channel when too large,
/// which only the engine thread reads: at most one sync call is outstanding (it blocks that
/// thread), and the host answers every one — with `ERR_SANDBOX_TERMINATED` when the call is
/// stopped meanwhile.
final class SocketTransport: GuestTransport {
    /// The reply channel's frames (the engine thread's, for every call).
    let replies: FrameReceiver
    init(replies: FrameReceiver) { self.replies = replies }

    func callSync(_ request: BridgeRequest) -> BridgeResponse {
        let frame = WorkerMessage.request(request).encoded()
        if let sync = syncChannel, frame.count <= sync.capacity {
            if !sync.post(frame) {
                guard FrameIO.write(channel, WorkerMessage.wake.encoded()) else { exit(0) }
            }
            if case .frame(let body) = sync.awaitAnswer(spinNanoseconds: 60_000) {
                guard case .response(let reply)? = try? WorkerMessage.decode(body), reply.id == request.id else {
                    fail("worker: unexpected answer in shared memory\n")
                }
                return stopSeen(reply)
            }
        } else {
            guard FrameIO.write(channel, frame) else { exit(0) }
        }
        replies.spin(nanoseconds: 60_000)
        while true {
            let body: [UInt8]?
            do { body = try replies.read() } catch { fail("worker: \(error)\n") }
            guard let body else { exit(0) }
            guard case .response(let reply)? = try? WorkerMessage.decode(body) else { fail("worker: unexpected reply frame\n") }
            if reply.id == request.id { return stopSeen(reply) }
        }
    }

    func send(_ request: BridgeRequest) {
        guard FrameIO.write(channel, WorkerMessage.request(request).encoded()) else { exit(0) }
    }

    /// `reply`, once the reader has seen the stop when it is the refusal of a stopped call: the
    /// host sends the stop on the channel before it refuses, but the refusal can come first
    /// (through the shared memory); the call must end as stopped (124), not with the refusal as
    /// an ordinary error. Waits at most 100 ms (a refusal between calls has no stop behind it).
    private func stopSeen(_ reply: BridgeResponse) -> BridgeResponse {
        guard reply.status == .error, !stop.isRequested, Self.contains(reply.json, Self.terminated) else { return reply }
        let deadline = MonotonicClock.nanoseconds() &+ 100_000_000
        var pause = timespec(tv_sec: 0, tv_nsec: 20_000)
        while !stop.isRequested, MonotonicClock.nanoseconds() < deadline { nanosleep(&pause, nil) }
        return reply
    }

    private static let terminated = Array("ERR_SANDBOX_TERMINATED".utf8)

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in bytes[start..<start + needle.count].elementsEqual(needle) }
    }
}

/// The running call's inbox (touched by the reader and the engine thread).
final class CallBoxes: @unchecked Sendable {
    // @unchecked: Mailbox is thread-safe; the box is replaced only between calls, by the
    // reader, before it posts the call to the engine thread.
    var inbox = Mailbox<GuestInbound>()
}

func fail(_ message: String) -> Never {
    _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
    exit(70)
}

/// The channel's frames (this, the main thread's, for the worker's life).
let frames = FrameReceiver(channel)
guard let first = try? frames.read(), case .configure(let configJSON)? = try? WorkerMessage.decode(first),
      let configuration = try? JSONValue.parse(configJSON) else { fail("worker: expected a configuration frame\n") }

/// The worker's resident memory, read from /proc/self/statm through a descriptor opened before
/// the lockdown (reading it again is a pread: allowed, and names no path).
enum ResidentMemory {
    static let statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    static func bytes() -> Int? {
        guard statm >= 0 else { return nil }
        return ResidentPages.read(statm: statm).map { $0 * pageSize }
    }
}
_ = ResidentMemory.statm

let stop = StopSignal()
let guest = ThreadConfinedGuest()
// An idle worker is mostly engine memory: after 100 ms without a job it collects and returns
// free pages (the host measures this process's memory; an idle runtime should cost little).
let engine = EngineThread(whenIdle: { guest.runtime?.releaseIdleMemory() })
engine.post {
    guest.runtime = GuestRuntime(configuration: configuration, stop: stop, cpuClock: MonotonicClock.threadCPUNanoseconds,
                                 residentBytes: ResidentMemory.bytes)
    guest.runtime?.warmUp()
    lockDown()
}
let boxes = CallBoxes()

/// Holds the engine-thread-only runtime.
final class ThreadConfinedGuest: @unchecked Sendable {
    // @unchecked: set and used on the engine thread only.
    var runtime: GuestRuntime?
    /// The reply channel's frames, read by the engine thread while a sync request waits.
    let replies = FrameReceiver(replyChannel)
}

// The reader: frames from the host, until the host closes the channel. (The engine thread writes
// its requests on the same socket: see `FrameReceiver.waitReadable`.)
while true {
    let body: [UInt8]?
    frames.waitReadable()
    do {
        body = try frames.read()
    } catch {
        fail("worker: \(error)\n")
    }
    guard let body else { exit(0) }
    let message: WorkerMessage
    do {
        message = try WorkerMessage.decode(body)
    } catch {
        fail("worker: \(error)\n")
    }
    switch message {
    case .execute(let execution):
        boxes.inbox = Mailbox()
        stop.reset()
        let inbox = boxes.inbox
        engine.post {
            guard let runtime = guest.runtime else { fail("worker: no runtime\n") }
            let outcome = runtime.execute(execution, transport: SocketTransport(replies: guest.replies), inbox: inbox)
            guard FrameIO.write(channel, WorkerMessage.outcome(outcome).encoded()) else { exit(0) }
        }
    case .prepare:
        engine.post { guest.runtime?.prepareNext() }
    case .response(let response):
        // Async answers (sync ones arrive on the reply channel).
        boxes.inbox.post(.response(response))
    case .event(let kind, let json, let binary):
        boxes.inbox.post(.event(kind: kind, json: json, binary: binary))
    case .terminate(let code):
        let reason: GuestOutcome.Reason = code == 2 ? .wallClockLimit : code == 3 ? .memoryLimit : .terminated
        stop.request(reason)
        boxes.inbox.post(.terminate(reason: reason))
    case .configure(let json):
        // A pooled worker taken by a runtime with its own configuration (between calls only).
        guard let configuration = try? JSONValue.parse(json) else { fail("worker: bad configuration\n") }
        engine.post {
            guest.runtime?.reconfigure(configuration)
            guest.runtime?.prepareNext()
        }
    case .request, .outcome, .wake:
        fail("worker: unexpected frame\n")
    }
}
