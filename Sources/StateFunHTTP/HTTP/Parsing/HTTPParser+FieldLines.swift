extension HTTPParser {
    // MARK: - Field lines (RFC 9112 §5)

    mutating func parseFieldLine(_ line: Range<Int>) throws(HTTPParserError) {
        let (name, value) = try splitFieldLine(line)
        headers.add(name: HTTPGrammar.string(buffer[name]), value: HTTPGrammar.string(buffer[value]))
    }

    mutating func validateFieldLine(_ line: Range<Int>) throws(HTTPParserError) {
        _ = try splitFieldLine(line)
    }

    /// Checks one field line against the count and size budgets and its grammar, and
    /// returns the name and the value with surrounding whitespace removed.
    mutating func splitFieldLine(_ line: Range<Int>) throws(HTTPParserError) -> (Range<Int>, Range<Int>) {
        if sectionCount >= limits.maxHeaderCount { throw .tooManyHeaders }
        sectionCount += 1
        sectionBytes += line.count + 2
        let first = buffer[line.lowerBound]
        // RFC 9112 §5.2: obsolete line folding may be rejected with 400.
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { throw .invalidHeader }
        guard let colon = buffer[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound else {
            throw .invalidHeader
        }
        // RFC 9112 §5.1: no whitespace between name and colon; names are tokens.
        guard buffer[line.lowerBound..<colon].allSatisfy(HTTPGrammar.isTokenByte) else { throw .invalidHeader }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd, HTTPGrammar.isWhitespace(buffer[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, HTTPGrammar.isWhitespace(buffer[valueEnd - 1]) { valueEnd -= 1 }
        for byte in buffer[valueStart..<valueEnd] where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            throw .invalidHeader  // NUL, bare CR and other controls (RFC 9110 §5.5)
        }
        return (line.lowerBound..<colon, valueStart..<valueEnd)
    }

}
