import SecureExecBridge
import Testing

@Suite("JSON values on the bridge")
struct JSONValueTests {
    @Test(arguments: [
        "null", "true", "false", "0", "-1.5", "1e+21", "\"a\\nb\\\"c\"", "[]", "{}", "[1,\"x\",null,{\"k\":[true]}]",
        "\"\\u00e9\\ud83d\\ude00\"",
    ])
    func roundTrips(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(try JSONValue.parse(value.jsonText) == value)
    }

    @Test func decodesEscapesAndSurrogates() throws {
        #expect(try JSONValue.parse("\"\\u00e9\\ud83d\\ude00\\t\"") == .string("é😀\t"))
        // A lone surrogate cannot be a Swift string: it becomes U+FFFD.
        #expect(try JSONValue.parse("\"\\ud800x\"") == .string("\u{FFFD}x"))
    }

    @Test(arguments: ["", "[", "{\"a\"}", "[1,]", "tru", "\"unterminated", "1 2", "{\"a\":1,}", "\"\\x\""])
    func rejectsMalformedText(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep, maxDepth: 64) }
    }

    @Test func accessors() throws {
        let value = try JSONValue.parse("{\"n\":3,\"s\":\"x\",\"a\":[1],\"b\":false,\"z\":null}")
        #expect(value["n"]?.intValue == 3)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["a"]?[0]?.doubleValue == 1)
        #expect(value["b"]?.boolValue == false)
        #expect(value["z"]?.isNull == true)
        #expect(value["missing"] == nil)
    }

    @Test func guestErrorsLookLikeNode() {
        let error = GuestError.system("ENOENT", "no such file or directory", syscall: "open", path: "/x")
        #expect(error.message == "ENOENT: no such file or directory, open '/x'")
        let denied = GuestError.system("EACCES", "permission denied", syscall: "rename", path: "/a", dest: "/b", reason: "no")
        #expect(denied.message == "EACCES: permission denied, rename '/a' -> '/b': no")
    }
}
