"""The example's web app: GET /health for the platform, GET / lists the notes table.

It only starts after `schemagate deploy` has applied and verified the migrations, so it can
assume the table exists. Standard library only: it reads the table through psql (the image has
the PostgreSQL client for pg_dump anyway), so the example needs no database driver; a real app
uses its driver. The password goes to psql through the environment, never its arguments.
"""

import html
import http.server
import os
import signal
import subprocess
import sys
import urllib.parse


def psql_environment(url):
    """PG* variables for psql from a postgres:// URL."""
    parts = urllib.parse.urlsplit(url)
    env = dict(os.environ)
    env.update(
        PGHOST=parts.hostname or "localhost",
        PGPORT=str(parts.port or 5432),
        PGUSER=urllib.parse.unquote(parts.username or ""),
        PGPASSWORD=urllib.parse.unquote(parts.password or ""),
        PGDATABASE=urllib.parse.unquote(parts.path.lstrip("/")),
    )
    query = urllib.parse.parse_qs(parts.query)
    if "sslmode" in query:
        env["PGSSLMODE"] = query["sslmode"][0]
    return env


PSQL_ENV = psql_environment(os.environ["DATABASE_URL"])


def notes():
    out = subprocess.run(
        ["psql", "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
         "-c", "SELECT id, coalesce(author, '-'), body FROM notes ORDER BY id"],
        env=PSQL_ENV, capture_output=True, text=True, timeout=10, check=True,
    )
    return [line.split("\t", 2) for line in out.stdout.splitlines() if line]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self.reply(200, "text/plain", "ok\n")
        elif self.path == "/":
            rows = "".join(
                f"<li>#{html.escape(i)} ({html.escape(a)}): {html.escape(b)}</li>"
                for i, a, b in notes()
            )
            self.reply(200, "text/html", f"<h1>notes</h1><ul>{rows}</ul>\n")
        else:
            self.reply(404, "text/plain", "not found\n")

    def reply(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    host = os.environ.get("HOST", "0.0.0.0")
    port = int(os.environ.get("PORT", "8000"))
    server = http.server.ThreadingHTTPServer((host, port), Handler)
    # Stopping must not wait for a request still being served: server_close() would join its
    # thread, and a client that keeps its connection open would hold the stop up.
    server.block_on_close = False
    # schemagate execs the app, so in a container it is PID 1, and the kernel delivers no
    # signal to PID 1 that it has no handler for: without this, `docker stop` and a Railway
    # redeploy wait out their grace period and then kill it. SystemExit ends serve_forever.
    signal.signal(signal.SIGTERM, stop)
    print(f"app: listening on http://{host}:{port}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def stop(signum, frame):
    print("app: SIGTERM, stopping", file=sys.stderr, flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
