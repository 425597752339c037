#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which thread is running, as a number cheap enough to read on every batch: the SDK's metrics pick one of their
/// stripes with it, so that threads running batches at the same time count in different memory, without a shared
/// lock (FunctionMetricsProbe).
package enum ThreadHint {
    /// The calling thread's pthread handle as a number: distinct among live threads, stable for a thread.
    @inlinable
    package static var current: UInt {
        #if canImport(Glibc)
        UInt(pthread_self())
        #else
        UInt(bitPattern: pthread_self())
        #endif
    }

    /// The processors online when first asked (at least 1).
    package static let processors: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
