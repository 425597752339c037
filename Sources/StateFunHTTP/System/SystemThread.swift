#if canImport(Glibc)
import Glibc
import CStateFunSystem
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts dedicated, detached OS threads for event loops, so that blocking in epoll_wait
/// never occupies a thread of Swift's cooperative pool.
enum SystemThread {
    private final class Box {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Runs `body` on a new detached thread named `name` (at most 15 bytes are kept on Linux).
    static func spawn(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemError) {
        let box = Unmanaged.passRetained(Box(name: name, body: body))
        #if canImport(Glibc)
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            let box = Unmanaged<Box>.fromOpaque(argument).takeRetainedValue()
            cstatefun_set_thread_name(box.name)
            box.body()
            return nil
        }, box.toOpaque())
        #else
        var thread: pthread_t?
        let status = pthread_create(&thread, nil, { argument in
            let box = Unmanaged<Box>.fromOpaque(argument).takeRetainedValue()
            _ = pthread_setname_np(box.name)
            box.body()
            return nil
        }, box.toOpaque())
        #endif
        guard status == 0 else {
            box.release()
            throw SystemError(call: "pthread_create", errno: status)
        }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
    }
}
