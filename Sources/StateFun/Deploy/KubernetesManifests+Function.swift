extension KubernetesManifests {
    /// The function's Deployment, Service and (unless `--max-replicas 0`) HorizontalPodAutoscaler.
    func functionDocuments() -> [YAMLDocument] {
        var documents = [functionDeployment(), functionService()]
        if options.maxReplicas > 0 { documents.append(functionAutoscaler()) }
        return documents
    }

    private var name: String { source.serviceName }

    func functionDeployment() -> YAMLDocument {
        let requests: [(key: String, value: YAMLNode)] = [
            ("cpu", .string(options.cpuRequest)), ("memory", .string(options.memoryRequest)),
        ]
        var limits: [(key: String, value: YAMLNode)] = [("memory", .string(options.memoryLimit))]
        if let cpuLimit = options.cpuLimit { limits.insert(("cpu", .string(cpuLimit)), at: 0) }
        let container: YAMLNode = [
            "name": "function",
            "image": .string(options.image),
            "imagePullPolicy": .string(options.imagePullPolicy),
            "args": ["serve", "--host", "0.0.0.0", "--port", .string(String(source.port))],
            "ports": [["name": "http", "containerPort": .int(Int64(source.port)), "protocol": "TCP"]],
            "resources": ["requests": .mapping(requests), "limits": .mapping(limits)],
            // /health answers while the process serves; /ready only while it takes new calls (it turns 503
            // when the server starts draining on SIGTERM), so the Service stops routing to a stopping pod.
            "livenessProbe": [
                "httpGet": ["path": "/health", "port": "http"], "periodSeconds": 10, "timeoutSeconds": 2,
                "failureThreshold": 3,
            ],
            "readinessProbe": [
                "httpGet": ["path": "/ready", "port": "http"], "periodSeconds": 5, "timeoutSeconds": 2,
                "failureThreshold": 2,
            ],
            "securityContext": [
                "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                "capabilities": ["drop": ["ALL"]],
            ],
        ]
        return YAMLDocument(
            comments: ["The function: `\(programName) serve` on port \(source.port)."],
            root: [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": metadata(name, component: "function"),
                "spec": [
                    "replicas": .int(Int64(options.replicas)),
                    "selector": ["matchLabels": selector("function", name: name)],
                    "template": [
                        "metadata": ["labels": labels("function", name: name)],
                        "spec": [
                            "terminationGracePeriodSeconds": .int(Self.terminationGracePeriodSeconds),
                            "securityContext": [
                                "runAsNonRoot": true, "runAsUser": .int(Int64(FunctionDockerfile.userID)),
                                "runAsGroup": .int(Int64(FunctionDockerfile.userID)),
                            ],
                            "containers": [container],
                        ],
                    ],
                ],
            ])
    }

    /// Named after the endpoint URL's host, on its port: where module.yaml sends the runtime's calls.
    func functionService() -> YAMLDocument {
        YAMLDocument(
            comments: ["The endpoint of module.yaml, http://\(source.host):\(source.port)/…, reaches the function here."],
            root: [
                "apiVersion": "v1", "kind": "Service",
                "metadata": metadata(name, component: "function"),
                "spec": [
                    "type": "ClusterIP",
                    "selector": selector("function", name: name),
                    "ports": [
                        [
                            "name": "http", "port": .int(Int64(source.port)), "targetPort": "http",
                            "protocol": "TCP",
                        ]
                    ],
                ],
            ])
    }

    func functionAutoscaler() -> YAMLDocument {
        YAMLDocument(
            comments: ["Scales the function on CPU: a request-reply function holds no state between calls."],
            root: [
                "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                "metadata": metadata(name, component: "function"),
                "spec": [
                    "scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(name)],
                    "minReplicas": .int(Int64(options.replicas)),
                    "maxReplicas": .int(Int64(options.maxReplicas)),
                    "metrics": [
                        [
                            "type": "Resource",
                            "resource": [
                                "name": "cpu",
                                "target": ["type": "Utilization", "averageUtilization": .int(Int64(options.cpuUtilization))],
                            ],
                        ]
                    ],
                ],
            ])
    }
}
