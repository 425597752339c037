/// The well-known types' schemas (package `google.protobuf`), built in so that files import them with no protobuf
/// installation. Field names, numbers and types are protobuf's (https://protobuf.dev/reference/protobuf/google.protobuf/);
/// their Swift types are generated once into the StateFun module (Sources/StateFun/WellKnownTypes), so every
/// target that imports them shares one definition.
package enum WellKnownProtos {
    /// Import path to file text.
    package static let sources: [String: String] = [
        "google/protobuf/any.proto": """
            syntax = "proto3";
            package google.protobuf;

            // Any message, as its type URL (`type.googleapis.com/<full name>`) and its serialized bytes.
            message Any {
              string type_url = 1;
              bytes value = 2;
            }
            """,
        "google/protobuf/timestamp.proto": """
            syntax = "proto3";
            package google.protobuf;

            // A point in time: seconds and nanoseconds since the Unix epoch (UTC), JSON as RFC 3339 text.
            message Timestamp {
              int64 seconds = 1;
              int32 nanos = 2;
            }
            """,
        "google/protobuf/duration.proto": """
            syntax = "proto3";
            package google.protobuf;

            // A signed span of time in seconds and nanoseconds, JSON as "1.5s".
            message Duration {
              int64 seconds = 1;
              int32 nanos = 2;
            }
            """,
        "google/protobuf/empty.proto": """
            syntax = "proto3";
            package google.protobuf;

            // A message with no fields.
            message Empty {}
            """,
        "google/protobuf/wrappers.proto": """
            syntax = "proto3";
            package google.protobuf;

            // A double with presence; JSON as the bare number.
            message DoubleValue { double value = 1; }
            // A float with presence; JSON as the bare number.
            message FloatValue { float value = 1; }
            // An int64 with presence; JSON as a string.
            message Int64Value { int64 value = 1; }
            // A uint64 with presence; JSON as a string.
            message UInt64Value { uint64 value = 1; }
            // An int32 with presence; JSON as the bare number.
            message Int32Value { int32 value = 1; }
            // A uint32 with presence; JSON as the bare number.
            message UInt32Value { uint32 value = 1; }
            // A bool with presence; JSON as true or false.
            message BoolValue { bool value = 1; }
            // A string with presence; JSON as the bare string.
            message StringValue { string value = 1; }
            // Bytes with presence; JSON as base64.
            message BytesValue { bytes value = 1; }
            """,
        "google/protobuf/struct.proto": """
            syntax = "proto3";
            package google.protobuf;

            // A JSON object.
            message Struct {
              map<string, Value> fields = 1;
            }

            // A JSON value.
            message Value {
              oneof kind {
                NullValue null_value = 1;
                double number_value = 2;
                string string_value = 3;
                bool bool_value = 4;
                Struct struct_value = 5;
                ListValue list_value = 6;
              }
            }

            // JSON's null.
            enum NullValue {
              NULL_VALUE = 0;
            }

            // A JSON array.
            message ListValue {
              repeated Value values = 1;
            }
            """,
        "google/protobuf/field_mask.proto": """
            syntax = "proto3";
            package google.protobuf;

            // A set of field paths; JSON as one comma-separated string of lowerCamelCase paths.
            message FieldMask {
              repeated string paths = 1;
            }
            """,
    ]
}
