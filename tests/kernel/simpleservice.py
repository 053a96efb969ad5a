#!/usr/bin/env python3
"""A stand-in for the tutorial's simpleservice image, run by the kernel suite inside a pod's
network namespace. GET /info answers as simpleservice 0.5.0 does:
{"host": "<Host header>", "version": "<version>", "from": "<client address>"}.
Prints "listening" once the socket is bound, and "served NAME PATH FROM" before each answer,
so the suite can tell which pod answered a request."""
import argparse
import http.server
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--port", type=int, default=9876)
    parser.add_argument("--version", default="0.5.0")
    args = parser.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            peer = self.client_address[0]
            print(f"served {args.name} {self.path} {peer}", flush=True)
            if self.path == "/info":
                host = self.headers.get("Host", "")
                body = f'{{"host": "{host}", "version": "{args.version}", "from": "{peer}"}}'
                self.reply(200, body)
            elif self.path == "/health":
                self.reply(200, "")
            else:
                self.reply(404, "")

        def reply(self, code, body):
            data = body.encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *unused):
            pass

    server = http.server.HTTPServer(("0.0.0.0", args.port), Handler)
    print("listening", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
