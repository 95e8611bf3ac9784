@testable import SecureExec
import Testing

@Suite("Network: addresses, URL hosts and the default adapter's destination policy")
struct NetworkAddressTests {
    /// Every spelling a WHATWG URL parser reads as 127.0.0.1.
    static let loopbackSpellings = [
        "127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7F000001", "0x7f.1", "0x7f.0.0.1",
        "0177.0.0.1", "0177.1", "017700000001", "127.0.0.1.", "0x7f.0x0.0x0.0x1", "127.000.000.001",
    ]

    @Test(arguments: loopbackSpellings)
    func everyIPv4SpellingOfLoopbackIsLoopback(_ spelling: String) throws {
        let address = try #require(IPAddress(urlHost: spelling))
        #expect(address == IPAddress("127.0.0.1"))
        #expect(address.scope == .loopback)
    }

    @Test func urlHostsThatAreNotAddresses() {
        #expect(IPAddress.parseURLHost("example.com") == .name("example.com"))
        #expect(IPAddress.parseURLHost("localhost.") == .name("localhost."))
        #expect(IPAddress.parseURLHost("1.2.3.example") == .name("1.2.3.example"))
        // Ends in a number but is not a valid address: the URL is invalid (WHATWG).
        #expect(IPAddress.parseURLHost("256.256.256.256") == .invalid)
        #expect(IPAddress.parseURLHost("1.2.3.4.5") == .invalid)
        #expect(IPAddress.parseURLHost("0x1g.0.0.1") == .invalid)
        #expect(IPAddress.parseURLHost("09.0.0.1") == .invalid)
        #expect(IPAddress.parseURLHost("4294967296") == .invalid)
        #expect(IPAddress.parseURLHost("[::1") == .invalid)
        #expect(IPAddress.parseURLHost("1.256") == .address(IPAddress("1.0.1.0")!))
        #expect(IPAddress.parseURLHost("4294967295") == .address(IPAddress("255.255.255.255")!))
        #expect(IPAddress.parseURLHost("0") == .address(IPAddress("0.0.0.0")!))
        #expect(IPAddress.parseURLHost("0x") == .address(IPAddress("0.0.0.0")!))
    }

