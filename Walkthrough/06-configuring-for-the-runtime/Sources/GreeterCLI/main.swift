// The greeter's executable. Without a command it runs the local demo; `greeter serve` serves the functions over
// HTTP to a StateFun runtime (POST /statefun on port 8000); `greeter --help` lists the rest.
import Greeter
import StateFun

await GreeterApp.app.main(commands: [LocalDemo.command], defaultCommand: "demo")
