// Prints the records the event generator would publish to the `names` topic: the key, then the value bytes in
// hex. Step 5 feeds the same records to the greeter on the embedded runtime; step 7 publishes them to Kafka.
//
//   swift run event-generator [--count N] [--seed S]

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import GreeterMessages

var count = 6
var seed: UInt64 = 2020
var arguments = CommandLine.arguments.dropFirst()
while let option = arguments.popFirst() {
    let value = arguments.popFirst()
    switch option {
    case "--count":
        guard let value, let number = Int(value), (0...10_000).contains(number) else {
            print("error: --count needs a number from 0 to 10000")
            exit(2)
        }
        count = number
    case "--seed":
        guard let value, let number = UInt64(value) else {
            print("error: --seed needs a non-negative number")
            exit(2)
        }
        seed = number
    default:
        print("usage: event-generator [--count N] [--seed S]")
        exit(option == "--help" || option == "-h" ? 0 : 2)
    }
}

var generator = EventGenerator(seed: seed)
for record in generator.records(count) {
    let hex = record.value.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }.joined(separator: " ")
    print("names  key=\(record.key.padding(6))  value=\(hex)")
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
