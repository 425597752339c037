/// An ingress as the user declared it, with every setting module.yaml, describe and validation need.
package enum IngressDeclaration: Sendable {
    case kafka(KafkaIngress)
    case kinesis(KinesisIngress)
}
