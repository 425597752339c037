// libFuzzer harness for generated message code: the first byte of an input picks a message type (the well-known
// types, and the messages generated from Fuzz/Messages/fuzz{3,2}.proto), the rest is decoded as it;
// what decodes must re-encode, decode again to the same message, and survive its JSON form. Built only when
// STATEFUN_FUZZ is set (the end of Package.swift); run it with `Fuzz/run.sh GeneratedMessage SECONDS`. The oracle
// lives in StateFunFuzzMessages (GeneratedMessageFuzzing) so the corpus replay test in CI uses the same one.
import StateFunFuzzMessages

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeneratedMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let failure = GeneratedMessageFuzzing.check(bytes) {
        // Deliberate crash: this is how a fuzzer reports a finding.
        fatalError(failure)
    }
    return 0
}
