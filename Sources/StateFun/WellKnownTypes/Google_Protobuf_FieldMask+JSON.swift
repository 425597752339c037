public import StateFunWire

/// JSON: the paths in lowerCamelCase, joined by commas (`"user.displayName,photo"`).
extension Google_Protobuf_FieldMask {
    /// Writes the comma-separated string; throws for a path that does not survive the round trip to camel case.
    public func writeJSON(to writer: inout ProtoJSONWriter) throws(WireError) {
        var parts: [String] = []
        for path in paths {
            var out = ""
            var upper = false
            for c in path {
                if c.isUppercase { throw .invalidJSON(offset: 0, reason: "FieldMask path \"\(path)\" has capitals") }
                if c == "_" {
                    if upper { throw .invalidJSON(offset: 0, reason: "FieldMask path \"\(path)\" has \"__\"") }
                    upper = true
                    continue
                }
                if upper {
                    guard c.isLowercase else {
                        throw .invalidJSON(offset: 0, reason: "FieldMask path \"\(path)\" has \"_\" before a non-letter")
                    }
                    out += c.uppercased()
                    upper = false
                } else {
                    out.append(c)
                }
            }
            if upper { throw .invalidJSON(offset: 0, reason: "FieldMask path \"\(path)\" ends with \"_\"") }
            parts.append(out)
        }
        writer.writeString(parts.joined(separator: ","))
    }

    /// Reads the comma-separated camelCase paths back to snake_case.
    public mutating func mergeJSON(_ json: ProtoJSONValue, options: ProtoJSONOptions) throws(WireError) {
        let text = try json.string()
        paths = text.isEmpty
            ? []
            : text.split(separator: ",", omittingEmptySubsequences: false).map { part in
                var out = ""
                for c in part {
                    if c.isUppercase {
                        out += "_" + c.lowercased()
                    } else {
                        out.append(c)
                    }
                }
                return out
            }
    }
}
