import Synchronization

/// Lets at most `burst` events of one key through, then one per `interval`, so a flood of refused requests
/// cannot flood the log (a token bucket per key). What it holds back is counted and reported with the next
/// event let through of that key.
///
/// Time comes from a closure (monotonic, any origin), so tests drive it by hand.
public final class LogRateLimiter: Sendable {
    /// Events of one key let through at once, before the rate applies.
    public let burst: Int
    /// The time one more event of a key is let through after the burst.
    public let interval: Duration
    /// At most this many keys are tracked; past it, a key seen for the first time is let through uncounted.
    public static let maximumKeys = 64
    private let now: @Sendable () -> Duration
    private let buckets = Mutex<[String: Bucket]>([:])

    private struct Bucket {
        var tokens: Double
        var updated: Duration
        var suppressed: Int
    }

    /// A limiter letting `burst` events of a key through, then one per `interval`, reading the time from `now`.
    public init(
        burst: Int = 5, interval: Duration = .seconds(10),
        now: @escaping @Sendable () -> Duration = { ContinuousClock.now - LogRateLimiter.origin }
    ) {
        self.burst = max(1, burst)
        self.interval = interval > .zero ? interval : .seconds(1)
        self.now = now
    }

    /// The origin of the default clock.
    public static let origin = ContinuousClock.now

    /// Whether an event of `key` may be logged now; when it may, how many of its events were held back since
    /// the last one let through.
    public func admit(_ key: String) -> (allowed: Bool, suppressed: Int) {
        let time = now()
        return buckets.withLock { buckets in
            guard var bucket = buckets[key] else {
                if buckets.count < Self.maximumKeys {
                    buckets[key] = Bucket(tokens: Double(burst - 1), updated: time, suppressed: 0)
                }
                return (true, 0)
            }
            let elapsed = time - bucket.updated
            bucket.tokens = min(Double(burst), bucket.tokens + elapsed / interval)
            bucket.updated = time
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                let suppressed = bucket.suppressed
                bucket.suppressed = 0
                buckets[key] = bucket
                return (true, suppressed)
            }
            bucket.suppressed += 1
            buckets[key] = bucket
            return (false, 0)
        }
    }
}
