"""The front cache (FRONT_CACHE_URLS, `pagecache.front`): what the page cache keeps is marked
for the proxy, nothing personal is, and every committed change reaches the proxy as a ban,
sent by the task worker (`pagecache.tasks`), coalesced per body and tried again while the
proxy is down.

The proxy here is a small HTTP server that records the bans it is sent; Varnish itself with
deploy/varnish/achyk.vcl is run by `python -m bench.front` (docs/benchmarks.md). The queue is
the database queue and its worker (`manage.py db_worker --batch`) where the test says so; the
other tests run tasks as they are queued (the immediate queue of the tests' settings)."""

import contextlib
import http.server
import logging
import socket
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from achyk.content.models import FeedbackFormField, FeedbackFormPage, NewsIndexPage, NewsPage
from achyk.content.tests import factories as f
from achyk.content.tests.test_fresh_start import add_url, news_form
from achyk.content.tests.test_page_editor import speak
from achyk.operations import worker
from achyk.pagecache import front, generations, middleware, tasks
from achyk.ui.accessibility import COOKIE_NAME

from .test_pagecache import HOME

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Bans(http.server.BaseHTTPRequestHandler):
    """Records the path and `X-Achyk-Ban` of each BAN it takes (`received`)."""

    received: list[tuple[str, str | None]] = []

    def do_BAN(self):  # noqa: N802 - the method's name
        self.received.append((self.path, self.headers.get(front.BAN_HEADER)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def proxy_on(port: int = 0):
    """A proxy taking bans on `port` (0: any free one) while the block runs; its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Bans)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Bans.received = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def proxy(settings):
    """A proxy that takes bans, named in FRONT_CACHE_URLS; its list of bans received."""
    with proxy_on() as url:
        settings.FRONT_CACHE_URLS = [url]
        yield Bans.received


def closed_port() -> int:
    """A port of this machine that nothing listens on: a proxy that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def committed() -> None:
    """What the test's own transaction holds for its commit (the fixtures' writes) runs now,
    as if it had committed, so what the test does next is the only thing pending."""
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _ids, callback, _robust in pending:
        callback()


def on_the_queue(settings) -> None:
    """From now on tasks wait in the database queue for the worker (`work`)."""
    settings.TASKS = DATABASE_TASKS


def work() -> None:
    """`manage.py db_worker --batch`: the worker runs every task that is due, then stops."""
    worker.Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id=worker.new_worker_id(),
        excluded_queue_names=[],
    ).run()  # fmt: skip


def bans_queued(scope: str):
    """The ban tasks of `scope` in the queue, oldest first."""
    found = DBTaskResult.objects.filter(task_path=tasks.ban_scope.module_path).order_by(
        "enqueued_at"
    )
    return [each for each in found if each.args_kwargs["args"][0] == scope]


def publish_news(client, parent, title: str, slug: str):
    """An editor publishes a news item through the admin; the admin's answer."""
    form = news_form(title, slug, **{"action-publish": "publish"})
    return client.post(add_url(parent), form)


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


def test_a_publish_is_queued_once_committed_and_banned_by_the_worker(
    client, body_a, body_b, proxy, settings, django_capture_on_commit_callbacks
):
    client.get(HOME)
    committed()
    proxy.clear()
    on_the_queue(settings)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        f.news(body_a, "ky", title="Жаңы көпүрө")
    # Nothing before the commit: a reader could fetch the old page again.
    assert proxy == [] and bans_queued(f"body:{body_a.pk}") == []
    for callback in callbacks:
        callback()
    assert proxy == [] and len(bans_queued(f"body:{body_a.pk}")) == 1  # queued, not sent
    work()
    assert ("/", f"body:{body_a.pk}") in proxy
    assert f"body:{body_b.pk}" not in {scope for _path, scope in proxy}
    (task,) = bans_queued(f"body:{body_a.pk}")
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value == 1
    response = client.get(HOME)
    assert "Жаңы көпүрө" in response.text and marks(response)[1] == f"body:{body_a.pk}"


def test_an_editor_s_publish_in_the_admin_reaches_the_proxy_through_the_worker(
    client, body_a, body_b, editor_a, proxy, settings, django_capture_on_commit_callbacks
):
    news = f.section(body_a, "ky", NewsIndexPage)
    committed()
    proxy.clear()
    on_the_queue(settings)
    speak(client, editor_a, "ky")
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_news(client, news, "Суу түтүгү", "suu-tutugu")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NewsPage.objects.live().filter(title="Суу түтүгү").exists()
    assert proxy == []  # the editor's request sent nothing: the ban waits for the worker
    work()
    assert proxy == [("/", f"body:{body_a.pk}")]


def test_many_changes_of_one_body_are_banned_at_once_then_once_more_after_a_pause(
    body_a, proxy, settings
):
    f.section(body_a, "ky", NewsIndexPage)
    committed()
    proxy.clear()
    on_the_queue(settings)
    scope = f"body:{body_a.pk}"
    with transaction.atomic():
        for number in range(3):  # one transaction, three changes
            f.news(body_a, "ky", title=f"Жаңылык {number}")
    committed()
    assert len(bans_queued(scope)) == 1
    for number in range(3, 6):  # a burst: three more transactions right after
        f.news(body_a, "ky", title=f"Жаңылык {number}")
        committed()
    first, then = bans_queued(scope)
    pause = timedelta(seconds=tasks.BAN_EVERY)
    assert then.run_after - first.enqueued_at >= pause  # after the burst, not in it
    work()
    assert proxy == [("/", scope)]  # the first at once; the second is not due yet
    DBTaskResult.objects.filter(pk=then.pk).update(run_after=timezone.now())  # time passes
    work()
    assert proxy == [("/", scope), ("/", scope)]


def test_a_proxy_that_is_down_fails_no_publish_and_the_ban_is_tried_again_until_taken(
    client, body_a, editor_a, settings, caplog, django_capture_on_commit_callbacks
):
    news = f.section(body_a, "ky", NewsIndexPage)
    committed()
    port = closed_port()
    url = f"http://127.0.0.1:{port}/"
    settings.FRONT_CACHE_URLS = [url]
    on_the_queue(settings)
    speak(client, editor_a, "ky")
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_news(client, news, "Сакталды", "saktaldy")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NewsPage.objects.live().filter(title="Сакталды").exists()
    with caplog.at_level(logging.WARNING, logger="achyk.pagecache.tasks"):
        work()
    assert "did not take the ban" in caplog.text
    failed, again = bans_queued(f"body:{body_a.pk}")
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "achyk.pagecache.tasks.BansNotTaken"
    assert again.status == TaskResultStatus.READY
    retry = again.args_kwargs["kwargs"]
    assert (retry["urls"], retry["attempt"]) == ([url], 2)  # only the proxy that failed
    assert again.run_after >= failed.started_at + timedelta(seconds=tasks.RETRY_FIRST)
    with proxy_on(port):  # the proxy is back
        DBTaskResult.objects.filter(pk=again.pk).update(run_after=timezone.now())
        work()
        assert Bans.received == [("/", f"body:{body_a.pk}")]
    again.refresh_from_db()
    assert again.status == TaskResultStatus.SUCCESSFUL


class BanRefusingQueue(DatabaseBackend):
    """The database queue failing to take a ban, as when its table is not there yet (a
    migration forgets pages before django_tasks_db's own migrations ran)."""

    def enqueue(self, task, args, kwargs):
        if task.module_path == tasks.ban_scope.module_path:
            raise DatabaseError('relation "django_tasks_database_dbtaskresult" does not exist')
        return super().enqueue(task, args, kwargs)


def test_a_queue_that_refuses_the_ban_is_logged_and_the_publish_still_done(
    client, body_a, editor_a, proxy, settings, caplog, django_capture_on_commit_callbacks
):
    news = f.section(body_a, "ky", NewsIndexPage)
    committed()
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.BanRefusingQueue"}}
    reader = Client()
    reader.get(HOME)
    assert reader.get(HOME)["X-Cache"] == "hit"
    speak(client, editor_a, "ky")
    with (
        caplog.at_level(logging.ERROR, logger="achyk.pagecache.generations"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = publish_news(client, news, "Сакталды", "saktaldy")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NewsPage.objects.live().filter(title="Сакталды").exists()
    assert f"The ban of body:{body_a.pk} could not be queued" in caplog.text
    assert "Сакталды" in reader.get(HOME).text  # the page cache forgot all the same


def test_a_ban_is_tried_again_later_each_time_but_not_once_the_copies_have_expired(db, settings):
    url = f"http://127.0.0.1:{closed_port()}/"
    on_the_queue(settings)
    tasks.ban_scope.enqueue("platform", urls=[url], attempt=3, since=time.time())
    late = time.time() - settings.CACHE_PAGE_SECONDS
    tasks.ban_scope.enqueue("body:7", urls=[url], attempt=2, since=late)
    before = timezone.now()
    work()
    (third, fourth) = bans_queued("platform")
    assert third.status == TaskResultStatus.FAILED and fourth.status == TaskResultStatus.READY
    assert fourth.args_kwargs["kwargs"]["attempt"] == 4
    assert fourth.run_after >= before + timedelta(seconds=tasks.RETRY_FIRST * 4)
    (given_up,) = bans_queued("body:7")
    assert given_up.status == TaskResultStatus.FAILED
    assert "not tried again" in given_up.traceback


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

    def moving(scope, found=None):
        calls.append(scope)
        current = read(scope, found)
        return current if len(calls) == 1 else (*current[:-1], current[-1] + 1)

    monkeypatch.setattr(middleware, "generations", moving)
    response = client.get(HOME)
    assert response["X-Cache"] == "miss" and marks(response) == (None, None)


def test_on_the_immediate_queue_a_proxy_that_does_not_answer_is_logged_and_the_change_saved(
    body_a, settings, caplog, django_capture_on_commit_callbacks
):
    """TASKS_BACKEND=immediate (tiny installs): the ban is sent in the request, not retried."""
    committed()
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{closed_port()}/"]
    with (
        caplog.at_level(logging.WARNING, logger="achyk.pagecache.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        news = f.news(body_a, "ky", title="Сакталды")
    assert news.pk and "did not take the ban" in caplog.text


def test_the_clear_command_bans_everything_even_when_it_cannot_reach_the_page_cache(
    db, proxy, settings
):
    settings.CACHES = {"default": {"BACKEND": "achyk.ui.cache.LocalMemoryCache"}}
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


def test_the_shipped_nginx_keeps_for_a_second_only_what_varnish_keeps_and_nothing_personal(
    tmp_path,
):
    """deploy/nginx/achyk.conf and the local stack's nginx (`make run-front`) keep an answer
    only when Varnish marks it as a copy it keeps (X-Accel-Expires, never on a pass), for one
    second, keyed like Varnish by scheme, host, address and the display cookie, and neither
    serve nor keep one for a request with the cookies of signed-in staff."""
    import re
    from pathlib import Path

    from achyk.operations import frontstack

    root = Path(__file__).resolve().parents[3]
    vcl = (root / "deploy/varnish/achyk.vcl").read_text()
    deliver = vcl[vcl.index("sub vcl_deliver") :]
    assert (
        'if (resp.http.X-Front-Cache != "pass") {\n        set resp.http.X-Accel-Expires = "1";'
        in (deliver)
    )
    ports = frontstack.Ports(front=18080, varnish=18081, ban=18091, app=18000, health=18001)
    configs = {
        "deploy/nginx/achyk.conf": (root / "deploy/nginx/achyk.conf").read_text(),
        "make run-front": frontstack.nginx_config(tmp_path, ports),
    }
    for name, text in configs.items():
        personal = re.search(r'"~\(\^\|;\\s\*\)\(([^)]*)\)=" 1;', text)[1].split("|")
        assert set(personal) == set(middleware.PERSONAL_COOKIES), name
        key = re.search(r'proxy_cache_key "([^"]*)";', text)[1]
        assert key == f"$scheme|$host|$request_uri|$cookie_{COOKIE_NAME}", name
        for line in (
            "proxy_ignore_headers Cache-Control Expires;",  # only Varnish's mark counts
            "proxy_cache_bypass $achyk_personal $http_authorization;",
            "proxy_no_cache $achyk_personal $http_authorization;",
        ):
            assert line in text, (name, line)
        assert "proxy_cache_valid" not in text, name  # nothing kept without the mark


def test_bans_failing_one_after_another_wait_as_one_try_that_lasts_for_the_latest(db, settings):
    """Changes go on while a proxy is down: one try waits for it, not one per change."""
    url = f"http://127.0.0.1:{closed_port()}/"
    on_the_queue(settings)
    earlier = time.time() - 100
    tasks.ban_scope.enqueue("platform", urls=[url], since=earlier)
    work()
    tasks.ban_scope.enqueue("platform", urls=[url])  # a later change, its own first try
    work()
    first, waiting, second = bans_queued("platform")  # the try was queued by the first
    assert (first.status, second.status) == (TaskResultStatus.FAILED, TaskResultStatus.FAILED)
    assert "a try already waits" in second.traceback
    assert waiting.status == TaskResultStatus.READY
    assert waiting.args_kwargs["kwargs"]["since"] == earlier
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    work()
    (after,) = [each for each in bans_queued("platform") if each.status == TaskResultStatus.READY]
    assert after.args_kwargs["kwargs"]["since"] > earlier + 99  # the later change's time
