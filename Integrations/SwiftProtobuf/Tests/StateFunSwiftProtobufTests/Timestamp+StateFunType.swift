// A message of the swift-protobuf library itself (a public type of another package, hence the public imports and
// `@retroactive`): the same one-line conformance as for generated messages.

public import StateFun
public import StateFunSwiftProtobuf
public import SwiftProtobuf

extension Google_Protobuf_Timestamp: @retroactive StateFunType, SwiftProtobufMessage {}
