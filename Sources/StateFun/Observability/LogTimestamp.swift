/// RFC 3339 timestamps in UTC with milliseconds, computed without Foundation's formatters (they differ between
/// platforms and cost more than the arithmetic).
package enum LogTimestamp {
    /// `seconds` since 1970-01-01T00:00:00Z as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    package static func rfc3339(_ seconds: Double) -> String {
        let millis = Int64((seconds * 1000).rounded(.down))
        var days = millis / 86_400_000
        var ms = millis % 86_400_000
        if ms < 0 {
            ms += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let s = ms / 1000
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(s / 3600, 2) + ":"
            + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2) + "." + pad(ms % 1000, 3) + "Z"
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01: eras of 400 years (146,097 days) starting
    /// on March 1st, so the leap day falls at the end of a year.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
