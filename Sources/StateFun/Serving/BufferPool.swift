import Synchronization

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

    /// Gives `writer`'s buffer back for a later batch.
    package func recycle(_ writer: inout WireWriter) {
        let buffer = writer.takeStorage()
        guard buffer.count > 0, buffer.count <= Self.maximumCapacity else { return }
        buffers.withLock { buffers in
            if buffers.count < Self.maximumCount { buffers.append(buffer) }
        }
    }
}
