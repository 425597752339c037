// greeter serve | module-yaml | describe | validate (run `greeter --help`).
import GreeterApp
import StateFun

await Greeter.app.main()
