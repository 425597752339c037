/// Calendar arithmetic for the Timestamp and Duration JSON forms (proleptic Gregorian calendar, UTC; the days
/// algorithms are Howard Hinnant's `days_from_civil`/`civil_from_days`).
enum ProtoTime {
    static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// "", ".123", ".123456" or ".123456789": the fewest groups of three digits that hold `nanos` exactly.
    static func fraction(_ nanos: Int32) -> String {
        if nanos == 0 { return "" }
        if nanos % 1_000_000 == 0 { return "." + pad(Int64(nanos / 1_000_000), 3) }
        if nanos % 1000 == 0 { return "." + pad(Int64(nanos / 1000), 6) }
        return "." + pad(Int64(nanos), 9)
    }

    /// Digits `text[range]` as a number, or nil.
    private static func number(_ bytes: [UInt8], _ from: Int, _ count: Int) -> Int64? {
        guard from + count <= bytes.count else { return nil }
        var v: Int64 = 0
        for i in from..<(from + count) {
            guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
            v = v * 10 + Int64(bytes[i] - 0x30)
        }
        return v
    }

    /// Fractional digits at `index` (after a '.'), up to 9: nanoseconds and the index after them.
    private static func nanos(_ bytes: [UInt8], _ index: Int) -> (Int32, Int)? {
        var i = index
        var value: Int64 = 0
        var digits = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            guard digits < 9 else { return nil }
            value = value * 10 + Int64(bytes[i] - 0x30)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        for _ in digits..<9 { value *= 10 }
        return (Int32(value), i)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` to seconds and nanos since the epoch.
    static func parseTimestamp(_ text: String) -> (Int64, Int32)? {
        let b = Array(text.utf8)
        guard b.count >= 20, let year = number(b, 0, 4), b[4] == UInt8(ascii: "-"), let month = number(b, 5, 2),
            b[7] == UInt8(ascii: "-"), let day = number(b, 8, 2), b[10] == UInt8(ascii: "T"),
            let hour = number(b, 11, 2), b[13] == UInt8(ascii: ":"), let minute = number(b, 14, 2),
            b[16] == UInt8(ascii: ":"), let second = number(b, 17, 2)
        else { return nil }
        guard year >= 1, (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60 else { return nil }
        let monthDays: [Int64] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        guard day <= monthDays[Int(month - 1)] + (month == 2 && leap ? 1 : 0) else { return nil }
        var i = 19
        var nanos: Int32 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            guard let (n, next) = self.nanos(b, i + 1) else { return nil }
            nanos = n
            i = next
        }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = number(b, i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let om = number(b, i + 4, 2),
                oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return (seconds, nanos)
    }

    /// `[-]S[.fraction]s` to seconds and nanos (both carrying the sign).
    static func parseDuration(_ text: String) -> (Int64, Int32)? {
        var b = Array(text.utf8)
        guard b.last == UInt8(ascii: "s") else { return nil }
        b.removeLast()
        var negative = false
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        let start = i
        var seconds: Int64 = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            guard seconds < 1_000_000_000_000 else { return nil }
            seconds = seconds * 10 + Int64(b[i] - 0x30)
            i += 1
        }
        guard i > start else { return nil }
        var nanos: Int32 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            guard let (n, next) = self.nanos(b, i + 1) else { return nil }
            nanos = n
            i = next
        }
        guard i == b.count else { return nil }
        return negative ? (-seconds, -nanos) : (seconds, nanos)
    }
}
