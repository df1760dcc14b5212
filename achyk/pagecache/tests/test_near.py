"""Near copies (`near.py`): a process serves the pages it served from Redis again from its own
memory, and never once a counter they were kept under has moved, here or in another process,
or while it may have missed such a move. Against the real Redis of the tests."""

import os
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command

from achyk.content.models import NewsPage
from achyk.content.tests import factories as f
from achyk.operations.tests import redis_here
from achyk.pagecache import generations, near
from achyk.ui import cache as fail_open

HOME = "/burana/ky/"


@pytest.fixture
def near_on(settings):
    settings.CACHES = redis_here.up()
    settings.CACHE_NEAR_BYTES = 2**20
    near.copies.clear()
    assert wait_until(lambda: cache.watch().live), "the process never heard from Redis"
    yield cache.watch()
    near.copies.clear()
    fail_open._breakers.clear()


def wait_until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def redis_reads(monkeypatch) -> list:
    """Every read this process makes of the cache from now on."""
    reads, backend = [], caches["default"]
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            reads.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(backend, name, counted)
    return reads


def bump_elsewhere(key: str) -> int:
    """`key` moved by another process: the script `cache.bump` runs, sent on a client of its
    own (this process learns of it only from the announcement)."""
    client = redis.Redis.from_url(redis_here.REDIS)
    try:
        return int(
            client.eval(
                fail_open.BUMP_SCRIPT,
                1,
                cache.make_key(key),
                time.time_ns(),
                0,
                cache.make_key(fail_open.CHANNEL),
                key,
            )  # fmt: skip
        )
    finally:
        client.close()


def test_a_hit_is_served_again_from_the_process_memory_without_asking_redis(
    client, body_a, near_on, monkeypatch
):
    client.get(HOME)  # a miss: rendered, kept in Redis
    from_redis = client.get(HOME)  # a hit from Redis: kept here as sent
    assert from_redis["X-Cache"] == "hit" and len(near.copies) == 1
    reads = redis_reads(monkeypatch)
    again = client.get(HOME)
    assert reads == []
    assert again.status_code == 200 and again["X-Cache"] == "hit"
    assert again.content == from_redis.content
    assert dict(again.items()) == dict(from_redis.items())  # the policy and security headers too


def test_a_publish_in_this_process_shows_at_once(client, body_a, near_on):
    client.get(HOME), client.get(HOME)
    assert client.get(HOME)["X-Cache"] == "hit"
    f.news(body_a, "ky", title="Жаңы көпүрө ачылды")
    page = client.get(HOME)
    assert "Жаңы көпүрө ачылды" in page.content.decode()
    assert page["X-Cache"] == "miss"


def test_a_change_another_process_forgets_ends_the_copy(client, body_a, near_on, tmp_path):
    news = f.news(body_a, "ky", title="Эски аталыш")
    client.get(HOME), client.get(HOME)
    assert "Эски аталыш" in client.get(HOME).content.decode()
    # Renamed behind this process's back (no signal here), and forgotten by another process.
    NewsPage.objects.filter(pk=news.pk).update(title="Жаңы аталыш")
    moved = forget_in_another_process(generations.body_scope(body_a.pk), tmp_path)
    key = generations._generation_key(generations.body_scope(body_a.pk))
    assert wait_until(lambda: near_on.values.get(key) == moved)
    assert "Жаңы аталыш" in client.get(HOME).content.decode()


def forget_in_another_process(scope: str, var_dir) -> int:
    """`generations.forget(scope)` run by another Python process on the same Redis and key
    prefix, as a web worker or the task worker would; the generation it moved to."""
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    script = (
        "import django; django.setup()\n"
        "from django.core.cache import cache\n"
        "from achyk.pagecache import generations\n"
        f"generations.forget({scope!r})\n"
        f"print(cache.get(generations._generation_key({scope!r})))\n"
    )
    environment = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "achyk.settings", "ACHYK_EMBEDDED": "1",
        "REDIS_URL": redis_here.REDIS, "CACHE_KEY_PREFIX": prefix,
        "ACHYK_VAR_DIR": str(var_dir), "DATABASE_URL": f"sqlite:///{var_dir}/other.sqlite3",
    }  # fmt: skip
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    return int(done.stdout.split()[-1])


def test_a_change_made_while_the_announcements_were_lost_is_never_hidden(client, body_a, near_on):
    """The subscription drops; meanwhile another process changes the page. Once the process
    hears from Redis again, what it kept before is not served: the change shows."""
    news = f.news(body_a, "ky", title="Эски аталыш")
    client.get(HOME), client.get(HOME)
    assert "Эски аталыш" in client.get(HOME).content.decode()
    epoch = near_on.epoch
    kill_subscription(near_on)
    assert wait_until(lambda: near_on.epoch != epoch)
    NewsPage.objects.filter(pk=news.pk).update(title="Жаңы аталыш")
    bump_elsewhere(generations._generation_key(generations.body_scope(body_a.pk)))
    assert wait_until(lambda: near_on.live, seconds=10)
    assert "Жаңы аталыш" in client.get(HOME).content.decode()


def kill_subscription(view) -> None:
    """Redis drops the connection the process listens on (as when it restarts)."""
    host, port = view.listening_on()
    address = f"{host}:{port}"
    client = redis.Redis.from_url(redis_here.REDIS)
    try:
        assert client.client_kill_filter(_type="pubsub", addr=address) == 1
    finally:
        client.close()


