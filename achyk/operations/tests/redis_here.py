"""The Redis of the tests that need a real one (REDIS_URL, else 127.0.0.1:6379), and an
address where nothing listens ("Redis down")."""

import os
import socket
import uuid

import pytest

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def closed_port() -> int:
    """A port of 127.0.0.1 that refuses connections (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fail_open_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "achyk.ui.cache.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


def down() -> dict:
    """The cache settings of a Redis that is down."""
    return fail_open_cache(f"redis://127.0.0.1:{closed_port()}/0")


def up() -> dict:
    """The cache settings of the real Redis; the test is skipped, saying so, without one."""
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"No Redis at {REDIS}: start one (apt-get install redis-server).")
    return fail_open_cache(REDIS)
