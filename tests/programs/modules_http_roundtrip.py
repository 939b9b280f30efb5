"""http.server and urllib.request on 127.0.0.1 as guest code: a ThreadingHTTPServer in a
thread, GET and POST round trips, an HTTPError, and the server shut down and closed."""
import http.server, json, threading, urllib.error, urllib.request


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/missing":
            self.send_error(404, "no such page")
            return
        body = json.dumps({"path": self.path, "thread": threading.current_thread().name != "MainThread"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(201)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[::-1])

    def log_message(self, format, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
thread = threading.Thread(target=server.serve_forever)
thread.start()
base = f"http://127.0.0.1:{server.server_address[1]}"
try:
    with urllib.request.urlopen(base + "/a/b?c=1") as response:
        print(response.status, response.headers["Content-Type"], json.loads(response.read()))
    request = urllib.request.Request(base + "/post", data=b"payload", method="POST")
    with urllib.request.urlopen(request) as response:
        print(response.status, response.read())
    try:
        urllib.request.urlopen(base + "/missing")
    except urllib.error.HTTPError as exc:
        print("HTTPError", exc.code, exc.reason)
        exc.close()
finally:
    server.shutdown()
    server.server_close()
    thread.join()
print("done")
