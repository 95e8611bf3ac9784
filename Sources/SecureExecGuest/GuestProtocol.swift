package import SecureExecBridge

/// How the guest side reaches the host. Implementations: in-process (direct calls into the host's
/// bridge handlers) and the worker's socket. Called on the engine thread only.
package protocol GuestTransport: AnyObject {
    /// Sends a request and blocks the engine thread until the host answers.
    func callSync(_ request: BridgeRequest) -> BridgeResponse
    /// Sends an async request (its answer arrives in the session inbox) or an event (no answer).
    func send(_ request: BridgeRequest)
}

/// What arrives in a running session's inbox from the host.
package enum GuestInbound: Sendable {
    /// The answer to an async request.
    case response(BridgeResponse)
    /// A host-initiated event (stream data, a server request, …): kind, JSON, bytes.
    case event(kind: String, json: [UInt8], binary: [UInt8]?)
    /// Stop the running call now (`terminate()`, a wall-clock limit).
    case terminate(reason: GuestOutcome.Reason)
}

