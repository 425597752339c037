#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: which one, and its errno.
struct SystemError: Error, Sendable, Hashable {
    var call: String
    var errno: Int32

    /// The current thread's errno, captured right after `call` failed.
    static func last(_ call: String) -> SystemError {
        SystemError(call: call, errno: currentErrno())
    }

    static func currentErrno() -> Int32 {
        #if canImport(Glibc)
        Glibc.errno
        #else
        Darwin.errno
        #endif
    }

    /// strerror's text for `errno`.
    static func message(_ errno: Int32) -> String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }
}
