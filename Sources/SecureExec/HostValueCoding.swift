import Foundation
import SecureExecBridge

/// Typed host functions: guest arguments decoded as `Decodable` inputs, `Encodable` outputs
/// turned back into ``HostValue``s. Both go through JSON with strategies that keep dates, bytes
/// and non-finite numbers.
enum HostValueCoding {
    // MARK: - Arguments → Input

    static func decode<T: Decodable>(_ type: T.Type, from arguments: [HostValue], function: String) throws -> T {
        guard arguments.count <= 1 else {
            throw GuestError(code: "ERR_INVALID_ARG_TYPE",
                             message: "\(function) takes one argument (received \(arguments.count))", name: "TypeError")
        }
        let argument = arguments.first ?? .undefined
        if let value = argument as? T { return value }
        var json: [UInt8] = []
        argument.writeDecodable(to: &json)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(decodeDate)
        decoder.dataDecodingStrategy = .custom(decodeData)
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(T.self, from: Data(json))
        } catch let error as DecodingError {
            throw GuestError(code: "ERR_INVALID_ARG_TYPE",
                             message: describe(error, argument: argument, function: function, input: typeName(T.self)),
                             name: "TypeError")
        } catch let error as HostFunctionError {
            throw error
        } catch {
            throw GuestError(code: "ERR_INVALID_ARG_TYPE", message: "\(function): the argument is invalid", name: "TypeError")
        }
    }

    static func expectNoArguments(_ arguments: [HostValue], function: String) throws {
        guard arguments.allSatisfy(\.isUndefined) else {
            throw GuestError(code: "ERR_INVALID_ARG_TYPE",
                             message: "\(function) takes no arguments (received \(arguments.count))", name: "TypeError")
        }
    }

    /// A guest-readable message for a decoding failure: the function, the field, what was
    /// expected and what kind of value arrived. The decoder's own description is not used.
    static func describe(_ error: DecodingError, argument: HostValue, function: String, input: String) -> String {
        func field(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "the argument" }
            var text = ""
            for key in path {
                if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return "field \"\(text)\" of the argument"
        }
        func received(_ path: [any CodingKey]) -> String {
            var value: HostValue? = argument
            for key in path {
                switch value {
                case .object(let o)?: value = o[key.stringValue]
                case .array(let a)?: value = key.intValue.flatMap { a.indices.contains($0) ? a[$0] : nil }
                default: value = nil
                }
            }
            return (value ?? .undefined).kindDescription
        }
        func expected(_ type: Any.Type, _ path: [any CodingKey]) -> String {
            if path.isEmpty { return input }
            let name = typeName(type)
            if name.hasPrefix("Dictionary<") { return "object" }
            if name.hasPrefix("Array<") { return "array" }
            return name
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(function): \(field(context.codingPath)) must be of type \(expected(type, context.codingPath)) (received \(received(context.codingPath)))"
        case .keyNotFound(let key, let context):
            return "\(function): \(field(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return "\(function): \(field(context.codingPath)) has an invalid value (received \(received(context.codingPath)))"
        @unknown default:
            return "\(function): the argument is invalid"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        return name.hasPrefix("Swift.") ? String(name.dropFirst(6)) : name
    }

    private static func decodeDate(_ decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        if let ms = try? container.decode(Double.self) { return Date(timeIntervalSince1970: ms / 1000) }
        let text = try container.decode(String.self)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date")
    }

    private static func decodeData(_ decoder: any Decoder) throws -> Data {
        let container = try decoder.singleValueContainer()
        if let bytes = try? container.decode([UInt8].self) { return Data(bytes) }
        let text = try container.decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not base64")
        }
        return data
    }

    // MARK: - Output → HostValue

    static func encode<T: Encodable>(_ value: T, function: String) throws -> HostValue {
        if let value = value as? HostValue { return value }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.container(keyedBy: Marker.self)
            let ms = date.timeIntervalSince1970 * 1000
            try container.encode(ms.isFinite ? ms : nil, forKey: .date)
        }
        encoder.dataEncodingStrategy = .custom { data, encoder in
            var container = encoder.container(keyedBy: Marker.self)
            try container.encode(data.base64EncodedString(), forKey: .bytes)
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: Marker.infinity, negativeInfinity: Marker.negativeInfinity, nan: Marker.nan)
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw GuestError(code: "ERR_HOST_FUNCTION_RESULT", message: "\(function) returned a value that cannot be sent to the sandbox")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(data, maxDepth: 4096)
        } catch {
            throw GuestError(code: "ERR_HOST_FUNCTION_RESULT", message: "\(function) returned a value nested too deeply")
        }
        return fromEncoded(json)
    }

    private enum Marker: String, CodingKey {
        case date = "\u{0}date"
        case bytes = "\u{0}bytes"
        static let infinity = "\u{0}Infinity"
        static let negativeInfinity = "\u{0}-Infinity"
        static let nan = "\u{0}NaN"
    }

    private static func fromEncoded(_ json: JSONValue) -> HostValue {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s):
            switch s {
            case Marker.infinity: return .number(.infinity)
            case Marker.negativeInfinity: return .number(-.infinity)
            case Marker.nan: return .number(.nan)
            default: return .string(s)
            }
        case .array(let a): return .array(a.map(fromEncoded))
        case .object(let o):
            if o.count == 1, let value = o[Marker.date.rawValue] {
                return .date(Date(timeIntervalSince1970: (value.doubleValue ?? .nan) / 1000))
            }
            if o.count == 1, let text = o[Marker.bytes.rawValue]?.stringValue, let data = Data(base64Encoded: text) {
                return .binary(.uint8Array, Array(data))
            }
            return .object(o.mapValues(fromEncoded))
        }
    }
}

