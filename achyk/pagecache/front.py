"""The front cache: a caching proxy in front of the application (Varnish, deploy/varnish/) that
answers anonymous hits without Python and learns of every change the page cache learns of.

Off unless FRONT_CACHE_URLS names the proxies' ban addresses. Then:

* every response the page cache keeps (or serves from what it kept) tells the proxy it may
  keep it too, for the time the page cache would (`Surrogate-Control: max-age=N`), and under
  which scope it is forgotten (`X-Achyk-Scope: body:12` or `platform`); the proxy strips
  both before the reader sees them, and keeps nothing that does not carry them;
* every `generations.forget(scope)`, once its transaction has committed, queues the ban of
  that scope (`tasks.queue_ban`): the task worker sends `BAN` with `X-Achyk-Ban: <scope>` to
  each proxy, which drops every copy of that scope (`global`: every copy). The request that
  made the change never waits for a proxy; a publish is seen through the proxy as soon as the
  worker takes the task.

A proxy that does not answer is logged and tried again by the queue (`tasks.ban_scope`); the
copies it holds end after their max-age at the latest (CACHE_PAGE_SECONDS). The operators'
commands (`clear_page_cache`, `restore`) ban at once with `ban(scope)`, each send waiting at
most BAN_TIMEOUT. docs/operators/front-cache.md says how to run it.
"""

import http.client
import logging
import urllib.parse

from django.conf import settings

logger = logging.getLogger(__name__)

SCOPE_HEADER = "X-Achyk-Scope"
BAN_HEADER = "X-Achyk-Ban"
#: The header Varnish puts on every request it sends the application (its transaction id).
FETCH_HEADER = "X-Varnish"
#: Seconds a ban waits for a proxy before it is given up (logged).
BAN_TIMEOUT = 1.0


def enabled() -> bool:
    return bool(settings.FRONT_CACHE_URLS)


def mark(response, scope: str, seconds: int) -> None:
    """Tell the proxy it may keep `response` for `seconds`, forgotten with `scope`."""
    if seconds > 0:
        response["Surrogate-Control"] = f"max-age={int(seconds)}"
        response[SCOPE_HEADER] = scope


def fetching(request) -> bool:
    """Whether the request is the proxy fetching a page it does not hold (after a ban, or once
    its copy ran out)."""
    return "HTTP_" + FETCH_HEADER.upper().replace("-", "_") in request.META


class BanNotTaken(Exception):
    """A proxy did not take a ban. `transient`: it did not answer, or failed (5xx), so trying
    again later may succeed; a refusal (4xx: a wrong address or scope) will not."""

    def __init__(self, url: str, scope: str, reason: str, *, transient: bool):
        super().__init__(f"front cache at {url} did not take the ban of {scope}: {reason}")
        self.url, self.transient = url, transient


def send_ban(url: str, scope: str) -> None:
    """Send the ban of `scope` to the proxy at `url`; BanNotTaken unless it answered 200."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=BAN_TIMEOUT)
    try:
        connection.request("BAN", parts.path or "/", headers={BAN_HEADER: scope})
        status = connection.getresponse().status
    except OSError as error:
        raise BanNotTaken(url, scope, str(error) or type(error).__name__, transient=True) from error
    finally:
        connection.close()
    if status != 200:
        raise BanNotTaken(url, scope, f"answered {status}", transient=status >= 500)


def ban(scope: str) -> int:
    """Every copy of `scope` (a body's, `platform`, `global`) is dropped by every proxy, now;
    how many proxies took the ban. Those that did not are logged."""
    took = 0
    for url in settings.FRONT_CACHE_URLS:
        try:
            send_ban(url, scope)
        except BanNotTaken as error:
            logger.warning("%s", error)
        else:
            took += 1
    return took
