/// The app's routing graph as data: functions, ingresses and egresses as nodes; an edge from an ingress to each
/// function its routes target (labelled with the topic and the routed typename), from a function to each function
/// it declares with `Sends` (labelled `sends`) and to each egress it declares with `Emits` (labelled `emits`).
/// `describe --dot` renders it as Graphviz.
///
/// The graph shows only what the app declares (replies and sends to the function's own type need no declaration
/// and are not drawn); a target or egress that the app names but does not declare (a function served elsewhere,
/// a typo `validate` reports) is drawn dashed.
package struct AppGraph: Sendable, Equatable {
    /// A node's kind: decides its shape.
    package enum Kind: String, Sendable {
        case function, ingress, egress
    }

    /// One node.
    package struct Node: Sendable, Equatable {
        package var kind: Kind
        package var name: String
        /// A second label line, e.g. `kafka ingress`.
        package var detail: String
        /// Named by a route or an `Emits` but not declared in the app.
        package var undeclared: Bool

        /// The DOT node id: kind and name, so a function and an egress with one typename stay apart.
        package var id: String { "\(kind.rawValue):\(name)" }
    }

    /// One edge, from a node id to a node id.
    package struct Edge: Sendable, Equatable {
        package var from: String
        package var to: String
        package var label: String
    }

    package var nodes: [Node]
    package var edges: [Edge]

    /// The graph of `model`, nodes and edges in declaration order (ingresses, functions, egresses).
    package init(model: AppModel) {
        var nodes: [Node] = []
        var edges: [Edge] = []
        var seen: Set<String> = []
        func add(_ node: Node) {
            if seen.insert(node.id).inserted { nodes.append(node) }
        }
        let functions = Set(model.functions.map(\.typeName))
        let egresses = Set(model.egresses.map(\.id))
        for ingress in model.ingresses { add(Node(kind: .ingress, name: ingress.id.description, detail: "\(ingress.kind.rawValue) ingress", undeclared: false)) }
        for function in model.functions { add(Node(kind: .function, name: function.typeName.description, detail: "function", undeclared: false)) }
        for egress in model.egresses { add(Node(kind: .egress, name: egress.id.description, detail: "\(egress.kind.rawValue) egress", undeclared: false)) }
        for ingress in model.ingresses {
            for route in ingress.routes {
                for target in route.targets {
                    let node = Node(kind: .function, name: target.description, detail: "not declared", undeclared: !functions.contains(target))
                    add(node)
                    edges.append(Edge(from: "ingress:\(ingress.id)", to: node.id, label: "\(route.topic): \(route.valueType)"))
                }
            }
        }
        for function in model.functions {
            for target in function.sends {
                let node = Node(kind: .function, name: target.description, detail: "not declared", undeclared: !functions.contains(target))
                add(node)
                edges.append(Edge(from: "function:\(function.typeName)", to: node.id, label: "sends"))
            }
            for egress in function.egresses {
                let node = Node(kind: .egress, name: egress.description, detail: "not declared", undeclared: !egresses.contains(egress))
                add(node)
                edges.append(Edge(from: "function:\(function.typeName)", to: node.id, label: "emits"))
            }
        }
        self.nodes = nodes
        self.edges = edges
    }
}
