/// Splits a `.proto` file into tokens, keeping each token's position and the comment block just before it.
package struct ProtoLexer {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    package init(text: String, file: String) {
        self.bytes = Array(text.utf8)
        self.file = file
    }

    private var location: SourceLocation {
        // Columns count characters (UTF-8 continuation bytes are not characters).
        var column = 1
        var i = lineStart
        while i < index {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    /// All tokens, ending with an `.end` token.
    package mutating func tokenize() throws(ProtoDiagnostic) -> [ProtoToken] {
        var tokens: [ProtoToken] = []
        while true {
            let comment = try skipTrivia()
            let start = location
            guard let c = peek() else {
                tokens.append(ProtoToken(kind: .end, text: "", bytes: [], location: start, leadingComment: nil))
                return tokens
            }
            var token: ProtoToken
            if isLetter(c) {
                let from = index
                while let d = peek(), isLetter(d) || isDigit(d) { advance() }
                token = ProtoToken(kind: .identifier, text: text(from), bytes: [], location: start)
            } else if isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
                token = try number(start)
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                token = try string(start, quote: c)
            } else if c < 0x80 {
                advance()
                token = ProtoToken(kind: .symbol, text: String(UnicodeScalar(c)), bytes: [], location: start)
            } else {
                throw ProtoDiagnostic(start, "unexpected character outside a string or comment")
            }
            token.leadingComment = comment
            tokens.append(token)
        }
    }

    private func text(_ from: Int) -> String { String(decoding: bytes[from..<index], as: UTF8.self) }
    private func isLetter(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == UInt8(ascii: "_")
    }
    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Skips whitespace and comments; returns the comment block that ends right before the next token.
    private mutating func skipTrivia() throws(ProtoDiagnostic) -> String? {
        var block: [String] = []
        var newlinesSinceComment = 0
        while let c = peek() {
            if c == UInt8(ascii: "\n") {
                newlinesSinceComment += 1
                if newlinesSinceComment >= 2 { block = [] }
                advance()
            } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == 0x0C
                || c == 0x0B
            {
                advance()
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                advance()
                advance()
                let from = index
                while let d = peek(), d != UInt8(ascii: "\n") { advance() }
                var line = text(from)
                if line.hasPrefix(" ") { line.removeFirst() }
                if newlinesSinceComment >= 2 { block = [] }
                block.append(line)
                newlinesSinceComment = 0
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = location
                advance()
                advance()
                let from = index
                while true {
                    guard let d = peek() else { throw ProtoDiagnostic(start, "comment not closed (missing */)") }
                    if d == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") { break }
                    advance()
                }
                let body = text(from)
                advance()
                advance()
                if newlinesSinceComment >= 2 { block = [] }
                for var line in body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                    while line.first == " " || line.first == "\t" { line.removeFirst() }
                    if line.hasPrefix("*") { line.removeFirst() }
                    if line.hasPrefix(" ") { line.removeFirst() }
                    block.append(line)
                }
                while block.last?.allSatisfy({ $0 == " " }) == true { block.removeLast() }
                while block.first?.allSatisfy({ $0 == " " }) == true { block.removeFirst() }
                newlinesSinceComment = 0
            } else {
                break
            }
        }
        if newlinesSinceComment >= 2 || block.isEmpty { return nil }
        return block.joined(separator: "\n")
    }

    private mutating func number(_ start: SourceLocation) throws(ProtoDiagnostic) -> ProtoToken {
        let from = index
        var isFloat = false
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            advance()
            advance()
            while let d = peek(), isDigit(d) || (d | 0x20 >= 0x61 && d | 0x20 <= 0x66) { advance() }
        } else {
            while let d = peek(), isDigit(d) { advance() }
            if peek() == UInt8(ascii: ".") {
                isFloat = true
                advance()
                while let d = peek(), isDigit(d) { advance() }
            }
            if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                isFloat = true
                advance()
                if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { advance() }
                guard let d = peek(), isDigit(d) else { throw ProtoDiagnostic(start, "malformed exponent") }
                while let d = peek(), isDigit(d) { advance() }
            }
        }
        if let d = peek(), isLetter(d) {
            throw ProtoDiagnostic(start, "need space between number and identifier")
        }
        return ProtoToken(kind: isFloat ? .float : .integer, text: text(from), bytes: [], location: start)
    }

    private mutating func string(_ start: SourceLocation, quote: UInt8) throws(ProtoDiagnostic) -> ProtoToken {
        advance()
        let from = index
        var value: [UInt8] = []
        while true {
            guard let c = peek(), c != UInt8(ascii: "\n") else {
                throw ProtoDiagnostic(start, "string literal not closed")
            }
            if c == quote { break }
            advance()
            guard c == UInt8(ascii: "\\") else {
                value.append(c)
                continue
            }
            guard let e = peek() else { throw ProtoDiagnostic(start, "string literal not closed") }
            advance()
            switch e {
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "r"): value.append(0x0D)
            case UInt8(ascii: "a"): value.append(0x07)
            case UInt8(ascii: "b"): value.append(0x08)
            case UInt8(ascii: "f"): value.append(0x0C)
            case UInt8(ascii: "v"): value.append(0x0B)
            case UInt8(ascii: "?"): value.append(UInt8(ascii: "?"))
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): value.append(e)
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                var v = 0
                var n = 0
                while n < 2, let h = peek(), let d = hexValue(h) {
                    v = v * 16 + d
                    n += 1
                    advance()
                }
                guard n > 0 else { throw ProtoDiagnostic(start, "\\x needs hex digits") }
                value.append(UInt8(v))
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var v = Int(e - 0x30)
                var n = 1
                while n < 3, let o = peek(), o >= 0x30, o <= 0x37 {
                    v = v * 8 + Int(o - 0x30)
                    n += 1
                    advance()
                }
                guard v <= 0xFF else { throw ProtoDiagnostic(start, "octal escape out of range") }
                value.append(UInt8(v))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "u") ? 4 : 8
                var v: UInt32 = 0
                for _ in 0..<count {
                    guard let h = peek(), let d = hexValue(h) else {
                        throw ProtoDiagnostic(start, "\\\(UnicodeScalar(e)) needs \(count) hex digits")
                    }
                    v = v * 16 + UInt32(d)
                    advance()
                }
                guard let scalar = UnicodeScalar(v) else { throw ProtoDiagnostic(start, "invalid Unicode escape") }
                value.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw ProtoDiagnostic(start, "invalid escape sequence in string literal")
            }
        }
        let raw = text(from)
        advance()
        return ProtoToken(kind: .string, text: raw, bytes: value, location: start)
    }

    private func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: Int(c - 0x30)
        case 0x61...0x66: Int(c - 0x61 + 10)
        case 0x41...0x46: Int(c - 0x41 + 10)
        default: nil
        }
    }
}
