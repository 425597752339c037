import StateFunHTTP

// Test support: a slow client is a test's tool, not the production client's.
extension HTTPClient {
    /// Writes `bytes` in pieces of `chunkSize`, pausing `interval` between pieces (or just
    /// yielding for `.zero`): a slow client, for the server's read timeout and split bodies.
    /// Stops with an error as soon as the server has closed the connection.
    func writeSlowly(_ bytes: [UInt8], chunkSize: Int = 1, interval: Duration) async throws {
        var offset = 0
        let step = max(1, chunkSize)
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            try await write(Array(bytes[offset..<end]))
            offset = end
            if offset < bytes.count {
                if interval > .zero { try await Task.sleep(for: interval) } else { await Task.yield() }
            }
        }
    }
}
