// `greeter-deployment`: the Greeter sample's app (Samples/Greeter) with one more command, `generate-deployment`,
// which is also the default: `swift run greeter-deployment` writes ./deployment. The app's own commands
// (serve, module-yaml, describe, validate) work here too.
import GreeterApp
import GreeterDeployment
import StateFun

await Greeter.app.main(commands: [Deployment.command], defaultCommand: "generate-deployment")
