"""Redis down (REDIS_URL pointing at a port where nothing listens): the site serves pages from
the database, a reader's form is stored and answered truthfully, `/healthz` says the cache is
down and `/readyz` says "degraded"; when Redis answers again, pages kept before are forgotten.
"""

import re
import time

import pytest
from django.core.cache import cache
from wagtail.contrib.forms.models import FormSubmission

from achyk.content.models import FeedbackFormField, FeedbackFormPage
from achyk.content.tests import factories as f
from achyk.pagecache import generations
from achyk.ui import cache as fail_open

from . import redis_here

HOME = "/burana/ky/"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_here.down()
    yield
    fail_open._breakers.clear()


@pytest.fixture
def redis_up(settings):
    settings.CACHES = redis_here.up()
    yield
    fail_open._breakers.clear()


@pytest.fixture
def reception(body_a):
    page = FeedbackFormPage.objects.child_of(f.home(body_a, "ky")).get()
    FeedbackFormField.objects.create(page=page, label="Кайрылуу", field_type="multiline",
                                     required=True, sort_order=0)  # fmt: skip
    return f.publish(page)


def test_with_redis_down_every_cache_call_misses_at_once_without_raising(redis_down):
    started = time.monotonic()
    for _ in range(200):
        assert cache.get("x", "default") == "default"
        assert cache.add("x", 1) is False
        cache.set("x", 1)
        assert cache.get_many(["x", "y"]) == {}
        with pytest.raises(ValueError):
            cache.incr("x")
    assert time.monotonic() - started < 2  # one try per RETRY_SECONDS, not one per call
    assert fail_open.down_for() is not None


def test_with_redis_down_pages_render_from_the_database(client, body_a, redis_down):
    for _ in range(3):
        response = client.get(HOME)
        assert response.status_code == 200
        assert response["X-Cache"] == "miss"
    assert body_a.name in response.content.decode()


def test_with_redis_down_a_form_is_stored_and_answered_as_stored(client, reception, redis_down):
    client.raise_request_exception = False
    before = FormSubmission.objects.filter(page=reception).count()
    field = reception.form_fields.get().clean_name
    response = client.post(reception.get_url(), {field: "Көпүрө качан бүтөт?"})
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=reception).count() == before + 1
    assert field not in response.content.decode()  # the thank-you page, not the form again


def test_with_redis_down_healthz_serves_and_names_the_cache(client, db, redis_down):
    cache.get("anything")
    response = client.get("/healthz")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "ok" and lines[1].startswith("cache: down")


def test_with_redis_down_readyz_is_degraded_but_ready(client, db, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.splitlines()[0] == "degraded"
    assert "database: ok" in text and "cache: down" in text and "queue: ok" in text
    same = client.get("/healthz?ready").content.decode()
    assert _without_timings(same) == _without_timings(text)


def _without_timings(report: str) -> str:
    """The report with each part's measured time blanked: two requests take different times."""
    return re.sub(r"\d+ (ms|s)\b", r"… \1", report)


def test_with_redis_up_readyz_is_ready_and_pages_are_kept(client, body_a, redis_up):
    assert client.get("/readyz").content.decode().splitlines()[0] == "ready"
    assert client.get(HOME)["X-Cache"] == "miss"
    assert client.get(HOME)["X-Cache"] == "hit"


def test_when_redis_answers_again_pages_kept_before_the_outage_are_forgotten(
    client, body_a, redis_up
):
    """A publish while Redis was down could not move its generation: the first call that
    succeeds after the outage moves the platform's, so no page from before is served."""
    assert client.get(HOME)["X-Cache"] == "miss"
    assert client.get(HOME)["X-Cache"] == "hit"
    before = generations.generations(generations.PLATFORM)
    breaker = fail_open._breaker(redis_here.REDIS)
    breaker.failed(ConnectionError("Redis went away"))
    breaker.retry_at = 0  # try again now
    assert client.get(HOME)["X-Cache"] == "miss"
    assert fail_open.down_for() is None
    assert generations.generations(generations.PLATFORM)[0] != before[0]
    assert client.get(HOME)["X-Cache"] == "hit"


def test_the_debounce_of_recomputation_queues_every_change_while_redis_is_down(
    settings, body_a, redis_down
):
    from django_tasks_db.models import DBTaskResult

    from achyk.transparency import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.schedule(body_a.pk)
    tasks.schedule(body_a.pk)
    assert DBTaskResult.objects.filter(task_path__endswith="recompute_bodies").count() == 2


def test_the_debounce_of_recomputation_queues_once_with_redis_up(settings, body_a, redis_up):
    from django_tasks_db.models import DBTaskResult

    from achyk.transparency import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.schedule(body_a.pk)
    tasks.schedule(body_a.pk)
    assert DBTaskResult.objects.filter(task_path__endswith="recompute_bodies").count() == 1


def test_the_cache_keeps_one_redis_client_and_it_still_fails_open(settings):
    """One redis-py client serves every call of the backend (Django makes one per call);
    with Redis gone it fails open like any other."""
    settings.CACHES = redis_here.up()
    cache.set("probe", 1)
    client = cache._cache.get_client()
    assert cache.get("probe") == 1 and cache._cache.get_client() is client
    settings.CACHES = redis_here.down()
    assert cache.get("probe", "missed") == "missed"
    fail_open._breakers.clear()
