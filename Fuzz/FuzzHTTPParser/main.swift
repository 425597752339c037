// libFuzzer harness for StateFunHTTP's request parser. Built only when STATEFUN_FUZZ is
// set (see the end of Package.swift); run it with Fuzz/run.sh. The oracle lives in
// StateFunHTTP (HTTPParserFuzzing) so the corpus replay test in CI uses the same one.
import StateFunHTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let failure = HTTPParserFuzzing.check(bytes) {
        // Deliberate crash: this is how a fuzzer reports a finding.
        fatalError(failure)
    }
    return 0
}
