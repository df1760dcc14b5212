"""The front cache: a caching proxy in front of the application (Varnish, deploy/varnish/) that
answers anonymous hits without Python and learns of every change the page cache learns of.

Off unless FRONT_CACHE_URLS names the proxies' ban addresses. Then:

* every response the page cache keeps (or serves from what it kept) tells the proxy it may
  keep it too, for the time the page cache would (`Surrogate-Control: max-age=N`), and under
  which scope it is forgotten (`X-Achyk-Scope: body:12` or `platform`); the proxy strips
  both before the reader sees them, and keeps nothing that does not carry them;
* every `generations.forget(scope)`, once its transaction has committed, sends
  `BAN` with `X-Achyk-Ban: <scope>` to each proxy, which drops every copy of that scope
  (`global`: every copy). So a publish is seen at once through the proxy as in the
  application.

A proxy that does not answer is logged and left alone (a ban waits at most BAN_TIMEOUT): the
copies it holds end after their max-age at the latest (CACHE_PAGE_SECONDS).
docs/operators/front-cache.md says how to run it.
"""

import http.client
import logging
import urllib.parse

from django.conf import settings

logger = logging.getLogger(__name__)

SCOPE_HEADER = "X-Achyk-Scope"
BAN_HEADER = "X-Achyk-Ban"
#: Seconds a ban waits for a proxy before it is given up (logged).
BAN_TIMEOUT = 1.0


def enabled() -> bool:
    return bool(settings.FRONT_CACHE_URLS)


def mark(response, scope: str, seconds: int) -> None:
    """Tell the proxy it may keep `response` for `seconds`, forgotten with `scope`."""
    if seconds > 0:
        response["Surrogate-Control"] = f"max-age={int(seconds)}"
        response[SCOPE_HEADER] = scope


def ban(scope: str) -> int:
    """Every copy of `scope` (a body's, `platform`, `global`) is dropped by every proxy;
    how many proxies took the ban."""
    took = 0
    for url in settings.FRONT_CACHE_URLS:
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port or 80, timeout=BAN_TIMEOUT
        )
        try:
            connection.request("BAN", parts.path or "/", headers={BAN_HEADER: scope})
            status = connection.getresponse().status
        except OSError as error:
            logger.warning("front cache at %s did not take the ban of %s: %s", url, scope, error)
            continue
        finally:
            connection.close()
        if status == 200:
            took += 1
        else:
            logger.warning("front cache at %s refused the ban of %s: %s", url, scope, status)
    return took