    static let scopes: [(String, IPAddress.Scope)] = [
        // IPv4
        ("127.0.0.1", .loopback), ("127.255.255.254", .loopback),
        ("10.0.0.1", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("192.168.1.1", .private),
        ("169.254.169.254", .linkLocal), ("169.254.0.1", .linkLocal),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("224.0.0.1", .multicast), ("239.255.255.250", .multicast),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified),
        ("255.255.255.255", .broadcast), ("240.0.0.1", .reserved),
        ("192.0.2.1", .reserved), ("198.18.0.1", .reserved), ("198.51.100.7", .reserved), ("203.0.113.9", .reserved),
        ("192.0.0.8", .reserved),
        ("8.8.8.8", .public), ("1.1.1.1", .public), ("172.32.0.1", .public), ("100.128.0.1", .public),
        ("172.15.255.255", .public), ("93.184.216.34", .public), ("11.0.0.1", .public), ("169.253.0.1", .public),
        // IPv6
        ("::1", .loopback), ("::", .unspecified), ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal),
        ("fe80::1", .linkLocal), ("febf::1", .linkLocal), ("fec0::1", .private), ("ff02::1", .multicast),
        ("2001:db8::1", .reserved), ("100::1", .reserved),
        ("2606:4700::1111", .public), ("2001:4860:4860::8888", .public),
        // IPv4 inside IPv6: mapped, compatible, translated, NAT64, 6to4, Teredo
        ("::ffff:127.0.0.1", .loopback), ("::ffff:7f00:1", .loopback), ("::ffff:10.0.0.1", .private),
        ("::ffff:169.254.169.254", .linkLocal), ("::127.0.0.1", .loopback), ("::ffff:0:127.0.0.1", .loopback),
        ("64:ff9b::127.0.0.1", .loopback), ("64:ff9b::a9fe:a9fe", .linkLocal), ("64:ff9b:1::10.0.0.1", .private),
        ("2002:7f00:1::", .loopback), ("2002:c0a8:101::1", .private),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", .loopback),  // Teredo client 127.0.0.1 (inverted)
        ("::ffff:8.8.8.8", .public), ("64:ff9b::808:808", .public),
    ]

    @Test(arguments: scopes)
    func classification(_ text: String, _ scope: IPAddress.Scope) throws {
        let address = try #require(IPAddress(text), "\(text) parses")
        #expect(address.scope == scope, "\(text)")
    }

    @Test func strictParsingRefusesAlternativeSpellings() {
        for text in ["127.1", "2130706433", "0x7f.0.0.1", "1.2.3", ""] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
        #expect(IPAddress("[::1]") == IPAddress("::1"))
        #expect(IPAddress("::ffff:127.0.0.1")?.description == "::ffff:127.0.0.1")
        #expect(IPAddress("::ffff:127.0.0.1")?.connectable == IPAddress("127.0.0.1"))
        #expect(IPAddress("2001:DB8::1")?.description == "2001:db8::1")
    }

    @Test func defaultAdapterAdmitsPublicAddressesOnly() throws {
        let adapter = DefaultNetworkAdapter()
        for (text, scope) in Self.scopes {
            let address = try #require(IPAddress(text))
            #expect(adapter.admits(address, port: 80).allow == (scope == .public), "\(text)")
        }
    }

    @Test func exemptPortsOpenLoopbackOnlyOnThosePorts() throws {
        let adapter: DefaultNetworkAdapter = .default(loopbackExemptPorts: [8080])
        #expect(NodeDriver(network: .default(loopbackExemptPorts: [8080])).network is DefaultNetworkAdapter)
        let loopback = try #require(IPAddress("127.0.0.1"))
        #expect(adapter.admits(loopback, port: 8080).allow)
        #expect(adapter.admits(try #require(IPAddress("::ffff:127.0.0.1")), port: 8080).allow)
        #expect(adapter.admits(try #require(IPAddress("::1")), port: 8080).allow)
        #expect(!adapter.admits(loopback, port: 8081).allow)
        // An exempt port does not open private or link-local destinations.
        #expect(!adapter.admits(try #require(IPAddress("10.0.0.1")), port: 8080).allow)
        #expect(!adapter.admits(try #require(IPAddress("169.254.169.254")), port: 8080).allow)
        #expect(!adapter.admits(try #require(IPAddress("0.0.0.0")), port: 8080).allow)
        #expect(adapter.admits(loopback, port: 8081).reason?.contains("loopback") == true)
    }

    @Test func urlParsingOnTheHost() throws {
        let a = try #require(ParsedURL("http://user:pw@0x7f.1:8080/a/b?c=1#frag"))
        #expect(a.host == .address(IPAddress("127.0.0.1")!))
        #expect(a.port == 8080)
        #expect(a.target == "/a/b?c=1")
        #expect(a.authority == "127.0.0.1:8080")
        #expect(a.href == "http://127.0.0.1:8080/a/b?c=1")
        // What a check reads is where the connection goes, not the text a guest wrote.
        #expect(ParsedURL("https://api.example.com@evil.example:443/x#frag")?.href == "https://evil.example/x")
        let b = try #require(ParsedURL("https://Example.COM"))
        #expect(b.host == .name("example.com"))
        #expect(b.port == 443)
        #expect(b.target == "/")
        #expect(b.authority == "example.com")
        let c = try #require(ParsedURL("http://[::ffff:127.0.0.1]:81?q"))
        #expect(c.host == .address(IPAddress("127.0.0.1")!.mappedToIPv6))
        #expect(c.target == "/?q")
        for bad in ["http://exa mple.com/", "http://a\\b/", "http://[::1/", "http://x:99999/", "http://256.1.1.1.1/",
                    "http:/x", "http://%31%32%37.0.0.1/", "http://ex\u{e4}mple.com/"] {
            #expect(ParsedURL(bad) == nil, "\(bad)")
        }
    }

    @Test func resolverFindsLocalhost() async throws {
        let addresses = try await DefaultNetworkAdapter.getaddrinfo("localhost")
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { $0.scope == .loopback })
        await #expect(throws: NetworkError.self) { try await DefaultNetworkAdapter.getaddrinfo("no-such-host.invalid") }
    }
}

extension IPAddress {
    var mappedToIPv6: IPAddress { IPAddress(bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + bytes)! }
}
