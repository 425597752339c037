import Synchronization

/// Small integer identities for typenames: equal typenames get the same number, for the life of the process.
///
/// A ``ValueSpec`` takes its number when it is declared, and a batch's state cells take theirs from the
/// function's specs, so checking on every state access that a spec names the declared type is one integer
/// comparison, not four string comparisons (with their reference counting).
package enum TypeNameIdentity {
    private static let numbers = Mutex<[TypeName: Int]>([:])

    /// The number of `typeName` (never 0, which stands for "no declared type").
    package static func number(of typeName: TypeName) -> Int {
        numbers.withLock { numbers in
            if let number = numbers[typeName] { return number }
            let number = numbers.count + 1
            numbers[typeName] = number
            return number
        }
    }
}
