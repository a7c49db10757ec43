#!/usr/bin/env python3
"""Test server for the evidence CLI tests (127.0.0.1 only).

GET  /page      a small HTML page
GET  /chunked   a page sent with chunked transfer coding
GET  /garbage   bytes that are not an HTTP response
GET  /slow      never answers within the client's timeout
POST /tsa       RFC 3161: answers with `openssl ts -reply` (needs --tsa-config)
POST /tsa-junk  answers 200 with bytes that are not a TimeStampResp

Writes the chosen port to --port-file. With --cert/--key it serves HTTPS.
"""
import argparse
import http.server
import os
import ssl
import subprocess
import sys
import tempfile
import time

PAGE = b"<html><body><h1>Statement</h1><p>Evidence page.</p></body></html>\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    tsa_config = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/page":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"first part, ", b"second part\n"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/garbage":
            self.wfile.write(os.urandom(64) + b"\r\n\r\n")
            self.close_connection = True
        elif self.path == "/slow":
            time.sleep(8)
            self.close_connection = True
        else:
            self.send_error(404)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        if self.path == "/tsa-junk":
            out = b"this is not a timestamp response"
        elif self.path == "/tsa" and self.tsa_config:
            with tempfile.TemporaryDirectory() as d:
                q = os.path.join(d, "q.tsq")
                r = os.path.join(d, "r.tsr")
                with open(q, "wb") as f:
                    f.write(body)
                cfg_dir = os.path.dirname(self.tsa_config)
                res = subprocess.run(
                    ["openssl", "ts", "-reply", "-config", self.tsa_config,
                     "-queryfile", q, "-out", r],
                    cwd=cfg_dir, capture_output=True)
                if res.returncode != 0:
                    sys.stderr.write(res.stderr.decode())
                    self.send_error(500)
                    return
                with open(r, "rb") as f:
                    out = f.read()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--tsa-config")
    a = ap.parse_args()
    Handler.tsa_config = os.path.abspath(a.tsa_config) if a.tsa_config else None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    if a.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.cert, a.key)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
