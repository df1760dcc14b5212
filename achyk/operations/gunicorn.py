"""gunicorn's configuration hooks (`gunicorn -c python:achyk.operations.gunicorn ...`): each
worker, once the application is loaded, moves what it loaded out of the garbage collector's
walks (`settle`), and answers the health checks on HEALTH_PORT from a thread of its own
(`achyk.operations.healthport`), besides the main port's /healthz."""

import gc
import os


def settle() -> None:
    """What the worker loaded to serve (modules, models, the URL patterns and the views they
    import) lives as long as the worker: frozen (`gc.freeze`), so that a full collection walks
    only what requests made. Unfrozen, a full collection of a worker walks some 300,000
    loaded objects: a pause of about 200 ms for the request it falls in (docs/benchmarks.md)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the URL configuration and its views, imported now
    gc.collect()
    gc.freeze()


def post_worker_init(worker) -> None:
    settle()
    port = os.environ.get("HEALTH_PORT")
    if port:
        from achyk.operations import healthport

        healthport.serve(os.environ.get("HEALTH_HOST", "127.0.0.1"), int(port))
