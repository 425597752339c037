/// A token of the protobuf language (https://protobuf.dev/reference/protobuf/proto3-spec/#lexical-elements).
package struct ProtoToken: Sendable {
    package enum Kind: Sendable, Equatable {
        case identifier
        case integer
        case float
        /// A string literal; `value` holds its decoded bytes.
        case string
        /// One punctuation character.
        case symbol
        case end
    }

    package var kind: Kind
    /// The text as written (for strings, without quotes and undecoded).
    package var text: String
    /// A string literal's bytes after escapes.
    package var bytes: [UInt8]
    package var location: SourceLocation
    /// The comment block right before the token with no blank line between, without the comment markers.
    package var leadingComment: String?

    package init(kind: Kind, text: String, bytes: [UInt8], location: SourceLocation, leadingComment: String? = nil) {
        self.kind = kind
        self.text = text
        self.bytes = bytes
        self.location = location
        self.leadingComment = leadingComment
    }
}
