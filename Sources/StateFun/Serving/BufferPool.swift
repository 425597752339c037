import Synchronization
package import StateFunWire

/// Byte buffers kept between batches, so a batch writes its messages and egress records into capacity an
/// earlier batch already has, instead of allocating (and zeroing) fresh buffers every time.
///
/// Bounded: at most ``maximumCount`` buffers of at most ``maximumCapacity`` bytes each are kept; anything else
/// is released as usual.
package final class BufferPool: Sendable {
    /// How many buffers the pool keeps.
    package static let maximumCount = 32
    /// The largest buffer the pool keeps (a batch that wrote more gives its memory back).
    package static let maximumCapacity = 64 * 1024

    private let buffers = Mutex<[[UInt8]]>([])

    package init() {}

    /// A writer with room for `capacity` bytes: a pooled buffer if one is free (it grows if it is smaller).
    package func writer(capacity: Int) -> WireWriter {
        if let buffer = buffers.withLock({ $0.popLast() }) { return WireWriter(reusing: buffer) }
        return WireWriter(capacity: capacity)
    }

    /// Two writers (a batch's messages and egress records) for one lock.
    package func writers(capacity: Int) -> (WireWriter, WireWriter) {
        let (first, second) = buffers.withLock { ($0.popLast(), $0.popLast()) }
        return (
            first.map(WireWriter.init(reusing:)) ?? WireWriter(capacity: capacity),
            second.map(WireWriter.init(reusing:)) ?? WireWriter(capacity: capacity)
        )
    }

    /// Whether a buffer is worth keeping: it has capacity, and not more than ``maximumCapacity``.
    private static func keeps(_ buffer: [UInt8]) -> Bool { buffer.count > 0 && buffer.count <= maximumCapacity }

    /// Gives two writers' buffers back for one lock.
    package func recycle(_ first: inout WireWriter, _ second: inout WireWriter) {
        let buffers = (first.takeStorage(), second.takeStorage())
        guard Self.keeps(buffers.0) || Self.keeps(buffers.1) else { return }
        self.buffers.withLock { pool in
            if Self.keeps(buffers.0), pool.count < Self.maximumCount { pool.append(buffers.0) }
            if Self.keeps(buffers.1), pool.count < Self.maximumCount { pool.append(buffers.1) }
        }
    }

    /// Gives `writer`'s buffer back for a later batch.
    package func recycle(_ writer: inout WireWriter) {
        let buffer = writer.takeStorage()
        guard Self.keeps(buffer) else { return }
        buffers.withLock { buffers in
            if buffers.count < Self.maximumCount { buffers.append(buffer) }
        }
    }
}
