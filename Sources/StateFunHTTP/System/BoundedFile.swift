#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads with a size bound, and writes of a whole buffer to a descriptor: the SDK's file I/O
/// (a deploy command's `--flink-config`, a schema lock, the command line's output), on plain `open`/`read`/`write`
/// because FoundationEssentials has no `FileHandle`.
package enum BoundedFile {
    /// Why a file could not be read.
    package enum ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The file could not be opened or read; `reason` is the system's text.
        case unreadable(path: String, reason: String)
        /// The file holds more than `limit` bytes (only `limit + 1` of them were read).
        case tooLarge(path: String, limit: Int)

        package var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
            case .tooLarge(let path, let limit): "'\(path)' is larger than \(limit) bytes"
            }
        }
    }

    /// The bytes of the file at `path`, at most `maxBytes` of them: a longer file is refused after reading
    /// `maxBytes + 1` bytes, so a wrong path (a log, a device) costs no more memory than the limit.
    package static func contents(of path: String, maxBytes: Int) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: SystemError.message(SystemError.currentErrno())) }
        defer { _ = close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            // read(2) stores at most `count` bytes at the start of `chunk`'s storage, which the closure borrows.
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                let errno = SystemError.currentErrno()
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: SystemError.message(errno))
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            if bytes.count > maxBytes { throw .tooLarge(path: path, limit: maxBytes) }
        }
    }

    /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes; stops quietly when the
    /// descriptor no longer takes bytes (a closed pipe: nothing more can be written).
    package static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            // write(2) reads `count - offset` bytes from `bytes`' storage, which the closure borrows.
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.unsafelyUnwrapped + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && SystemError.currentErrno() == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
