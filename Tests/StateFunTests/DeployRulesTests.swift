// The value rules of the deploy commands (Sources/StateFun/Deploy/DeployRules.swift): each accepts the forms the
// Kubernetes API server, Flink or Docker accept and names what is wrong with the others.

import StateFun
import Testing

@Suite struct DeployRulesTests {
    @Test(arguments: ["a", "shop", "shop-1", "1shop", String(repeating: "a", count: 63)])
    func dns1123LabelsAreAccepted(name: String) {
        #expect(DeployRules.dns1123Label(name) == nil)
    }

    @Test(arguments: ["", "Shop", "shop_1", "-shop", "shop-", "shop.eu", "ünï", String(repeating: "a", count: 64)])
    func otherNamesAreNotDNS1123Labels(name: String) {
        #expect(DeployRules.dns1123Label(name)?.contains("is not a DNS-1123 label") == true)
    }

    @Test func serviceNamesStartWithALetter() {
        #expect(DeployRules.dns1035Label("cart") == nil)
        #expect(DeployRules.dns1035Label("1cart") != nil)
        #expect(DeployRules.dns1123Subdomain("cart.shop.example") == nil)
        #expect(DeployRules.dns1123Subdomain("cart..shop") != nil)
        #expect(DeployRules.dns1123Subdomain(String(repeating: "a.", count: 127) + "a") != nil)
    }

    @Test(arguments: ["100m", "0.5", "1", "128Mi", "1Gi", "2G", "1e3", ".5", "250u"])
    func quantitiesAreAccepted(value: String) {
        #expect(DeployRules.quantity(value) == nil)
    }

    @Test(arguments: ["", "-1", "lots", "1 Gi", "1gi", "1MB", "0x10", "1.2.3"])
    func otherTextIsNotAQuantity(value: String) {
        #expect(DeployRules.quantity(value) != nil)
    }

    @Test(arguments: [
        "greeter", "greeter:0.1.0", "swift:6.3-noble", "apache/flink-statefun:3.3.0",
        "ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5", "localhost:5000/shop/cart",
        "registry.example.com:443/a/b_c/d__e:v1@sha256:" + String(repeating: "ab", count: 32),
    ])
    func imageReferencesAreAccepted(image: String) {
        #expect(DeployRules.imageReference(image) == nil)
    }

    @Test(arguments: ["", "Greeter", "greeter:", "greeter:1 0", "-greeter", "greeter//x", "greeter:" + String(repeating: "a", count: 129)])
    func otherTextIsNotAnImage(image: String) {
        #expect(DeployRules.imageReference(image) != nil)
    }

    @Test func flinkDurationsArePositive() {
        for good in ["10s", "1min", "500ms", "60000", "2h", "1d"] { #expect(DeployRules.flinkDuration(good) == nil, "\(good)") }
        for bad in ["0s", "0", "-1s", "10 s", "1.5s", "10sec", ""] { #expect(DeployRules.flinkDuration(bad) != nil, "\(bad)") }
    }

    @Test func fileSystemURIsNeedASchemeAndAPath() {
        for good in ["s3://bucket/path", "file:///flink-state", "gs://b", "hdfs://nn:8020/flink"] {
            #expect(DeployRules.fileSystemURI(good) == nil, "\(good)")
        }
        for bad in ["s3:/bucket", "bucket/path", "file://relative", "s3://bucket/", "s3://bu cket", ""] {
            #expect(DeployRules.fileSystemURI(bad) != nil, "\(bad)")
        }
    }

    @Test func topicsProductsAndPaths() {
        #expect(DeployRules.kafkaTopic("greetings.v1_x-y") == nil)
        #expect(DeployRules.kafkaTopic("..") != nil)
        #expect(DeployRules.kafkaTopic("a b") != nil)
        #expect(DeployRules.productName("greeter") == nil)
        #expect(DeployRules.productName("greeter;rm") != nil)
        #expect(DeployRules.relativePath("Samples/Greeter") == nil)
        #expect(DeployRules.relativePath("../Greeter") != nil)
        #expect(DeployRules.relativePath("/abs") != nil)
        #expect(DeployRules.composePath("../../..") == nil)
        #expect(DeployRules.composePath("a//b") != nil)
    }

    @Test func endpointURLsGiveTheServiceHostAndPort() {
        #expect(DeploymentSource.hostAndPort("http://greeter:8000/statefun")! == ("greeter", 8000))
        #expect(DeploymentSource.hostAndPort("http://greeter/statefun")! == ("greeter", 80))
        #expect(DeploymentSource.hostAndPort("https://greeter:8443/statefun") == nil)
        #expect(DeploymentSource.hostAndPort("http://greeter:0/") == nil)
        #expect(DeploymentSource.hostAndPort("http+unix:///run/f.sock/statefun") == nil)
        #expect(DeploymentSource.broker("kafka:9092")! == ("kafka", 9092))
        #expect(DeploymentSource.broker("a:1,b:2") == nil)
    }
}
