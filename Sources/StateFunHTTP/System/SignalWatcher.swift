#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Turns process signals into a callback: each signal's disposition is set to SIG_IGN and
/// a Dispatch signal source reports it instead, so handling runs as ordinary code rather
/// than in an async-signal context. ``cancel()`` restores the previous dispositions.
final class SignalWatcher {
    private typealias Handler = @convention(c) (Int32) -> Void

    private let sources: [any DispatchSourceSignal]
    private let previous: [(signal: Int32, handler: Handler?)]

    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        var previous: [(signal: Int32, handler: Handler?)] = []
        sources = signals.map { number in
            previous.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
        self.previous = previous
    }

    /// Stops reporting the signals and restores how the process handled them before.
    func cancel() {
        for source in sources { source.cancel() }
        for (number, handler) in previous { signal(number, handler) }
    }
}
