"""The Redis cache, failing open: with Redis down the site serves from the database.

Everything the cache holds can be rebuilt (pages, generations, the site root paths, rate
limit counts, the debounce of recomputations), so a cache that does not answer is read as an
empty one that keeps nothing: `get` misses, `set` and `add` store nothing (`add` says False),
`incr` finds no key (ValueError, as for a missing key). No request waits long for it: sockets
time out in half a second, redis-py does not retry, and after a failure the process leaves
Redis alone for `RETRY_SECONDS` before trying again (one try, not one per call). The first
failure and the recovery are logged once each (logger ``achyk.cache``), not every call.

`recovered` is sent when the cache answers again in a process that saw it fail (a ping, before
the call that found it back): its receivers make good the writes lost meanwhile (the page
cache forgets pages kept before the outage, since a publish could not move its generation).
`down_for()` tells the health checks how long this process has seen the cache down.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger("achyk.cache")

#: Sent (sender: the backend's class, location=...) when the cache answers again after failing.
recovered = Signal()
#: How long a process leaves Redis alone after a failure before trying it again.
RETRY_SECONDS = 2.0
#: Socket timeouts (seconds) unless OPTIONS say otherwise: a cache slower than this is down.
SOCKET_TIMEOUT = 0.5
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class _Breaker:
    """Whether this process may try Redis now; shared by the threads of a process (Django
    gives each thread a backend instance of its own)."""

    def __init__(self, location: str):
        self.location, self.lock = location, threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0

    def allows(self) -> bool:
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error: Exception) -> None:
        with self.lock:
            now = time.monotonic()
            self.retry_at = now + RETRY_SECONDS
            if self.down_since is not None:
                return
            self.down_since = now
        logger.warning(
            "The cache at %s does not answer (%s: %s): serving without it, trying again "
            "every %g s.", self.location, type(error).__name__, error, RETRY_SECONDS,
        )  # fmt: skip

    def succeeded(self) -> bool:
        """Whether this success ends an outage (the caller then sends `recovered`)."""
        if self.down_since is None:
            return False
        with self.lock:
            since, self.down_since = self.down_since, None
        if since is None:
            return False
        logger.warning(
            "The cache at %s answers again after %.1f s.", self.location, time.monotonic() - since
        )
        return True


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker(location))


def down_for() -> float | None:
    """Seconds since a cache of this process stopped answering, or None when all answer."""
    since = [b.down_since for b in list(_breakers.values()) if b.down_since is not None]
    return time.monotonic() - min(since) if since else None


class ReusedClients(RedisCacheClient):
    """Django's Redis client maker, keeping one redis-py client per connection pool.

    Django makes a new `redis.Redis` for every call, and making one builds its table of
    reply parsers (about 170 entries): a fifth of a page cache hit's time. A client holds no
    state of its own between commands (connections come from the pool), so one serves every
    call of the backend.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache that answers a miss, instead of raising, when Redis is down."""

    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": SOCKET_TIMEOUT,
            "socket_timeout": SOCKET_TIMEOUT,
            "retry": Retry(NoBackoff(), 0),
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClients
        self._breaker = _breaker(str(server))

    def _try(self, call, fallback):
        if not self._breaker.allows():
            return fallback()
        if self._breaker.down_since is not None and not self.ping():
            return fallback()  # after an outage, the receivers of `recovered` run first
        try:
            return call()
        except FAILURES as error:
            self._breaker.failed(error)
            return fallback()

    def ping(self) -> bool:
        """Whether Redis answers now (the readiness check): one round trip, breaker or not."""
        try:
            self._cache.get_client(write=True).ping()
        except FAILURES as error:
            self._breaker.failed(error)
            return False
        if self._breaker.succeeded():
            recovered.send(sender=type(self), location=self._breaker.location)
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(lambda: RedisCache.add(self, key, value, timeout, version), bool)

    def get(self, key, default=None, version=None):
        return self._try(lambda: RedisCache.get(self, key, default, version), lambda: default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(lambda: RedisCache.set(self, key, value, timeout, version), lambda: None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(lambda: RedisCache.touch(self, key, timeout, version), bool)

    def delete(self, key, version=None):
        return self._try(lambda: RedisCache.delete(self, key, version), bool)

    def get_many(self, keys, version=None):
        return self._try(lambda: RedisCache.get_many(self, keys, version), dict)

    def has_key(self, key, version=None):
        return self._try(lambda: RedisCache.has_key(self, key, version), bool)

    def incr(self, key, delta=1, version=None):
        missing = object()
        found = self._try(lambda: RedisCache.incr(self, key, delta, version), lambda: missing)
        if found is missing:
            raise ValueError(f"Key '{key}' not found (the cache does not answer).")
        return found

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            lambda: RedisCache.set_many(self, data, timeout, version), lambda: list(data)
        )

    def delete_many(self, keys, version=None):
        self._try(lambda: RedisCache.delete_many(self, keys, version), lambda: None)

    def clear(self):
        return self._try(
            lambda: RedisCache.clear(
                self,
            ),
            bool,
        )
