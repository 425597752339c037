// A message of the swift-protobuf library itself (a public type of another package, hence the public imports and
// `@retroactive`): the same one-line conformance as for generated messages. StateFun has a type of the same name
// (its own well-known types, for statefun-protoc), so the name is qualified.

public import StateFun
public import StateFunSwiftProtobuf
public import SwiftProtobuf

extension SwiftProtobuf.Google_Protobuf_Timestamp: @retroactive StateFunType, SwiftProtobufMessage {}
