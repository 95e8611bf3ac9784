public import Foundation
import SecureExecBridge

/// A value passed between guest code and a host function: what the structured clone algorithm
/// carries, as plain Swift data.
///
/// Guest arguments are copied into a `HostValue` inside the sandbox, by SecureExec's own code,
/// before anything reaches the host: only own data properties are read (getters are refused and
/// never run), `toJSON` is never called, Proxies and cycles are refused, and nesting and size are
/// bounded. Nothing live crosses — a host function only ever sees data.
///
/// | JavaScript | `HostValue` |
/// |---|---|
/// | `undefined`, missing argument, array hole | ``undefined`` |
/// | `null` | ``null`` |
/// | boolean, number (also `NaN`, `±Infinity`, `-0`) | ``bool(_:)``, ``number(_:)`` |
/// | bigint | ``bigInt(_:)`` (decimal digits) |
/// | string | ``string(_:)`` |
/// | array | ``array(_:)`` |
/// | plain object, class instance (own enumerable data properties) | ``object(_:)`` |
/// | `Date` | ``date(_:)`` |
/// | `Map`, `Set` | ``map(_:)``, ``set(_:)`` |
/// | `ArrayBuffer`, typed arrays, `Buffer`, `DataView` | ``binary(_:_:)`` |
/// | `RegExp` | ``regExp(source:flags:)`` |
/// | `Error` and its subclasses | ``error(name:message:)`` |
///
/// A `Buffer` arrives as ``BinaryKind/uint8Array`` and goes back as a `Uint8Array`, as with
/// `structuredClone`. Boxed primitives (`new Number(1)`) arrive as their primitive value.
public enum HostValue: Sendable {
    case undefined
    case null
    case bool(Bool)
    case number(Double)
    /// A `bigint`, as its decimal digits with an optional leading `-`.
    case bigInt(String)
    case string(String)
    case array([HostValue])
    /// A plain object's own enumerable string-keyed data properties.
    case object([String: HostValue])
    /// A `Date`. An invalid date (`new Date(NaN)`) has a NaN time interval.
    case date(Date)
    /// A `Map`'s entries in insertion order.
    case map([(key: HostValue, value: HostValue)])
    /// A `Set`'s values in insertion order.
    case set([HostValue])
    /// Bytes of an `ArrayBuffer`, a typed array or a `DataView` (the viewed range only).
    case binary(BinaryKind, [UInt8])
    case regExp(source: String, flags: String)
    /// An `Error` (or `TypeError`, `RangeError`, …): its `name` and `message`.
    case error(name: String, message: String)

    /// The kind of a binary value: which constructor the guest sees.
    public enum BinaryKind: String, Sendable, CaseIterable {
        case arrayBuffer = "ArrayBuffer"
        case dataView = "DataView"
        case int8Array = "Int8Array"
        case uint8Array = "Uint8Array"
        case uint8ClampedArray = "Uint8ClampedArray"
        case int16Array = "Int16Array"
        case uint16Array = "Uint16Array"
        case int32Array = "Int32Array"
        case uint32Array = "Uint32Array"
        case float32Array = "Float32Array"
        case float64Array = "Float64Array"
        case bigInt64Array = "BigInt64Array"
        case bigUint64Array = "BigUint64Array"

        /// Bytes per element (1 for `ArrayBuffer` and `DataView`).
        public var elementSize: Int {
            switch self {
            case .arrayBuffer, .dataView, .int8Array, .uint8Array, .uint8ClampedArray: 1
            case .int16Array, .uint16Array: 2
            case .int32Array, .uint32Array, .float32Array: 4
            case .float64Array, .bigInt64Array, .bigUint64Array: 8
            }
        }
    }
}

// MARK: - Equality

