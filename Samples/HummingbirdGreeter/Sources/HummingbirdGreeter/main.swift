// The walkthrough's greeter on Hummingbird: `hummingbird-greeter [--host H] [--port P]` (default 0.0.0.0:8000).
// The runtime reaches it at http://<host>:<port>/statefun, the URL module.yaml names (`greeter module-yaml`).
import GreeterApp
import Hummingbird
import StateFun
import StateFunHummingbird

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

var host = "0.0.0.0"
var port = 8000
var arguments = CommandLine.arguments.dropFirst()
while let option = arguments.popFirst() {
    switch (option, arguments.popFirst()) {
    case ("--host", let value?):
        host = value
    case ("--port", let value?):
        guard let number = Int(value), (0...65535).contains(number) else {
            print("error: --port needs a number from 0 to 65535")
            exit(2)
        }
        port = number
    default:
        print("usage: hummingbird-greeter [--host <host>] [--port <port>]")
        exit(option == "--help" || option == "-h" ? 0 : 2)
    }
}

// Refuse to serve an app the runtime would reject.
let problems = Greeter.app.validate().filter { $0.severity == .error }
guard problems.isEmpty else {
    for problem in problems { print(problem) }
    exit(1)
}

let router = Router()
router.addStateFun(StateFunRoute(handler: Greeter.app.requestReplyHandler()))
router.get("/health") { _, _ in "ok" }

let application = Application(
    router: router, configuration: .init(address: .hostname(host, port: port), serverName: "hummingbird-greeter"))
try await application.runService()
