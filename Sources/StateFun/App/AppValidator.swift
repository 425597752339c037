/// Applies the rules of ``App/validate()`` to a model, collecting every problem.
struct AppValidator {
    let model: AppModel
    private(set) var diagnostics: [Diagnostic] = []

    init(model: AppModel) {
        self.model = model
    }

    mutating func run() {
        checkDeclarationProblems()
        checkFunctions()
        checkIngresses()
        checkEgresses()
        checkEndpoints()
    }

    mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ declaration: String, _ message: String) {
        diagnostics.append(Diagnostic(severity, code: code, declaration: declaration, message: message))
    }

    /// Reports an invalid typename; returns whether it is valid.
    @discardableResult
    mutating func checkTypeName(_ typeName: TypeName, role: String, in declaration: String) -> Bool {
        guard let reason = typeName.validationError else { return true }
        report(.error, "invalid-typename", declaration, "\(declaration): \(role) '\(typeName)' is invalid: \(reason)")
        return false
    }

    /// Reports what is wrong with a duration setting.
    mutating func checkDuration(
        _ duration: Duration, setting: String, in declaration: String, allowZero: Bool = false, zeroReason: String
    ) {
        for problem in FlinkDuration.problems(duration, allowZero: allowZero) {
            switch problem {
            case .negative:
                report(.error, "invalid-duration", declaration, "\(declaration): \(setting) (\(duration)) is negative")
            case .zero:
                report(.error, "invalid-duration", declaration, "\(declaration): \(setting) is zero; \(zeroReason)")
            case .tooLarge:
                report(
                    .error, "invalid-duration", declaration,
                    "\(declaration): \(setting) (\(duration)) is too large: its milliseconds do not fit in 64 bits")
            case .subMillisecond(let ms):
                report(
                    .warning, "duration-precision", declaration,
                    "\(declaration): \(setting) (\(duration)) has sub-millisecond precision, which StateFun cannot "
                        + "express; it is used as \(FlinkDuration.text(milliseconds: ms))")
            }
        }
    }

    /// Reports a count the runtime reads as a Java `int`.
    mutating func checkCount(_ value: Int, setting: String, in declaration: String, minimum: Int) {
        if value < minimum {
            report(.error, "invalid-count", declaration, "\(declaration): \(setting) (\(value)) must be at least \(minimum)")
        } else if value > Int(Int32.max) {
            report(
                .error, "invalid-count", declaration,
                "\(declaration): \(setting) (\(value)) exceeds \(Int32.max), the largest value the runtime reads")
        }
    }

    // MARK: - Declaration problems

    private mutating func checkDeclarationProblems() {
        for problem in model.problems { report(.error, "declaration-problem", "app", "app: \(problem)") }
        for (function, problem) in model.functionProblems {
            report(.error, "declaration-problem", "function \(function)", "function \(function) \(problem)")
        }
    }

    // MARK: - Functions

    private mutating func checkFunctions() {
        var seen: Set<TypeName> = []
        for function in model.functions {
            let declaration = "function \(function.typeName)"
            if checkTypeName(function.typeName, role: "the function type", in: declaration),
                function.typeName.name.contains("*")
            {
                report(
                    .error, "invalid-typename", declaration,
                    "\(declaration): a function name must not contain '*' (it would read as an endpoint pattern)")
            }
            if !seen.insert(function.typeName).inserted {
                report(
                    .error, "duplicate-function", declaration,
                    "\(declaration) is declared more than once; the runtime and this SDK serve only the first")
            }
            checkStates(of: function, declaration)
            checkHandlers(of: function, declaration)
            for target in function.sends where checkTypeName(target, role: "the function it sends to", in: declaration) {
                if !model.knowsFunction(target) {
                    report(
                        .error, "unknown-send-target", declaration,
                        "\(declaration) declares Sends(\"\(target)\"), which the app does not declare and no endpoint of "
                            + "functions served elsewhere covers")
                }
            }
            for egress in function.egresses where checkTypeName(egress, role: "the emitted egress", in: declaration) {
                if !model.egresses.contains(where: { $0.id == egress }) {
                    report(
                        .error, "undeclared-egress", declaration,
                        "\(declaration) emits to egress \(egress), which the app does not declare")
                }
            }
            // A Kafka or Kinesis dead-letter egress must be declared; a plain one (an ``Egress`` handle) is defined
            // by another module of the job, as for any send through such a handle.
            if case .deadLetter(let target) = function.failurePolicy,
                checkTypeName(target.egress, role: "the dead-letter egress", in: declaration),
                target.destination != .value,
                !model.egresses.contains(where: { $0.id == target.egress })
            {
                report(
                    .error, "undeclared-dead-letter-egress", declaration,
                    "\(declaration) dead-letters to egress \(target.egress), which the app does not declare")
            }
            if case .deadLetter(let target) = function.failurePolicy,
                let egress = model.egresses.first(where: { $0.id == target.egress })
            {
                // A Kafka egress takes Kafka records only (a topic), a Kinesis egress Kinesis records (a stream).
                let fits: Bool
                switch (egress.kind, target.destination) {
                case (.kafka, .kafka), (.kinesis, .kinesis): fits = true
                default: fits = false
                }
                if !fits {
                    report(
                        .error, "dead-letter-egress-kind", declaration,
                        "\(declaration) dead-letters to the \(egress.kind.rawValue) egress \(target.egress) without a "
                            + (egress.kind == .kafka ? "topic: use .deadLetter(to:topic:)" : "stream: use .deadLetter(to:stream:)"))
                }
            }
        }
    }

    private mutating func checkStates(of function: FunctionDefinition, _ declaration: String) {
        var names: Set<String> = []
        for spec in function.specs {
            if let reason = spec.nameError {
                report(.error, "invalid-state-name", declaration, "\(declaration): state '\(spec.name)' is invalid: \(reason)")
            }
            if !names.insert(spec.name).inserted {
                report(
                    .error, "duplicate-state", declaration,
                    "\(declaration) declares the state '\(spec.name)' more than once")
            }
            switch spec.expiration {
            case .none: break
            case .afterCall(let duration), .afterWrite(let duration):
                checkDuration(
                    duration, setting: "the expiration of state '\(spec.name)'", in: declaration,
                    zeroReason: "Flink requires a positive state TTL (use .none for no expiration)")
            }
        }
    }

    private mutating func checkHandlers(of function: FunctionDefinition, _ declaration: String) {
        var handled: Set<TypeName> = []
        for handler in function.handlers {
            checkTypeName(handler.typeName, role: "the handled message type", in: declaration)
            if !handled.insert(handler.typeName).inserted {
                report(
                    .warning, "duplicate-handler", declaration,
                    "\(declaration) has more than one Handle for \(handler.typeName); only the first runs")
            }
        }
    }
}
