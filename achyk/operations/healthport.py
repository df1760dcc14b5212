"""`/healthz` and `/readyz` on a port of their own, answered by a thread of each gunicorn worker
(HEALTH_PORT; off when unset), so that they never wait behind page renders in gunicorn's
queue: with every thread of a worker rendering, this thread still answers (it only waits for
the GIL, a few milliseconds). Each worker listens on the same port (SO_REUSEPORT) and the
kernel spreads the checks; a worker that hangs stops answering its share.

Started by gunicorn's `post_worker_init` hook: `gunicorn -c python:achyk.operations.gunicorn
...` (`make run` and docs/operators/deployment.md do).
"""

import logging
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from django.db import connections

from . import middleware

logger = logging.getLogger("achyk.operations.health")


class _Server(ThreadingHTTPServer):
    allow_reuse_address = True
    allow_reuse_port = True
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A checker that hangs up before its answer is sent (a load balancer's timeout) is
        not an error of the server; anything else is logged, not printed."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return
        logger.exception("The health check from %s failed.", client_address[0])


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        address = urlsplit(self.path)
        if address.path == "/readyz" or (address.path == "/healthz" and "ready" in address.query):
            try:
                response = middleware.readyz()
            finally:
                # Each check is answered by a thread of its own, which ends with the answer: its
                # connections are closed now (a persistent one, CONN_MAX_AGE, would stay open
                # until the collector found it, one more PostgreSQL session a check).
                connections.close_all()
        elif address.path == "/healthz":
            response = middleware.healthz()
        else:
            self.send_error(404)
            return
        self.send_response(response.status_code)
        for name, value in response.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.content)))
        self.end_headers()
        self.wfile.write(response.content)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


def serve(host: str, port: int) -> ThreadingHTTPServer:
    """Listen on host:port in a daemon thread; the server (its `server_address`) is returned."""
    server = _Server((host, port), _Handler)
    threading.Thread(target=server.serve_forever, name="health", daemon=True).start()
    return server
