/// An egress as the user declared it, with every setting module.yaml, describe and validation need.
package enum EgressDeclaration: Sendable {
    case kafka(KafkaEgress)
    case kinesis(KinesisEgress)
}
