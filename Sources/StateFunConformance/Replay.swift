#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import StateFun
import StateFunConformanceFunctions

/// `replay --protocol v3|v2 DIR --out OUTDIR`: answers every `DIR/NAME.request.bin`, writes
/// `OUTDIR/NAME.response.bin` (or `OUTDIR/NAME.error`, one line, when the batch fails), and compares with
/// `DIR/NAME.response.bin` where it exists. Last line: `N passed, N failed`.
enum Replay {
    static func run(version: ProtocolVersion, directory: String, output: String) async -> Int32 {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            print("error: cannot list \(directory): \(error)")
            return 2
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            print("error: cannot create \(output): \(error)")
            return 2
        }
        let handler = (version == .v3 ? ConformanceFunctions.appV3() : ConformanceFunctions.appV2())
            .requestReplyHandler(protocolVersion: version)
        let suffix = ".request.bin"
        var passed = 0
        var failed = 0
        for file in files.sorted() where file.hasSuffix(suffix) {
            let name = String(file.dropLast(suffix.count))
            guard let request = FileManager.default.contents(atPath: directory + "/" + file) else {
                print("\(name): FAIL cannot read \(file)")
                failed += 1
                continue
            }
            let expected = FileManager.default.contents(atPath: directory + "/" + name + ".response.bin")
            let expectedError = FileManager.default.fileExists(atPath: directory + "/" + name + ".error")
            do {
                let response = try await handler.handle(Array(request))
                _ = FileManager.default.createFile(
                    atPath: output + "/" + name + ".response.bin", contents: Data(response))
                if let expected {
                    if ResponseComparison.equal(response, Array(expected), version) {
                        print("\(name): ok (\(response.count) bytes)")
                        passed += 1
                    } else {
                        print("\(name): FAIL response differs from \(name).response.bin")
                        failed += 1
                    }
                } else if expectedError {
                    print("\(name): FAIL answered, but \(name).error expects a failure")
                    failed += 1
                } else {
                    print("\(name): answered (\(response.count) bytes, no expected response to compare)")
                }
            } catch {
                let line = String(error.description.map { $0 == "\n" ? " " : $0 })
                _ = FileManager.default.createFile(
                    atPath: output + "/" + name + ".error", contents: Data((line + "\n").utf8))
                if expected != nil {
                    print("\(name): FAIL error: \(line)")
                    failed += 1
                } else if expectedError {
                    print("\(name): ok (failed as expected: \(line))")
                    passed += 1
                } else {
                    print("\(name): error: \(line)")
                }
            }
        }
        print("\(passed) passed, \(failed) failed")
        return failed == 0 ? 0 : 1
    }
}
