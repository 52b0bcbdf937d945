import Foundation
import Testing
import TimelineTestSupport

/// `timeline serve` as a user starts it: it says where it listens, logs a line per request,
/// refuses bad tokens and bad limits, and a client sending its request a byte a second holds
/// neither the server nor, for long, its own connection.
@Suite("timeline serve")
struct ServeCommandTests {
    @Test("it starts on the bundled log, answers over HTTP and logs one line per request")
    func startsAndLogs() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = ServeProcess.bundledCopy(in: scratch)
        let server = try ServeProcess(log: log)
        let members = try server.get("/api/v1/orgs/SCO/members?at=2017-06-09")
        #expect(members.status == 200)
        #expect(members.rows.count == 8)
        #expect(members.headers["etag"]?.hasPrefix("\"\(bundledRecordCount)-") == true)
        let page = try server.get("/?org=SCO&at=2024-07-04")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        let missing = try server.get("/api/v1/orgs/XYZ/members")
        #expect(missing.status == 404)
        let logged = server.stop().split(separator: "\n")
        #expect(logged.count == 3, "\(logged)")
        #expect(logged.first?.hasPrefix("GET /api/v1/orgs/SCO/members?at=2017-06-09 200 ") == true)
        #expect(logged.last?.hasPrefix("GET /api/v1/orgs/XYZ/members 404 ") == true)
        print("timeline serve started in \(server.startup)")
    }

    @Test("a client sending its headers one byte a second holds neither the server nor its connection for long")
    func slowClient() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = ServeProcess.bundledCopy(in: scratch)
        let server = try ServeProcess(log: log, arguments: ["--idle-time", "2", "--workers", "1"])
        defer { server.stop() }
        let slow = try RawHTTPConnection(port: server.port)
        let request = Array("GET /api/v1/head HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n".utf8)
        var closed = false
        let clock = ContinuousClock()
        let start = clock.now
        for byte in request {
            guard slow.send([byte]) else {
                closed = true
                break
            }
            // Meanwhile everyone else is answered.
            let answer = try server.get("/api/v1/head")
            #expect(answer.status == 200)
            if slow.isClosedByPeer(within: 1.0) {
                closed = true
                break
            }
        }
        #expect(closed, "the server kept a connection that never finished its headers")
        #expect(clock.now - start < .seconds(8))
    }

    @Test("request heads over the limit are refused, and the server goes on")
    func oversizedHead() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = ServeProcess.bundledCopy(in: scratch)
        let server = try ServeProcess(log: log)
        defer { server.stop() }
        let connection = try RawHTTPConnection(port: server.port)
        connection.send("GET /api/v1/head HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 40_000))\r\n\r\n")
        let reply = String(decoding: connection.readToEnd(), as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 400 "), "\(reply.prefix(200))")
        #expect(reply.contains("Connection: close"))
        #expect(try server.get("/api/v1/head").status == 200)
    }

    @Test("a token file too short, or missing, stops the server before it listens")
    func badTokenFile() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let token = scratch.file("token")
        _ = writeBytes(Array("short\n".utf8), to: token)
        let short = try timelineInRoot(["serve", "--port", "0", "--token-file", token])
        #expect(short.status == 65)
        #expect(short.stderr.contains("use at least 16"))
        let missing = try timelineInRoot(["serve", "--port", "0", "--token-file", scratch.file("nope")])
        #expect(missing.status == 66)
        let port = try timelineInRoot(["serve", "--port", "70000"])
        #expect(port.status == 64)
    }

    @Test("with a token file, an append over HTTP lands in the log file and the CLI sees it")
    func appendsThroughTheServer() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = ServeProcess.bundledCopy(in: scratch)
        let token = scratch.file("token")
        _ = writeBytes(Array("s3cret-s3cret-s3cret-s3cret\n".utf8), to: token)
        chmod(token, 0o600)
        let server = try ServeProcess(log: log, arguments: ["--token-file", token])
        defer { server.stop() }
        let append = try server.post(
            "/api/v1/append", body: "append accession SCO TKM on 2025-01-01 source \"https://example.org/test-only\"",
            headers: ["Authorization": "Bearer s3cret-s3cret-s3cret-s3cret"])
        #expect(append.status == 200, "\(append.text)")
        let cli = try timeline(["--log", log, "-c", "status TKM in SCO at 2025-06-01"])
        #expect(cli.stdout.contains("member"))
        let verify = try timeline(["--log", log, "verify"])
        #expect(verify.status == 0)
    }
}
