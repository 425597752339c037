#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Turns process signals into a callback: each signal's default action is replaced by
/// SIG_IGN and a Dispatch signal source reports it instead, so handling runs as ordinary
/// code rather than in an async-signal context.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    /// Stops reporting the signals.
    func cancel() {
        for source in sources { source.cancel() }
    }
}
