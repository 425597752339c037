// libFuzzer harness for 2.x request handling: arbitrary bytes as the body of a request to a RequestReplyHandler
// that serves the conformance functions, decoding, handlers, state and answer included. Built only when
// STATEFUN_FUZZ is set (see the end of Package.swift); run it with `Fuzz/run.sh HandlerV2 SECONDS`. The
// oracle lives in StateFunConformanceFunctions (HandlerFuzzing) so the corpus replay test in CI uses the same one.
import StateFun
import StateFunConformanceFunctions

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHandlerV2(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let failure = HandlerFuzzing.checkBlocking(bytes, .v2) {
        // Deliberate crash: this is how a fuzzer reports a finding.
        fatalError(failure)
    }
    return 0
}
