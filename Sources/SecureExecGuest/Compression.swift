import CSecureExecCompression
import SecureExecEngine

/// The zlib and brotli streams of one session (`zlib` module natives). Each stream is a handle
/// (a number) to guest code; the session frees whatever is left when it ends. Compression runs
/// where the engine runs: in the worker process by default, never on untrusted data in the host.
final class CompressionStreams {
    private var codecs: [Int: OpaquePointer] = [:]
    private var next = 1
    /// At most this many open streams per session (each holds up to a few hundred KiB).
    let limit: Int

    init(limit: Int) { self.limit = limit }

    deinit {
        for codec in codecs.values { se_codec_destroy(codec) }
    }

    /// Defines the natives on `natives`.
    func install(on natives: JSObjectRef, context ctx: EngineContext) {
        func define(_ name: String, _ body: @escaping HostFunctionBody) {
            ctx.set(natives, name, ctx.makeFunction(name: name, body), readOnly: true)
        }
        // (mode, level, windowBits, memLevel, strategy) → handle, or a negative zlib code.
        define("zlibCreate") { [unowned self] call in
            guard codecs.count < limit else { return ctx.number(-1000) }
            let args = (0..<5).map { Int32(truncatingIfNeeded: Int(ctx.toNumber(call[$0]))) }
            var error: Int32 = 0
            guard let codec = se_codec_create(args[0], args[1], args[2], args[3], args[4], &error) else {
                return ctx.number(Double(error == 0 ? -2 : error))
            }
            let id = next
            next += 1
            codecs[id] = codec
            return ctx.number(Double(id))
        }
        define("zlibDictionary") { [unowned self] call in
            guard let codec = codec(ctx, call[0]) else { return ctx.number(-2) }
            let result = ctx.withBytes(of: call[1]) { bytes -> Int32 in
                guard let bytes, let base = bytes.baseAddress else { return -2 }
                return se_codec_set_dictionary(codec, base.assumingMemoryBound(to: UInt8.self), bytes.count)
            }
            return ctx.number(Double(result))
        }
        define("zlibBrotliParam") { [unowned self] call in
            guard let codec = codec(ctx, call[0]) else { return ctx.number(-1) }
            let value = ctx.toNumber(call[2])
            guard value >= 0, value <= Double(UInt32.max) else { return ctx.number(-1) }
            return ctx.number(Double(se_codec_brotli_param(codec, Int32(truncatingIfNeeded: Int(ctx.toNumber(call[1]))), UInt32(value))))
        }
        // (handle, bytes | undefined, flush, maxOutput) → [output, code, ended, truncated, message]
        define("zlibProcess") { [unowned self] call throws(JSThrow) in
            guard let codec = codec(ctx, call[0]) else {
                // Each allocated value in a local (the collector sees the stack, not an array's
                // heap buffer) until the array holds them.
                let message = ctx.string("stream is closed")
                let empty = ctx.uint8Array(copying: UnsafeRawBufferPointer(start: nil, count: 0))
                let result = try ctx.array([empty, ctx.number(-2), ctx.boolean(false), ctx.boolean(false), message])
                withExtendedLifetime(message) {}
                return result
            }
            let flush = Int32(truncatingIfNeeded: Int(ctx.toNumber(call[2])))
            let maxOutput = max(0, min(ctx.toNumber(call[3]), Double(Int32.max)))
            var output: UnsafeMutablePointer<UInt8>?
            var length = 0
            var truncated: Int32 = 0
            var ended: Int32 = 0
            var message: UnsafePointer<CChar>?
            let code = ctx.withBytes(of: call[1]) { bytes -> Int32 in
                let base = bytes?.baseAddress?.assumingMemoryBound(to: UInt8.self)
                return se_codec_process(codec, base, bytes?.count ?? 0, flush, &output, &length, Int(maxOutput),
                                        &truncated, &ended, &message)
            }
            defer { se_codec_free_output(output) }
            let bytes = ctx.uint8Array(copying: UnsafeRawBufferPointer(start: output, count: length))
            let text = message.map { ctx.string(String(cString: $0)) } ?? ctx.undefined
            return try ctx.array([bytes, ctx.number(Double(code)), ctx.boolean(ended != 0), ctx.boolean(truncated != 0), text])
        }
        define("zlibParams") { [unowned self] call in
            guard let codec = codec(ctx, call[0]) else { return ctx.number(-2) }
            return ctx.number(Double(se_codec_params(codec, Int32(truncatingIfNeeded: Int(ctx.toNumber(call[1]))),
                                                     Int32(truncatingIfNeeded: Int(ctx.toNumber(call[2]))))))
        }
        define("zlibReset") { [unowned self] call in
            guard let codec = codec(ctx, call[0]) else { return ctx.number(-2) }
            return ctx.number(Double(se_codec_reset(codec)))
        }
        define("zlibClose") { [unowned self] call in
            let id = Int(ctx.toNumber(call[0]))
            if let codec = codecs.removeValue(forKey: id) { se_codec_destroy(codec) }
            return ctx.undefined
        }
        define("crc32") { call in
            let initial = ctx.toNumber(call[1])
            let start = initial.isFinite && initial >= 0 && initial <= Double(UInt32.max) ? UInt32(initial) : 0
            let crc = ctx.withBytes(of: call[0]) { bytes -> UInt32 in
                guard let bytes, let base = bytes.baseAddress else { return start }
                return se_crc32(start, base.assumingMemoryBound(to: UInt8.self), bytes.count)
            }
            return ctx.number(Double(crc))
        }
        ctx.set(natives, "haveBrotli", ctx.boolean(se_have_brotli() != 0), readOnly: true)
    }

    private func codec(_ ctx: EngineContext, _ value: JSValueRef) -> OpaquePointer? {
        codecs[Int(ctx.toNumber(value))]
    }
}
