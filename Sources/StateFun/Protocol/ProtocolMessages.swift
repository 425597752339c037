package import StateFunProtocol

// The schema's messages (StateFunProtocol) with the SDK's Address, per protocol version.

/// The 3.x request: `TypedValue` arguments and state (`io.statefun.sdk.reqreply`).
package typealias ToFunctionV3 = ToFunction<Address, TypedValue, TypedValue>
/// The 2.x request: `Any` arguments, opaque state bytes (`org.apache.flink.statefun.flink.core.polyglot`).
package typealias ToFunctionV2 = ToFunction<Address, AnyValue, StateBytes>
/// The 3.x response.
package typealias FromFunctionV3 = FromFunction<Address, TypedValue, TypedValue>
/// The 2.x response.
package typealias FromFunctionV2 = FromFunction<Address, AnyValue, StateBytes>