extension HostValue: Equatable {
    public static func == (lhs: HostValue, rhs: HostValue) -> Bool {
        switch (lhs, rhs) {
        case (.undefined, .undefined), (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
        case (.bigInt(let a), .bigInt(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        case (.date(let a), .date(let b)):
            a == b || (a.timeIntervalSince1970.isNaN && b.timeIntervalSince1970.isNaN)
        case (.map(let a), .map(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.set(let a), .set(let b)): a == b
        case (.binary(let k1, let a), .binary(let k2, let b)): k1 == k2 && a == b
        case (.regExp(let s1, let f1), .regExp(let s2, let f2)): s1 == s2 && f1 == f2
        case (.error(let n1, let m1), .error(let n2, let m2)): n1 == n2 && m1 == m2
        default: false
        }
    }
}

// MARK: - Literals and accessors

extension HostValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: HostValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, HostValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension HostValue {
    /// The same value as a ``HostValue`` (JSON has no `undefined`, dates or bytes).
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(HostValue.init))
        case .object(let o): self = .object(o.mapValues(HostValue.init))
        }
    }

    public subscript(key: String) -> HostValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public subscript(index: Int) -> HostValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var doubleValue: Double? { if case .number(let n) = self { return n }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var arrayValue: [HostValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: [String: HostValue]? { if case .object(let o) = self { return o }; return nil }
    public var isUndefined: Bool { if case .undefined = self { return true }; return false }

    /// What guest code would call this kind of value (for error messages).
    var kindDescription: String {
        switch self {
        case .undefined: "undefined"
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .bigInt: "bigint"
        case .string: "string"
        case .array: "Array"
        case .object: "object"
        case .date: "Date"
        case .map: "Map"
        case .set: "Set"
        case .binary(let kind, _): kind.rawValue
        case .regExp: "RegExp"
        case .error: "Error"
        }
    }
}

// MARK: - The wire format between the guest's serializer and the host
//
// JSON where `null`, booleans, finite numbers, strings and objects stand for themselves and every
// other value is an array whose first element is a tag: ["A", …elements] array, ["u"] undefined,
// ["n", "NaN" | "Infinity" | "-Infinity" | "-0"], ["b", digits] bigint, ["D", ms | null] date,
// ["M", k1, v1, …] map, ["S", …] set, ["R", source, flags], ["E", name, message], and for bytes
// ["T", kind, offset, length] into the request's binary payload (guest → host) or
// ["T", kind, base64] (host → guest).

/// Why a value could not cross between the guest and a host function.
struct HostValueWireError: Error {
    var message: String
    var tooLarge = false
}

extension HostValue {
    /// Decodes the guest's arguments (already parsed JSON, nesting bounded by the parser).
    static func fromWire(_ json: JSONValue, binary: [UInt8]) throws -> HostValue {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .object(let o):
            var out: [String: HostValue] = [:]
            out.reserveCapacity(o.count)
            for (key, value) in o { out[key] = try fromWire(value, binary: binary) }
            return .object(out)
        case .array(let a):
            guard let tag = a.first?.stringValue else { throw HostValueWireError(message: "malformed value") }
            let rest = a.dropFirst()
            func string(_ i: Int) throws -> String {
                guard a.indices.contains(i), let s = a[i].stringValue else { throw HostValueWireError(message: "malformed \(tag) value") }
                return s
            }
            switch tag {
            case "A":
                var out: [HostValue] = []
                out.reserveCapacity(rest.count)
                for element in rest { out.append(try fromWire(element, binary: binary)) }
                return .array(out)
            case "u": return .undefined
            case "n":
                switch try string(1) {
                case "NaN": return .number(.nan)
                case "Infinity": return .number(.infinity)
                case "-Infinity": return .number(-.infinity)
                case "-0": return .number(-0.0)
                default: throw HostValueWireError(message: "malformed number")
                }
            case "b":
                let digits = try string(1)
                let body = digits.hasPrefix("-") ? digits.dropFirst() : Substring(digits)
                guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    throw HostValueWireError(message: "malformed bigint")
                }
                return .bigInt(digits)
            case "D":
                let ms = a.count > 1 ? a[1].doubleValue ?? .nan : .nan
                return .date(Date(timeIntervalSince1970: ms / 1000))
            case "M":
                guard rest.count % 2 == 0 else { throw HostValueWireError(message: "malformed Map") }
                var entries: [(key: HostValue, value: HostValue)] = []
                var index = rest.startIndex
                while index < rest.endIndex {
                    entries.append((try fromWire(rest[index], binary: binary), try fromWire(rest[index + 1], binary: binary)))
                    index += 2
                }
                return .map(entries)
            case "S":
                var out: [HostValue] = []
                for element in rest { out.append(try fromWire(element, binary: binary)) }
                return .set(out)
            case "R": return .regExp(source: try string(1), flags: try string(2))
            case "E": return .error(name: try string(1), message: try string(2))
            case "T":
                guard let kind = BinaryKind(rawValue: try string(1)), a.count == 4,
                      let offset = a[2].intValue, let length = a[3].intValue,
                      offset >= 0, length >= 0, offset <= binary.count, length <= binary.count - offset,
                      length % kind.elementSize == 0
                else { throw HostValueWireError(message: "malformed binary value") }
                return .binary(kind, Array(binary[offset..<offset + length]))
            default:
                throw HostValueWireError(message: "malformed value")
            }
        }
    }

    /// Writes this value in the wire format for the guest. Throws when nesting exceeds `maxDepth`
    /// or the text exceeds `maxBytes`.
    func writeWire(to out: inout [UInt8], depth: Int = 0, maxDepth: Int, maxBytes: Int) throws {
        if out.count > maxBytes { throw HostValueWireError(message: "the result exceeds \(maxBytes) bytes", tooLarge: true) }
        if depth > maxDepth { throw HostValueWireError(message: "the result is nested more than \(maxDepth) levels deep", tooLarge: true) }
        func tag(_ name: String) { out.append(contentsOf: "[\"\(name)\"".utf8) }
        func comma() { out.append(UInt8(ascii: ",")) }
        func close() { out.append(UInt8(ascii: "]")) }
        switch self {
        case .undefined: out.append(contentsOf: "[\"u\"]".utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): Self.writeNumber(n, to: &out)
        case .bigInt(let digits):
            tag("b"); comma(); JSONValue.writeString(digits, to: &out); close()
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let a):
            tag("A")
            for element in a {
                comma()
                try element.writeWire(to: &out, depth: depth + 1, maxDepth: maxDepth, maxBytes: maxBytes)
            }
            close()
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { comma() }
                JSONValue.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try o[key]?.writeWire(to: &out, depth: depth + 1, maxDepth: maxDepth, maxBytes: maxBytes)
            }
            out.append(UInt8(ascii: "}"))
        case .date(let date):
            tag("D"); comma()
            let ms = date.timeIntervalSince1970 * 1000
            if ms.isFinite { Self.writeNumber(ms.rounded(.towardZero), to: &out) } else { out.append(contentsOf: "null".utf8) }
            close()
        case .map(let entries):
            tag("M")
            for (key, value) in entries {
                comma()
                try key.writeWire(to: &out, depth: depth + 1, maxDepth: maxDepth, maxBytes: maxBytes)
                comma()
                try value.writeWire(to: &out, depth: depth + 1, maxDepth: maxDepth, maxBytes: maxBytes)
            }
            close()
        case .set(let values):
            tag("S")
            for value in values {
                comma()
                try value.writeWire(to: &out, depth: depth + 1, maxDepth: maxDepth, maxBytes: maxBytes)
            }
            close()
        case .binary(let kind, let bytes):
            guard bytes.count % kind.elementSize == 0 else {
                throw HostValueWireError(message: "\(bytes.count) bytes are not a whole number of \(kind.rawValue) elements")
            }
            if out.count + bytes.count / 3 * 4 > maxBytes {
                throw HostValueWireError(message: "the result exceeds \(maxBytes) bytes", tooLarge: true)
            }
            tag("T"); comma(); JSONValue.writeString(kind.rawValue, to: &out); comma()
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: Data(bytes).base64EncodedData())
            out.append(UInt8(ascii: "\""))
            close()
        case .regExp(let source, let flags):
            tag("R"); comma(); JSONValue.writeString(source, to: &out); comma(); JSONValue.writeString(flags, to: &out); close()
        case .error(let name, let message):
            tag("E"); comma(); JSONValue.writeString(name, to: &out); comma(); JSONValue.writeString(message, to: &out); close()
        }
    }

    private static func writeNumber(_ n: Double, to out: inout [UInt8]) {
        if n.isNaN {
            out.append(contentsOf: "[\"n\",\"NaN\"]".utf8)
        } else if n.isInfinite {
            out.append(contentsOf: (n > 0 ? "[\"n\",\"Infinity\"]" : "[\"n\",\"-Infinity\"]").utf8)
        } else if n == 0 && n.sign == .minus {
            out.append(contentsOf: "[\"n\",\"-0\"]".utf8)
        } else if n.rounded() == n, abs(n) < 1e15 {
            out.append(contentsOf: String(Int64(n)).utf8)
        } else {
            out.append(contentsOf: "\(n)".utf8)
        }
    }
}
