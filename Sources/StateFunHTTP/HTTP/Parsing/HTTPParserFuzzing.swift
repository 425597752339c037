/// The fuzzing oracle for ``HTTPParser``, shared by the libFuzzer harness
/// (`Fuzz/FuzzHTTPParser`) and the unit test that replays the corpus in CI.
package enum HTTPParserFuzzing {
    /// Small limits, so fuzzed inputs reach every limit check.
    package static let limits = HTTPLimits(
        maxRequestLineBytes: 256, maxHeaderBytes: 512, maxHeaderCount: 8, maxBodyBytes: 1024)

    /// Parses `bytes` at once and split in two at an offset taken from the first byte, and
    /// returns a description of the difference if the two disagree (a bug), else nil.
    /// Crashing instead of returning is the other kind of bug this finds.
    package static func check(_ bytes: [UInt8]) -> String? {
        let whole = outcome(of: [bytes[...]])
        guard let first = bytes.first, bytes.count > 1 else { return nil }
        let offset = 1 + Int(first) % (bytes.count - 1)
        let split = outcome(of: [bytes[..<offset], bytes[offset...]])
        if split == whole { return nil }
        return "split at \(offset) parses differently:\n whole: \(whole)\n split: \(split)"
    }

    /// Feeds `pieces` one after another, parsing after each, and describes every request
    /// produced and the error that ended parsing, if any.
    package static func outcome(of pieces: [ArraySlice<UInt8>]) -> String {
        var parser = HTTPParser(limits: limits)
        var description = ""
        for piece in pieces {
            parser.append(piece)
            do {
                while let request = try parser.parse() {
                    description += "\(request.method) \(request.target) \(request.path) \(request.query ?? "-") "
                    description += "\(request.version) \(request.headers.count) \(request.body.count);"
                }
            } catch {
                return description + "error \(error.status) \(error)"
            }
        }
        return description + "pending \(parser.bufferedByteCount)"
    }
}
