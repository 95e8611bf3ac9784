import NIOSSL
import SecureExecBridge
import Synchronization

/// TLS contexts for the sandbox's own servers (`https.createServer`, `tls.createServer`) and for
/// connections to them. Connections to any other destination always use the verifying client
/// context with the system's trust roots (``HTTPClientConnection/tlsContext``).
enum TLSContexts {
    /// The largest PEM text (key or certificate chain) a guest may hand over.
    static let maxPEMBytes = 64 << 10

    /// The server context for a guest's `{tls: {key, cert}}` listen arguments (nil: no `tls`).
    static func server(_ args: Arguments) throws -> NIOSSLContext? {
        guard let value = args.raw["tls"], !value.isNull else { return nil }
        guard let key = value["key"]?.stringValue, let cert = value["cert"]?.stringValue else {
            throw GuestError.invalidArgument("The \"options.key\" and \"options.cert\" properties must be PEM strings")
        }
        guard key.utf8.count <= maxPEMBytes, cert.utf8.count <= maxPEMBytes else {
            throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE", message: "a TLS key or certificate exceeds 64 KiB",
                             name: "RangeError")
        }
        let chain: [NIOSSLCertificate]
        let privateKey: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(Array(cert.utf8))
            privateKey = try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem)
        } catch {
            throw GuestError(code: "ERR_OSSL_PEM_NO_START_LINE", message: "error:0480006C:PEM routines::no start line")
        }
        guard !chain.isEmpty else {
            throw GuestError(code: "ERR_OSSL_PEM_NO_START_LINE", message: "error:0480006C:PEM routines::no start line")
        }
        do {
            return try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey)))
        } catch {
            throw GuestError(code: "ERR_OSSL_KEY_VALUES_MISMATCH", message: "key values mismatch")
        }
    }

    /// A client context for a connection to one of the sandbox's own servers: `ca` (PEM) as the
    /// only trust roots when given, no verification with `rejectUnauthorized: false`, otherwise
    /// the system's roots (as for every other destination).
    static func ownServerClient(_ args: Arguments) throws -> NIOSSLContext {
        if args.bool("rejectUnauthorized") == false { return try unverifiedClient() }
        if let ca = try args.optionalString("ca") {
            guard ca.utf8.count <= maxPEMBytes else {
                throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE", message: "options.ca exceeds 64 KiB", name: "RangeError")
            }
            guard let roots = try? NIOSSLCertificate.fromPEMBytes(Array(ca.utf8)), !roots.isEmpty else {
                throw GuestError(code: "ERR_OSSL_PEM_NO_START_LINE", message: "error:0480006C:PEM routines::no start line")
            }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.trustRoots = .certificates(roots)
            do {
                return try NIOSSLContext(configuration: configuration)
            } catch {
                throw GuestError(code: "ERR_TLS_CONTEXT", message: "TLS is not available on this host")
            }
        }
        do {
            return try HTTPClientConnection.tlsContext.get()
        } catch {
            throw GuestError(code: "ERR_TLS_CONTEXT", message: "TLS is not available on this host")
        }
    }

    private static let unverified: Result<NIOSSLContext, GuestError> = {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        do {
            return .success(try NIOSSLContext(configuration: configuration))
        } catch {
            return .failure(GuestError(code: "ERR_TLS_CONTEXT", message: "TLS is not available on this host"))
        }
    }()

    /// A client context that does not verify the server (only ever for the sandbox's own servers).
    static func unverifiedClient() throws -> NIOSSLContext { try unverified.get() }
}
