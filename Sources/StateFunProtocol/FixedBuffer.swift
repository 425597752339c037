/// A fixed number of elements in one allocation owned by one object: the state cells of a batch.
///
/// A class, so the elements are never copied and an access needs no uniqueness check (an array held by the
/// storage would check on every write); the elements sit right after the object's header, so reaching one is
/// an offset from the reference, as with a raw buffer, but every index is checked against the count, as an
/// array's is. Not thread-safe: used by one batch at a time.
@usableFromInline
package final class FixedBuffer<Element>: ManagedBuffer<Int, Element> {
    /// A buffer of `count` elements, element `i` made by `element(i)`.
    package static func make(count: Int, _ element: (Int) throws -> Element) rethrows -> FixedBuffer {
        let made = create(minimumCapacity: Swift.max(count, 1)) { _ in 0 }
        // `create` on this class makes an instance of it (ManagedBuffer's documented behaviour for subclasses).
        let buffer = unsafeDowncast(made, to: FixedBuffer.self)
        try buffer.withUnsafeMutablePointers { initialized, elements in
            // Invariant: elements[0..<initialized.pointee] are initialized; the header grows with each one, so a
            // throwing `element` leaves exactly those for deinit.
            for i in 0..<count {
                (elements + i).initialize(to: try element(i))
                initialized.pointee = i + 1
            }
        }
        return buffer
    }

    deinit {
        _ = withUnsafeMutablePointers { count, elements in elements.deinitialize(count: count.pointee) }
    }

    /// The number of elements.
    @inlinable
    package var count: Int { header }

    /// Element `i`, read and changed in place. `i` must be in `0..<count` (checked, as an array checks).
    @inlinable
    package subscript(i: Int) -> Element {
        _read {
            precondition(i >= 0 && i < header, "FixedBuffer index out of range")
            // In range (checked above): element i is initialized. The elements pointer stays valid while `self`
            // is alive, which the accessor guarantees for as long as it yields.
            let elements = withUnsafeMutablePointerToElements { $0 }
            yield elements[i]
        }
        _modify {
            precondition(i >= 0 && i < header, "FixedBuffer index out of range")
            // In range (checked above); the pointer is used only while `self` is alive (the accessor holds it).
            let elements = withUnsafeMutablePointerToElements { $0 }
            yield &elements[i]
        }
    }
}