// MARK: - HostValue as JSON for decoders

extension HostValue {
    /// JSON a `JSONDecoder` reads with ``HostValueCoding``'s strategies: dates as milliseconds,
    /// bytes as arrays of numbers, bigints as exact integers, maps with string keys as objects
    /// (others as `[key, value]` pairs), sets as arrays, `undefined` as `null` (omitted in objects).
    func writeDecodable(to out: inout [UInt8]) {
        switch self {
        case .undefined, .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n):
            if n.isNaN { out.append(contentsOf: "\"NaN\"".utf8) }
            else if n.isInfinite { out.append(contentsOf: (n > 0 ? "\"Infinity\"" : "\"-Infinity\"").utf8) }
            else { JSONValue.number(n).write(to: &out) }
        case .bigInt(let digits): out.append(contentsOf: digits.utf8)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let a), .set(let a):
            out.append(UInt8(ascii: "["))
            for (i, element) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                element.writeDecodable(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            Self.writeObject(o.sorted { $0.key < $1.key }, to: &out)
        case .date(let date):
            let ms = date.timeIntervalSince1970 * 1000
            if ms.isFinite { JSONValue.number(ms).write(to: &out) } else { out.append(contentsOf: "null".utf8) }
        case .map(let entries):
            var keys: [(String, HostValue)] = []
            for (key, value) in entries {
                guard case .string(let s) = key else { keys = []; break }
                keys.append((s, value))
            }
            if keys.count == entries.count {
                Self.writeObject(keys, to: &out)
            } else {
                out.append(UInt8(ascii: "["))
                for (i, entry) in entries.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: "["))
                    entry.key.writeDecodable(to: &out)
                    out.append(UInt8(ascii: ","))
                    entry.value.writeDecodable(to: &out)
                    out.append(UInt8(ascii: "]"))
                }
                out.append(UInt8(ascii: "]"))
            }
        case .binary(_, let bytes):
            out.append(UInt8(ascii: "["))
            for (i, byte) in bytes.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: String(byte).utf8)
            }
            out.append(UInt8(ascii: "]"))
        case .regExp(let source, let flags): JSONValue.writeString("/\(source)/\(flags)", to: &out)
        case .error(let name, let message):
            Self.writeObject([("message", .string(message)), ("name", .string(name))], to: &out)
        }
    }

    private static func writeObject(_ entries: [(String, HostValue)], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for (key, value) in entries where !value.isUndefined {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            value.writeDecodable(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

// MARK: - HostValue inside Codable types

extension HostValue: Codable {
    /// Decodes any JSON-shaped value (so a `HostValue` field of a typed input takes whatever the
    /// guest passed there).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([HostValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: HostValue].self)) }
    }

    /// Encodes the value for an `Encoder`: dates as `Date`, bytes as `Data`, bigints as strings,
    /// maps as `[key, value]` pairs, sets as arrays, `undefined` as nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .undefined, .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let n): try container.encode(n)
        case .bigInt(let digits): try container.encode(digits)
        case .string(let s): try container.encode(s)
        case .array(let a), .set(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        case .date(let date): try container.encode(date)
        case .map(let entries): try container.encode(entries.map { [$0.key, $0.value] })
        case .binary(_, let bytes): try container.encode(Data(bytes))
        case .regExp(let source, let flags): try container.encode("/\(source)/\(flags)")
        case .error(let name, let message): try container.encode(["name": name, "message": message])
        }
    }
}
