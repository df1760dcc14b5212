"""The Redis cache, failing open: with Redis down the site serves from the database.

Everything the cache holds can be rebuilt (pages, generations, the site root paths, rate
limit counts, the debounce of recomputations), so a cache that does not answer is read as an
empty one that keeps nothing: `get` misses, `set` and `add` store nothing (`add` says False),
`incr` finds no key (ValueError, as for a missing key). No request waits long for it: sockets
time out in half a second, redis-py does not retry, and after a failure the process leaves
Redis alone for `RETRY_SECONDS` before trying again (one try, not one per call). The first
failure and the recovery are logged once each (logger ``achyk.cache``), not every call.

Counters that many processes act on (the page cache's generations, the routing version) move
by `cache.bump(key, start=..., timeout=...)`: the counter goes up by one, or starts at `start`
if it is missing. On Redis the move and its announcement are one Lua script (`INCR` or `SET`,
then `PUBLISH` of the counter's new value), so no move goes unannounced; `cache.watch()` is
this process's view of the announcements (`Announcements`: a thread subscribed to them keeps
the latest value of each counter, and says when it may have missed one). The local-memory
backend (`LocalMemoryCache`) bumps the same way and announces nothing (`watch()` is None).

`recovered` is sent when the cache answers again in a process that saw it fail (a ping, before
the call that found it back): its receivers make good the writes lost meanwhile (the page
cache forgets pages kept before the outage, since a publish could not move its generation).
`down_for()` tells the health checks how long this process has seen the cache down.
"""

import logging
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
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
        self._server = str(server)

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

    def bump(self, key, *, start: int, timeout=DEFAULT_TIMEOUT) -> int | None:
        """Moves the counter `key` up by one, or starts it at `start` (kept `timeout`), and
        announces its new value to every process's `watch()`, in one round trip; the new
        value, or None when the cache does not answer (the move is then lost)."""
        redis_key = self.make_and_validate_key(key)
        seconds = self.get_backend_timeout(timeout)
        arguments = (start, 0 if seconds is None else max(int(seconds), 1), self._channel(), key)

        def call():
            client = self._cache.get_client(write=True)
            return int(client.eval(BUMP_SCRIPT, 1, redis_key, *arguments))

        value = self._try(call, lambda: None)
        view = _heard.get((self._server, self._channel())) if _heard_pid == os.getpid() else None
        if view is not None and value is not None:
            view.moved(key, value)
        elif view is not None:
            view.lost()
        return value

    def _channel(self) -> str:
        return self.make_key(CHANNEL)

    def watch(self) -> "Announcements":
        """This process's view of the counters' announcements on this cache."""
        return _announcements(self._server, self._channel(), self._cache.get_client)


class LocalMemoryCache(LocMemCache):
    """Django's local-memory cache, with `bump` (nothing to announce: no other process
    reads it) and no `watch`."""

    def bump(self, key, *, start: int, timeout=DEFAULT_TIMEOUT) -> int:
        try:
            return self.incr(key)
        except ValueError:
            self.set(key, start, timeout)
            return start

    def watch(self) -> None:
        return None


