// `shop` without a command plays the demo on the embedded runtime; `shop serve` serves the functions to a
// StateFun runtime; `shop module-yaml`, `describe` and `validate` as for every app (`shop --help`).
import ShoppingCart
import StateFun

await Shop.app.main(commands: [ShopDemo.command], defaultCommand: "demo")
