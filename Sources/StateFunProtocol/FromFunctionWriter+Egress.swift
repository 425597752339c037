public import StateFunWire

// Egress effects: `InvocationResponse.outgoing_egresses = 4`, each an `EgressMessage` whose argument is a typed
// value or, for the built-in Kafka and Kinesis egresses, their `KafkaProducerRecord` / `KinesisEgressRecord`
// (protocol.md §1.3).
extension FromFunctionWriter {
    /// 3.x: writes `EgressMessage{egress_namespace=1, egress_type=2, argument=3}` in one run, up to the
    /// `TypedValue`'s value bytes; end it with ``endEgressMessage(_:value:)``.
    @inlinable @inline(__always)
    package mutating func beginEgressMessage(namespace: String, type: String, typeName: String) -> ArgumentMarks {
        let room = namespace.utf8.count + type.utf8.count + typeName.utf8.count + 48
        return egressMessages.writeRun(reserving: room) { run in
            let egress = run.beginLengthDelimited(4)
            run.writeString(1, namespace)
            run.writeString(2, type)
            return Self.beginTypedValue(3, typeName: typeName, effect: egress, in: &run)
        }
    }

    /// Serializes the value of an egress message begun with ``beginEgressMessage(namespace:type:typeName:)``;
    /// if `value` throws, the whole egress message is removed again.
    @inlinable
    package mutating func endEgressMessage<E: Error>(
        _ marks: ArgumentMarks, value: (inout WireWriter) throws(E) -> Void
    ) throws(E) {
        try Self.finish(marks, in: &egressMessages, value)
        egressRecordCount &+= 1
    }

    /// Writes an egress message (either protocol): `EgressMessage{egress_namespace=1, egress_type=2, argument=3}`
    /// with an argument of type `typeName` whose bytes `value` writes. Nothing stays written if `value` throws.
    package mutating func writeEgressMessage(
        namespace: String, type: String, typeName: String, hasValue: Bool = true, metadata: [MetadataEntry] = [],
        value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let version = self.version
        try egressMessages.writeLengthDelimited(4) { (egress: inout WireWriter) throws(any Error) in
            egress.writeString(1, namespace)
            egress.writeString(2, type)
            try Self.writeArgument(
                3, version, typeName: typeName, hasValue: hasValue, metadata: metadata, in: &egress, value)
        }
        egressRecordCount &+= 1
    }

    /// Writes a Kafka record for the egress `namespace/type`: a ``KafkaProducerRecord`` `{key=1, value_bytes=2,
    /// topic=3}` as the argument, under its 3.x typename or 2.x type URL; `value` writes the record's value
    /// bytes. An empty key writes none (the runtime then sends the record without a key). `headers` are the
    /// maintained fork's `headers = 4` (kafka-egress.proto), none written when there are none (upstream's bytes).
    package mutating func writeKafkaRecord(
        egressNamespace namespace: String, egressType type: String, topic: String, key: String,
        headers: [MetadataEntry] = [], value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let typeName = version == .v3 ? KafkaProducerRecord.typeNameV3 : KafkaProducerRecord.typeURLV2
        try writeEgressMessage(namespace: namespace, type: type, typeName: typeName) {
            (record: inout WireWriter) throws(any Error) in
            record.writeString(1, key)
            try record.writeLengthDelimited(2, presence: .implicit, value)
            record.writeString(3, topic)
            for header in headers {
                KafkaProducerRecord.Header.write(key: header.key, value: header.value, field: 4, to: &record)
            }
        }
    }

    /// Writes a Kinesis record for the egress `namespace/type`: a ``KinesisEgressRecord`` `{partition_key=1,
    /// value_bytes=2, stream=3, explicit_hash_key=4}` as the argument, under its 3.x typename or 2.x type URL;
    /// `value` writes the record's value bytes.
    package mutating func writeKinesisRecord(
        egressNamespace namespace: String, egressType type: String, stream: String, partitionKey: String,
        explicitHashKey: String, value: (inout WireWriter) throws(any Error) -> Void
    ) throws(any Error) {
        let typeName = version == .v3 ? KinesisEgressRecord.typeNameV3 : KinesisEgressRecord.typeURLV2
        try writeEgressMessage(namespace: namespace, type: type, typeName: typeName) {
            (record: inout WireWriter) throws(any Error) in
            record.writeString(1, partitionKey)
            try record.writeLengthDelimited(2, presence: .implicit, value)
            record.writeString(3, stream)
            record.writeString(4, explicitHashKey)
        }
    }
}