#: The announcements' channel (under the cache's key prefix).
CHANNEL = "achyk:counters"
#: INCR the counter if it exists, else SET it to the start (with its expiry); PUBLISH
#: "key value" (a cache key holds no space). The value is read back as a string: Lua's
#: numbers are doubles, and counters started from the clock in nanoseconds exceed 53 bits.
BUMP_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('INCR', KEYS[1])
elseif tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
local value = redis.call('GET', KEYS[1])
redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. value)
return value
"""


class Announcements:
    """What this process has heard of the counters' moves, from a thread subscribed to them.

    `values` holds the latest value heard of each counter; `epoch` changes whenever the
    thread may have missed an announcement (the subscription lost, Redis silent for
    SILENT_SECONDS) and `values` is emptied then, so a copy made under an older epoch is never
    trusted again. `live` is whether the subscription holds now. Values only go up: a
    counter moves by one or restarts from the clock, so the higher of two values is the newer.
    """

    #: Pinged this often; silent this long, the subscription counts as lost.
    PING_SECONDS = 1.0
    SILENT_SECONDS = 3.0

    def __init__(self, channel: str, get_client):
        self.channel, self._get_client = channel, get_client
        self.values: dict[str, int] = {}
        self.epoch, self.live = 0, False
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._pubsub = None
        self._thread = threading.Thread(target=self._listen, daemon=True, name="achyk-counters")
        self._thread.start()

    def heard(self, counters, epoch: int) -> bool:
        """Takes the values of `counters` ((key, value) pairs) read from the cache by a request
        that began under `epoch`; whether the view still holds what that request read (False:
        it may have missed a move since, and nothing read then may be trusted)."""
        with self._lock:
            if not self.live or epoch != self.epoch:
                return False
            for key, value in counters:
                self._higher(key, value)
            return True

    def moved(self, key: str, value: int) -> None:
        """This process moved `key` to `value`: taken at once, before Redis announces it."""
        with self._lock:
            self._higher(key, value)

    def lost(self) -> None:
        """A move of this process may not have been made: nothing heard before is trusted."""
        with self._lock:
            self.values, self.epoch = {}, self.epoch + 1

    def _higher(self, key: str, value: int) -> None:
        if value > self.values.get(key, value - 1):
            self.values[key] = value

    def listening_on(self) -> tuple[str, int]:
        """The local address of the connection the thread listens on (what Redis's CLIENT
        LIST shows as `addr`)."""
        return self._pubsub.connection._sock.getsockname()[:2]

    def stop(self) -> None:
        """The thread ends within PING_SECONDS; nothing waits for it."""
        self._stopped.set()
        self._lost()

    def _listen(self) -> None:
        while not self._stopped.is_set():
            try:
                self._subscribed()
            except FAILURES as error:
                logger.info("The counters' announcements were lost (%s).", error)
            except Exception:  # whatever it was, the thread goes on: a dead one would trust
                logger.exception("Listening to the counters' announcements failed.")
            finally:
                self._lost()  # old values: nothing they vouch for is served again
            self._stopped.wait(RETRY_SECONDS)

    def _subscribed(self) -> None:
        pubsub = self._pubsub = self._get_client(write=True).pubsub()
        try:
            pubsub.subscribe(self.channel)
            heard = pinged = time.monotonic()
            while not self._stopped.is_set():
                message = pubsub.get_message(timeout=self.PING_SECONDS)
                now = time.monotonic()
                if message is not None:
                    heard = now
                    self._take(message)
                if now - heard > self.SILENT_SECONDS:
                    raise RedisTimeoutError(f"no answer for {self.SILENT_SECONDS:g} s")
                if now - pinged >= self.PING_SECONDS:
                    pubsub.ping()
                    pinged = now
        finally:
            pubsub.close()

    def _take(self, message: dict) -> None:
        if message["type"] == "subscribe":
            with self._lock:
                self.values, self.epoch, self.live = {}, self.epoch + 1, True
        elif message["type"] == "message":
            key, _space, value = message["data"].decode().rpartition(" ")
            self.moved(key, int(value))

    def _lost(self) -> None:
        with self._lock:
            self.values, self.epoch, self.live = {}, self.epoch + 1, False


#: The announcements each process hears, by (server, channel); made again after a fork.
_heard: dict[tuple[str, str], Announcements] = {}
_heard_pid = os.getpid()
_heard_lock = threading.Lock()


def _announcements(server: str, channel: str, get_client) -> Announcements:
    global _heard_pid
    found = _heard.get((server, channel))
    if found is not None and _heard_pid == os.getpid():
        return found
    with _heard_lock:
        if _heard_pid != os.getpid():  # a forked child: the parent's thread is not here
            _heard.clear()
            _heard_pid = os.getpid()
        if (server, channel) not in _heard:
            _heard[(server, channel)] = Announcements(channel, get_client)
        return _heard[(server, channel)]


def stop_listening() -> None:
    """Stops every thread of this process that listens to announcements (the tests, whose
    cache has a new key prefix, so a new channel, in every test)."""
    with _heard_lock:
        listening = list(_heard.values())
        _heard.clear()
    for announcements in listening:
        announcements.stop()
