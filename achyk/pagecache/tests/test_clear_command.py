"""`manage.py clear_page_cache`: every process forgets every kept page (the shared cache), or
the command says plainly that it cannot (the web server's own memory)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from achyk.operations.tests import redis_here
from achyk.ui import cache as fail_open

HOME, PLATFORM = "/burana/ky/", "/ky/"


@pytest.fixture
def redis_up(settings):
    settings.CACHES = redis_here.up()
    yield
    fail_open._breakers.clear()


def test_clearing_the_page_cache_makes_every_page_render_afresh(client, body_a, redis_up):
    for url in (HOME, PLATFORM):
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    out = StringIO()
    call_command("clear_page_cache", stdout=out)
    assert "cleared" in out.getvalue()
    for url in (HOME, PLATFORM):
        assert client.get(url)["X-Cache"] == "miss"
        assert client.get(url)["X-Cache"] == "hit"


def test_with_redis_down_the_command_says_nothing_was_cleared(db, settings):
    settings.CACHES = redis_here.down()
    try:
        with pytest.raises(CommandError, match="does not answer"):
            call_command("clear_page_cache")
    finally:
        fail_open._breakers.clear()


def test_with_the_local_memory_cache_the_command_says_to_restart_the_web_server(db, settings):
    settings.CACHES = {  # the embedded default, whatever REDIS_URL this run was given
        "default": {"BACKEND": "achyk.ui.cache.LocalMemoryCache"}
    }
    with pytest.raises(CommandError, match="Restart the web server"):
        call_command("clear_page_cache")
