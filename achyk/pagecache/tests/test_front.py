"""The front cache (FRONT_CACHE_URLS, `pagecache.front`): what the page cache keeps is marked
for the proxy, nothing personal is, and every committed change reaches the proxy as a ban.

The proxy here is a small HTTP server that records the bans it is sent; Varnish itself with
deploy/varnish/achyk.vcl is run by `python -m bench.front` (docs/benchmarks.md)."""

import http.server
import logging
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from achyk.content.models import FeedbackFormField, FeedbackFormPage
from achyk.content.tests import factories as f
from achyk.pagecache import front, generations, middleware
from achyk.ui.accessibility import COOKIE_NAME

from .test_pagecache import HOME


class Bans(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str | None]] = []

    def do_BAN(self):  # noqa: N802 - the method's name
        self.received.append((self.path, self.headers.get(front.BAN_HEADER)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    """A proxy that takes bans, named in FRONT_CACHE_URLS; its list of bans received."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Bans)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{server.server_address[1]}/"]
    Bans.received = []
    yield Bans.received
    server.shutdown()
    server.server_close()


def committed() -> None:
    """What the test's own transaction holds for its commit (the fixtures' writes) runs now,
    as if it had committed, so what the test does next is the only thing pending."""
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _ids, callback, _robust in pending:
        callback()


def marks(response) -> tuple[str | None, str | None]:
    return response.get("Surrogate-Control"), response.get(front.SCOPE_HEADER)


def test_without_a_front_cache_no_page_is_marked_for_one(client, body_a):
    client.get(HOME)
    assert marks(client.get(HOME)) == (None, None)


def test_a_kept_page_is_marked_with_its_time_and_its_body_both_when_rendered_and_when_hit(
    client, body_a, proxy, settings
):
    settings.CACHE_PAGE_SECONDS = 300
    first = client.get(HOME)
    assert first["X-Cache"] == "miss"
    assert marks(first) == ("max-age=300", f"body:{body_a.pk}")
    second = client.get(HOME)
    control, scope = marks(second)
    assert second["X-Cache"] == "hit" and scope == f"body:{body_a.pk}"
    assert 0 < int(control.removeprefix("max-age=")) <= 300
    # The kept copy itself holds no mark: the time left is worked out on each hit.
    assert second.content == first.content


def test_the_platform_s_pages_are_marked_with_the_platform_and_search_for_a_minute(
    client, body_a, proxy
):
    assert marks(client.get("/ky/")) == ("max-age=300", "platform")
    assert marks(client.get("/ky/search/", {"q": "бюджет"}))[0] == "max-age=60"


def test_personal_and_unkept_answers_are_never_marked(client, body_a, editor_a, proxy):
    page = FeedbackFormPage.objects.child_of(f.home(body_a, "ky")).get()
    FeedbackFormField.objects.create(page=page, label="Кайрылуу", field_type="multiline",
                                     required=True)  # fmt: skip
    form = client.get(f.publish(page).get_url())
    assert form.status_code == 200 and marks(form) == (None, None)
    missing = client.get("/burana/ky/no-such-page/")
    assert missing.status_code == 404 and marks(missing) == (None, None)
    editor = Client()
    editor.force_login(editor_a)
    assert marks(editor.get(HOME)) == (None, None)
    client.get(HOME)
    hit = client.get(HOME)
    assert hit["X-Cache"] == "hit"
    assert marks(client.get(HOME, HTTP_COOKIE="sessionid=x")) == (None, None)


def test_the_visually_impaired_version_is_marked_under_the_same_body(client, body_a, proxy):
    client.cookies[COOKIE_NAME] = "on"
    response = client.get(HOME)
    assert marks(response)[1] == f"body:{body_a.pk}"


def test_a_publish_bans_the_body_s_pages_once_it_is_committed(
    client, body_a, body_b, proxy, django_capture_on_commit_callbacks
):
    client.get(HOME)
    committed()
    proxy.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        f.news(body_a, "ky", title="Жаңы көпүрө")
    assert proxy == []  # nothing before the commit: a reader could fetch the old page again
    for callback in callbacks:
        callback()
    assert ("/", f"body:{body_a.pk}") in proxy
    assert f"body:{body_b.pk}" not in {scope for _path, scope in proxy}
    response = client.get(HOME)
    assert "Жаңы көпүрө" in response.text and marks(response)[1] == f"body:{body_a.pk}"


def test_a_body_s_new_name_bans_the_platform_s_pages_too(
    body_a, proxy, django_capture_on_commit_callbacks
):
    committed()
    proxy.clear()
    with django_capture_on_commit_callbacks(execute=True):
        body_a.name_ky = "Бурана айыл аймагы"
        body_a.save()
    assert {f"body:{body_a.pk}", "platform"} <= {scope for _path, scope in proxy}


def test_clearing_the_page_cache_bans_everything(db, proxy):
    generations.forget_everything()
    assert proxy == [("/", "global")]


def test_a_page_whose_body_changed_while_it_rendered_is_kept_here_but_not_marked(
    client, body_a, proxy, monkeypatch
):
    read = middleware.generations
    calls = []

    def moving(scope):
        calls.append(scope)
        current = read(scope)
        return current if len(calls) == 1 else (*current[:-1], current[-1] + 1)

    monkeypatch.setattr(middleware, "generations", moving)
    response = client.get(HOME)
    assert response["X-Cache"] == "miss" and marks(response) == (None, None)


def test_a_proxy_that_does_not_answer_is_logged_and_the_change_still_saved(
    body_a, settings, caplog, django_capture_on_commit_callbacks
):
    committed()
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9/"]  # discard: nothing listens
    with (
        caplog.at_level(logging.WARNING, logger="achyk.pagecache.front"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        news = f.news(body_a, "ky", title="Сакталды")
    assert news.pk and "did not take the ban" in caplog.text


def test_the_clear_command_bans_everything_even_when_it_cannot_reach_the_page_cache(
    db, proxy, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(CommandError, match="own memory"):
        call_command("clear_page_cache")
    assert proxy == [("/", "global")]


def test_the_shipped_varnish_configuration_follows_the_page_cache_s_rules(settings):
    """deploy/varnish/achyk.vcl names the cookies, paths and headers the application uses."""
    import re
    from pathlib import Path

    vcl = (Path(__file__).resolve().parents[3] / "deploy/varnish/achyk.vcl").read_text()
    personal = re.search(r'req.http.Cookie ~ "\(\^\|;\\s\*\)\(([^)]*)\)="', vcl)[1].split("|")
    assert set(personal) == set(middleware.PERSONAL_COOKIES)
    assert f"(^|;\\s*){COOKIE_NAME}=" in vcl  # the visually-impaired version is in the key
    skipped = re.search(r'req.url ~ "\^/\(([^)]*)\)/"', vcl)[1].split("|")
    assert {f"/{path}/" for path in skipped} == set(middleware.SKIPPED_PATHS)
    assert f"obj.http.{front.SCOPE_HEADER}" in vcl and f"req.http.{front.BAN_HEADER}" in vcl
    assert "beresp.http.Surrogate-Control" in vcl
