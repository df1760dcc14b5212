"""gunicorn's configuration hooks (`gunicorn -c python:achyk.operations.gunicorn ...`): each
worker answers the health checks on HEALTH_PORT from a thread of its own
(`achyk.operations.healthport`), besides the main port's /healthz."""

import os


def post_worker_init(worker) -> None:
    port = os.environ.get("HEALTH_PORT")
    if port:
        from achyk.operations import healthport

        healthport.serve(os.environ.get("HEALTH_HOST", "127.0.0.1"), int(port))
