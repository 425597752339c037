/// A fixed number of elements in one allocation, owned by one object that calls ``release()`` exactly once, in
/// its `deinit`: the state cells of a batch (StateFun's `AddressScopedStorage`).
///
/// A struct over the allocation rather than a class or an array: reaching an element is one offset from the
/// base, with no reference counting, no uniqueness check and no exclusivity check (the owner is used by one
/// batch at a time), and making one is a single allocation. Every index is checked against the count, as an
/// array's is. Everything is inlinable, so it is specialised for the element type where it is used. (A
/// `ManagedBuffer` subclass measured 4-10 % slower per batch: generic metadata and a closure call to make it,
/// a dynamic exclusivity check on its header at every access.)
///
/// Invariant: `base` points at `count` initialized elements (an allocation of at least one) from ``init(count:_:)``
/// until ``release()``; copies of the struct share them, so only the owner may release, once, after which no
/// copy is used.
@usableFromInline
package struct FixedBuffer<Element> {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    /// The number of elements.
    @usableFromInline package let count: Int

    /// A buffer of `count` elements, element `i` made by `element(i)`.
    @inlinable
    package init(count: Int, _ element: (Int) -> Element) {
        // At least one element of capacity, so the allocation is never empty.
        base = .allocate(capacity: Swift.max(count, 1))
        for i in 0..<count { (base + i).initialize(to: element(i)) }
        self.count = count
    }

    /// Destroys the elements and frees the allocation: the owner's last use (see the invariant above).
    @inlinable
    package func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Element `i`, read and changed in place. `i` must be in `0..<count` (checked, as an array checks).
    @inlinable
    package subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(i >= 0 && i < count, "FixedBuffer index out of range")
            // In range (checked above), and before `release()` (the invariant): element i is initialized.
            return UnsafePointer(base + i)
        }
        nonmutating unsafeMutableAddress {
            precondition(i >= 0 && i < count, "FixedBuffer index out of range")
            // As above; the elements are shared storage, so writing through a copy of the struct is writing
            // the owner's element.
            return base + i
        }
    }
}
