/// The module.yaml of the Python greeter walkthrough ("Configuring for Runtime"), as it is published there: the
/// data the Swift app must produce when asked for format 1.0 with the Python worker's endpoint.
enum WalkthroughModule {
    static let endpoint = "http://python-worker:8000/statefun"

    static let yaml = """
        version: "1.0"
        module:
          meta:
            type: remote
          spec:
            functions:
              - function:
                  meta:
                    kind: http
                    type: example/greeter
                  spec:
                    endpoint: http://python-worker:8000/statefun
                    states:
                      - seen_count
                    maxNumBatchRequests: 500
                    timeout: 2min
            ingresses:
              - ingress:
                  meta:
                    type: statefun.kafka.io/routable-protobuf-ingress
                    id: example/names
                  spec:
                    address: kafka-broker:9092
                    consumerGroupId: my-group-id
                    topics:
                      - topic: names
                        typeUrl: com.googleapis/example.GreetRequest
                        targets:
                          - example/greeter
            egresses:
              - egress:
                  meta:
                    type: statefun.kafka.io/generic-egress
                    id: example/greets
                  spec:
                    address: kafka-broker:9092
                    deliverySemantic:
                      type: exactly-once
                      transactionTimeoutMillis: 100000
        """
}
