// `greeter` with no command runs the demo: the walkthrough's scenario on the embedded runtime, then exits.
// `greeter dev | serve | module-yaml | describe | validate` are the app's other commands (`greeter --help`).
import GreeterApp
import StateFun

await Greeter.app.main(commands: GreeterDemo.commands, defaultCommand: "demo")
