import StateFun
import Tracing

/// Reads a message's metadata for a tracer's propagation: the UTF-8 value of the last entry with the key, as
/// Kafka's `lastHeader` does (``Message/metadataValue(forKey:)``).
struct MetadataExtractor: Extractor {
    func extract(key: String, from carrier: [MetadataEntry]) -> String? {
        carrier.last { $0.key == key }?.utf8Value
    }
}
