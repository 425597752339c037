#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A resolved socket address in the system's `sockaddr` form.
///
/// Only numeric addresses, `localhost` and Unix paths are accepted: name resolution
/// (getaddrinfo) blocks, and the server and client must never block a thread of Swift's
/// cooperative pool.
struct SocketAddress: @unchecked Sendable {
    // @unchecked: sockaddr_storage is a plain C value type without pointers.
    var storage = sockaddr_storage()
    var length: socklen_t = 0
    var family: Int32 = 0

    /// Resolves a public address description.
    init?(_ address: HTTPServerAddress) {
        switch address {
        case .ipv4(let host, let port):
            self.init(ipv4: host == "localhost" ? "127.0.0.1" : host, port: port)
        case .ipv6(let host, let port):
            self.init(ipv6: host == "localhost" ? "::1" : host, port: port)
        case .unix(let path):
            self.init(unixPath: path)
        }
    }

    /// Resolves `host` (numeric IPv4 or IPv6, optionally bracketed, or `localhost`) and `port`.
    static func resolve(host: String, port: Int) -> HTTPServerAddress? {
        var bare = host
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = String(bare.dropFirst().dropLast()) }
        if bare == "localhost" { return .ipv4(host: "127.0.0.1", port: port) }
        if SocketAddress(ipv4: bare, port: port) != nil { return .ipv4(host: bare, port: port) }
        if SocketAddress(ipv6: bare, port: port) != nil { return .ipv6(host: bare, port: port) }
        return nil
    }

    private init?(ipv4 host: String, port: Int) {
        guard (0...65535).contains(port) else { return nil }
        var address = sockaddr_in()
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        withUnsafeMutableBytes(of: &storage) { target in
            withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
        }
        length = socklen_t(MemoryLayout<sockaddr_in>.size)
        family = AF_INET
    }

    private init?(ipv6 host: String, port: Int) {
        guard (0...65535).contains(port) else { return nil }
        var address = sockaddr_in6()
        guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return nil }
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = UInt16(port).bigEndian
        #if canImport(Darwin)
        address.sin6_len = UInt8(MemoryLayout<sockaddr_in6>.size)
        #endif
        withUnsafeMutableBytes(of: &storage) { target in
            withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
        }
        length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        family = AF_INET6
    }

    private init?(unixPath path: String) {
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let bytes = Array(path.utf8)
        // The path must fit with its terminating NUL.
        guard !bytes.isEmpty, bytes.count < capacity, !bytes.contains(0) else { return nil }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { target in
            target.copyBytes(from: bytes)
        }
        #if canImport(Darwin)
        address.sun_len = UInt8(MemoryLayout<sockaddr_un>.size)
        #endif
        withUnsafeMutableBytes(of: &storage) { target in
            withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
        }
        length = socklen_t(MemoryLayout<sockaddr_un>.size)
        family = AF_UNIX
    }

    private init() {}

    /// Reads back an address the system filled in (getsockname).
    static func fromSystem(_ fill: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32)
        -> SocketAddress?
    {
        var result = SocketAddress()
        result.length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &result.storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { fill($0, &result.length) }
        }
        guard status == 0 else { return nil }
        result.family = Int32(result.storage.ss_family)
        return result
    }

    /// The public description of this address.
    var publicAddress: HTTPServerAddress? {
        var copy = storage
        switch family {
        case AF_INET:
            return withUnsafeBytes(of: &copy) { raw -> HTTPServerAddress? in
                let address = raw.loadUnaligned(as: sockaddr_in.self)
                var sinAddr = address.sin_addr
                var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                guard inet_ntop(AF_INET, &sinAddr, &text, socklen_t(text.count)) != nil else { return nil }
                return .ipv4(host: Self.decode(text), port: Int(UInt16(bigEndian: address.sin_port)))
            }
        case AF_INET6:
            return withUnsafeBytes(of: &copy) { raw -> HTTPServerAddress? in
                let address = raw.loadUnaligned(as: sockaddr_in6.self)
                var sinAddr = address.sin6_addr
                var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                guard inet_ntop(AF_INET6, &sinAddr, &text, socklen_t(text.count)) != nil else { return nil }
                return .ipv6(host: Self.decode(text), port: Int(UInt16(bigEndian: address.sin6_port)))
            }
        case AF_UNIX:
            return withUnsafeBytes(of: &copy) { raw -> HTTPServerAddress? in
                var address = raw.loadUnaligned(as: sockaddr_un.self)
                let path = withUnsafeBytes(of: &address.sun_path) { pathBytes in
                    String(decoding: pathBytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                return .unix(path: path)
            }
        default:
            return nil
        }
    }

    private static func decode(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