def test_a_request_that_began_before_the_announcements_were_lost_keeps_nothing(near_on):
    epoch = near_on.epoch
    near_on.lost()
    assert near_on.heard((("pagecache:gen:global", 7),), epoch) is False
    assert near_on.heard((("pagecache:gen:global", 7),), near_on.epoch) is True
    assert near_on.values["pagecache:gen:global"] == 7


def test_values_heard_only_go_up(near_on):
    near_on.moved("k", 5)
    near_on.moved("k", 4)  # an older read, taken late
    assert near_on.values["k"] == 5


def test_clearing_the_page_cache_ends_the_copies_of_every_process(client, body_a, near_on):
    client.get(HOME), client.get(HOME)
    assert client.get(HOME)["X-Cache"] == "hit"
    call_command("clear_page_cache", stdout=None)
    assert client.get(HOME)["X-Cache"] == "miss"


def test_with_redis_down_nothing_is_served_from_copies(client, body_a, near_on, settings):
    client.get(HOME), client.get(HOME)
    settings.CACHES = redis_here.down()
    page = client.get(HOME)
    assert page.status_code == 200 and page["X-Cache"] == "miss"


def test_a_reader_with_another_display_gets_no_copy_of_the_usual_page(client, body_a, near_on):
    client.get(HOME), client.get(HOME)
    client.cookies["achyk_a11y"] = "s=xl.c=high.p=wide.i=1"
    page = client.get(HOME)
    assert page["X-Cache"] == "miss" and 'class="a11y' in page.content.decode()
    assert len(near.copies) == 1


def test_a_front_cache_is_told_how_long_a_copy_may_still_be_kept(client, body_a, near_on, settings):
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9/"]
    client.get(HOME), client.get(HOME)
    time.sleep(1.1)
    page = client.get(HOME)
    assert page["X-Achyk-Scope"] == generations.body_scope(body_a.pk)
    assert int(page["Surrogate-Control"].removeprefix("max-age=")) < settings.CACHE_PAGE_SECONDS


def test_the_copies_keep_to_their_size_dropping_the_least_recently_served():
    copies = near.Copies()
    for name in "abc":
        copies.put((name,), near.Copy((), time.time() + 60, "platform", 200, [], b"x" * 40), 100)
    assert len(copies) == 2 and copies.get(("a",)) is None
    copies.served(("b",))
    copies.put(("d",), near.Copy((), time.time() + 60, "platform", 200, [], b"x" * 40), 100)
    assert copies.get(("b",)) is not None and copies.get(("c",)) is None


def test_a_bump_starts_from_the_clock_keeps_its_expiry_and_moves_by_one(near_on):
    start = time.time_ns()
    assert cache.bump("near-test", start=start, timeout=60) == start  # exact: past 2**53
    assert cache.bump("near-test", start=0, timeout=60) == start + 1
    assert cache.get("near-test") == start + 1
    ttl = cache._cache.get_client().ttl(cache.make_key("near-test"))
    assert 0 < ttl <= 60
    assert near_on.values["near-test"] == start + 1  # taken at once by the process that moved it


def test_a_listener_that_fails_unexpectedly_forgets_what_it_heard_and_listens_again(
    near_on, monkeypatch
):
    take, failed = type(near_on)._take, []

    def failing_once(view, message):
        if message["type"] == "message" and not failed:
            failed.append(message)
            raise RuntimeError("a message it could not read")
        return take(view, message)

    monkeypatch.setattr(type(near_on), "_take", failing_once)
    epoch = near_on.epoch
    near_on.moved("pagecache:gen:global", 1)
    cache.bump("near-test", start=1, timeout=60)
    assert wait_until(lambda: near_on.epoch != epoch)
    assert "pagecache:gen:global" not in near_on.values
    assert wait_until(lambda: near_on.live, seconds=10)
    assert failed


def test_a_host_the_platform_does_not_serve_is_refused_before_any_copy_is_looked_up(
    client, body_a, near_on
):
    client.get(HOME), client.get(HOME)
    assert client.get(HOME, HTTP_HOST="evil.example.org").status_code == 400


def test_an_answer_compressed_for_one_reader_is_not_kept_for_the_others(
    client, body_a, near_on, settings
):
    """A compressing middleware inside the near copies' would choose by each request's
    Accept-Encoding: what it sent one reader is not kept for another."""
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index("achyk.pagecache.near.NearPageMiddleware") + 1,
                      "django.middleware.gzip.GZipMiddleware")  # fmt: skip
    settings.MIDDLEWARE = middleware
    client.get(HOME, HTTP_ACCEPT_ENCODING="gzip")
    assert client.get(HOME, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    assert len(near.copies) == 0
    plain = client.get(HOME)
    assert "Content-Encoding" not in plain and "<html" in plain.content.decode()


def test_the_front_cache_fetching_a_page_is_answered_from_redis_not_from_a_copy(
    client, body_a, near_on, monkeypatch
):
    """Varnish fetches after a ban, which may reach it before this process hears of the change
    that caused it: what it keeps must come from Redis, where the change already is."""
    client.get(HOME), client.get(HOME)
    assert len(near.copies) == 1
    reads = redis_reads(monkeypatch)
    fetched = client.get(HOME, HTTP_X_VARNISH="32770")
    assert fetched["X-Cache"] == "hit" and reads == ["get_many"]
