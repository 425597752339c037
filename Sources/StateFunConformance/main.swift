print("statefun-conformance")
