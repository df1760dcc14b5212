"""Fixtures shared by every app's tests: a platform with two bodies, so isolation is tested
everywhere, and their staff.

Building a body's site (home pages, sections, revisions, search entries) costs thousands of
queries, so the platform, its two bodies (Burana and Kok-Jar) and their staff (editor_a,
admin_a, editor_b) are built once per test process, inside a transaction that is never
committed, and every test runs in a savepoint of it that is rolled back. `platform`, `body_a`,
`body_b`, `editor_a`, `admin_a` and `editor_b` read fresh instances from the database for each
test, so what a test changes on them is gone for the next one.

Only tests that ask for a body or its staff see the shared platform; one asking for `platform`
alone gets a platform of its own, without bodies. Before any other test using the database,
and before a transactional test (`transaction=True`, `live_server`), the shared transaction is
rolled back; it is built again when a later test asks for it (tests are ordered so that this
happens seldom). A transactional test (a live server must see what it reads committed) that
asks for a body or its staff sees the same platform committed: built by the first such test
of the process, copied table by table, and copied back for each next one (`CommittedPlatform`).
Every transactional test ends with the database as the migrations left it: every table emptied
and the rows the migrations seeded copied back (achyk.seeded), whichever test comes next.

A test builds more bodies itself (`achyk.bodies.tests.factories.body`) when it needs a third
or a Kazakh one. A test whose bodies must be made under conditions of its own (a clock frozen
before they are built, an empty duty register) is marked `own_platform`: the fixtures then
build the platform and bodies inside its own transaction, after the fixtures it lists first.

The shared platform writes no files; one written while it is built would go to a media
directory of the session, copied into each test's MEDIA_ROOT.

A few fixtures are a layer on the shared platform (`LAYERS`): data many tests of a module read
and none may depend on the others' changes to, such as the isolation proof's two bodies full
of marked content. A layer is built once, in a savepoint of the shared transaction opened
before the test's own, and kept for the next tests that ask for it (each still rolls back its
own changes and reads the layer's objects afresh); it is rolled back before a test that does
not ask for it. Its files go to a media directory of its own, copied into the MEDIA_ROOT of
each test that asks for it. A test that cannot see the shared platform builds the layer's
data itself.
"""

import contextlib
import functools
import gc
import importlib
import inspect
import os
import shutil
import uuid

import pytest

os.environ.setdefault("ACHYK_EMBEDDED", "1")

#: The fixtures that read the shared platform; a test asking for any of them sees it. A test
#: asking for `platform` alone gets a platform of its own, without bodies.
SHARED = {"body_a", "body_b", "editor_a", "admin_a", "editor_b"}
#: Layers on the shared platform, by fixture name: "module:Class", a class whose `build(...)`
#: takes shared fixtures by name and returns the layer, and whose `fresh()` gives what the
#: fixture gives a test (its objects read again from the database).
LAYERS = {
    "isolation_worlds": "achyk.bodies.tests.isolation:TwoWorlds",
    "rated": "achyk.content.tests.layers:Rated",
    "registry_acts": "achyk.documents.tests.layers:RegistryActs",
}


#: The cyclic garbage collector's thresholds in the suite: a collection of the youngest objects
#: after 100,000 allocations instead of 700, and of all of them after 1,000 of those instead of
#: 10. A request of the test client makes tens of thousands of objects that die with it, and
#: with the defaults each request paid for several collections that found nothing to free.
GC_THRESHOLDS = (100_000, 50, 1_000)


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """The collector set for the suite (`GC_THRESHOLDS`), and what was imported and set up
    before the first test (Django, Wagtail, the URL resolver) kept out of its collections:
    about a tenth of the suite's time (docs/development.md, section 10)."""
    gc.set_threshold(*GC_THRESHOLDS)
    gc.freeze()


def _test_settings_overrides() -> dict:
    """Settings of every test (and of the shared platform's build), except MEDIA_ROOT."""
    from django.conf import settings

    return {
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "SECURE_COOKIES": False,
        # The embedded default: a password alone signs in; tests of the requirement turn it on.
        "ACHYK_REQUIRE_2FA": False,
        # Near copies (pagecache.near) are served once a thread has subscribed to Redis, a
        # moment after a process first asks: whether a test's request met one would change
        # from run to run. Their own tests turn them on and wait for the subscription.
        "CACHE_NEAR_BYTES": 0,
    }


def _fresh_caches(caches: dict) -> dict:
    """The cache settings with a key prefix of their own, so nothing cached before is seen.

    A fresh key prefix rather than clear(): parallel workers sharing one Redis (REDIS_URL) would
    otherwise serve each other's pages, and clear() would empty the whole Redis database.
    """
    return {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in caches.items()
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    for name, value in _test_settings_overrides().items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = tmp_path / "media"
    if _shared.media_root is not None and any(_shared.media_root.iterdir()):
        shutil.copytree(_shared.media_root, settings.MEDIA_ROOT, dirs_exist_ok=True)
    if _shared.layer is not None and _shared.layer.media_root.exists():
        shutil.copytree(_shared.layer.media_root, settings.MEDIA_ROOT, dirs_exist_ok=True)


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Every test starts with an empty cache, so no cached page leaks from one test to another."""
    settings.CACHES = _fresh_caches(settings.CACHES)
    yield
    from achyk.ui.cache import stop_listening

    stop_listening()


def _build_platform() -> dict:
    """The platform, two bodies and their staff; returns their primary keys by fixture name."""
    from django.conf import settings

    from achyk.bodies.models import Membership
    from achyk.bodies.tests import factories
    from achyk.content.services import ensure_platform_home

    home = ensure_platform_home(languages=[code for code, _name in settings.LANGUAGES])
    body_a = factories.body(slug="burana", name="Бурана")
    body_b = factories.body(slug="kok-jar", name="Көк-Жар")
    return {
        "platform": home.pk,
        "body_a": body_a.pk,
        "body_b": body_b.pk,
        "editor_a": factories.staff(body_a, username="editor_a").pk,
        "admin_a": factories.staff(body_a, role=Membership.Role.ADMIN, username="admin_a").pk,
        "editor_b": factories.staff(body_b, username="editor_b").pk,
    }


def _layer_class(name: str):
    module, _colon, attribute = LAYERS[name].partition(":")
    return getattr(importlib.import_module(module), attribute)


def _build_layer(name: str, read):
    """The layer `name` built on the shared fixtures its class asks for, read by `read`."""
    build = _layer_class(name).build
    return build(**{arg: read(arg) for arg in inspect.signature(build).parameters})


class HeldTransaction:
    """A transaction (a savepoint inside another) held open between tests: what `build()`
    writes in it, under the tests' settings, stays until `rollback()`."""

    def __init__(self):
        self._atomic = None

    def build(self, media_root, build):
        """`build()`'s result, written in a transaction opened for it (rolled back if it
        fails), with the tests' settings, its files under `media_root` and a cache of its own."""
        from django.conf import settings
        from django.db import transaction
        from django.test import override_settings

        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        overrides = _test_settings_overrides()
        caches = _fresh_caches(settings.CACHES)
        try:
            with override_settings(**overrides, MEDIA_ROOT=media_root, CACHES=caches):
                return build()
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        from django.db import transaction

        transaction.set_rollback(True)
        atomic, self._atomic = self._atomic, None
        atomic.__exit__(None, None, None)


class Layer:
    """A layer on the shared platform: its name, what it built, its files."""

    def __init__(self, name: str, media_root):
        self.name = name
        self.media_root = media_root
        self.value = None
        self._held = HeldTransaction()

    def open(self, read) -> None:
        try:
            self.value = self._held.build(self.media_root, lambda: _build_layer(self.name, read))
        except BaseException:
            shutil.rmtree(self.media_root, ignore_errors=True)
            raise

    def close(self) -> None:
        self._held.rollback()
        self.value = None
        shutil.rmtree(self.media_root, ignore_errors=True)


class SharedPlatform:
    """The platform built once per process in a transaction held open between tests.

    `open()` builds it (if it is not there), `close()` rolls it back; `pks` maps each shared
    fixture's name to the primary key of its object while it is open. `layer` is the layer
    open on it, if any (`open_layer`, `close_layer`).
    """

    def __init__(self):
        self.blocker = None
        self.media_root = None
        self.pks: dict | None = None
        self.wanted = False
        self.wanted_layer: str | None = None
        self.layer: Layer | None = None
        self._held = HeldTransaction()

    @property
    def is_open(self) -> bool:
        return self.pks is not None

    def open(self) -> None:
        if self.is_open:
            return
        with self.blocker.unblock():
            self.pks = self._held.build(self.media_root, _build_platform)

    def close(self) -> None:
        if self.is_open:
            self.close_layer()
            with self.blocker.unblock():
                self._rollback()

    def open_layer(self, name: str | None) -> None:
        """The layer `name` open on the platform (None: no layer), the one open before rolled
        back if it is another."""
        if self.layer is not None and self.layer.name == name:
            return
        self.close_layer()
        if name is None:
            return
        layer = Layer(name, self.media_root.parent / f"{self.media_root.name}-{name}")
        with self.blocker.unblock():
            layer.open(lambda fixture: _read(self, fixture))
        self.layer = layer

    def close_layer(self) -> None:
        if self.layer is not None:
            layer, self.layer = self.layer, None
            with self.blocker.unblock():
                layer.close()

    def _rollback(self) -> None:
        self._held.rollback()
        self.pks = None


_shared = SharedPlatform()


class CommittedPlatform:
    """The shared platform of transactional tests (`transaction=True`, a live server), which
    must see it committed: the first such test of the process that asks for a body or its
    staff builds it and copies every table (achyk.seeded, the copy "platform"); each next one
    has the copy put back instead of building it again (about 0.1 s instead of 1-2.5 s). Its
    end puts back the copy of the migrations' rows, as for every transactional test."""

    COPY = "platform"

    def __init__(self):
        self.pks: dict | None = None
        self._given_to = None

    @staticmethod
    def wanted_by(item) -> bool:
        return (
            _is_transactional(item)
            and bool(SHARED & set(item.fixturenames))
            and item.get_closest_marker("own_platform") is None
        )

    def pks_for(self, item) -> dict:
        """The platform's primary keys, the platform in the database for the test `item`."""
        from django.db import connection

        from achyk import seeded

        if self._given_to is not item:
            if self.pks is None:
                self.pks = _build_platform()
                seeded.take(connection, self.COPY)
            else:
                seeded.restore(connection, self.COPY)
            self._given_to = item
        return self.pks


_committed = CommittedPlatform()


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test databases, copied from a migrated template (achyk.templatedb)
    rather than migrated in every worker; as pytest-django makes them with --nomigrations,
    --reuse-db or ACHYK_TEST_DB_TEMPLATE=0."""
    from unittest import mock

    from django.db import connections
    from django.test import TransactionTestCase
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    from achyk import seeded, templatedb

    if not django_db_use_migrations:
        _disable_migrations()
    reuse = django_db_keepdb and not django_db_createdb
    from_template = django_db_use_migrations and not reuse and templatedb.enabled()
    aliases, _serialized = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    with contextlib.ExitStack() as patches:
        for alias in aliases if from_template else ():
            connection = connections[alias]
            create = functools.partial(templatedb.create_test_db, connection)
            patches.enter_context(mock.patch.object(connection.creation, "create_test_db", create))
        with django_db_blocker.unblock():
            db_cfg = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=(),  # the seeded rows are copied instead (achyk.seeded)
                keepdb=reuse,
            )
            for alias in aliases:
                seeded.take(connections[alias])
    with mock.patch.object(TransactionTestCase, "_fixture_teardown", _restore_seeded_rows):
        yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity)


def _restore_seeded_rows(test_case) -> None:
    """What ends a transactional test instead of Django's flush: the database as the
    migrations left it (achyk.seeded), whatever the next test is."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    from achyk import seeded

    for alias in test_case._databases_names(include_mirrors=False):
        seeded.restore(connections[alias])
    ContentType.objects.clear_cache()  # a test may have cached types it made


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def _uses_db(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in item.fixturenames


def _wants_shared(item) -> bool:
    return (
        bool((SHARED | set(LAYERS)) & set(item.fixturenames))
        and item.get_closest_marker("own_platform") is None
        and not _is_transactional(item)
    )


def _wanted_layer(item) -> str | None:
    """The layer a test of the shared platform asks for, if any."""
    if not _wants_shared(item):
        return None
    return next((name for name in LAYERS if name in item.fixturenames), None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Order as pytest-django does (tests in a transaction, then transactional tests, then
    tests without a database), and within the first group tests of the shared platform first,
    so that it is rolled back and built again as seldom as possible; among those, the tests
    of each layer together, after the tests of no layer.

    Before all of them, the tests marked `waits`: they spend most of their time waiting on
    processes they start (the fault run's stack, half a minute), which the other worker's
    tests fill. Last in the order, the other worker could be done before them, or take the
    tests queued after them, and the run would end with one core waiting.

    Under pytest-xdist, the tests without a database and then the tests marked `waits` move
    to the start of every worker's share but the first (`databaseless_first`). The order is
    made last, on the tests left after -k, -m and --deselect: counted with the tests left out,
    a share would end one test early for each of them left out of it, and the next worker
    would start on tests of the database, waiting for its template."""

    def order(item):
        if item.get_closest_marker("waits") is not None:
            return (-1, 0, "")
        if _is_transactional(item):
            return (1, 0, "")
        if _uses_db(item):
            return (0, 0 if _wants_shared(item) else 1, _wanted_layer(item) or "")
        return (2, 0, "")

    groups = {id(item): order(item) for item in items}
    items.sort(key=lambda item: groups[id(item)])
    workers = _xdist_workers(config)
    if workers > 1:
        items[:] = databaseless_first(
            items,
            workers,
            lambda item: groups[id(item)][0] == 2,
            lambda item: groups[id(item)][0] == -1,
        )


def _xdist_workers(config) -> int:
    """How many pytest-xdist workers share the tests, as a worker sees it; 1 outside one.
    (A worker is not told how they are shared: `make test` shares the suite by `--dist
    worksteal`, whose shares `worksteal_shares` follows, and the browser tests, which all
    need a database, by `--dist load`, where the order changes nothing.)"""
    workerinput = getattr(config, "workerinput", None)
    return int(workerinput.get("workercount", 1)) if workerinput else 1


def worksteal_shares(count: int, workers: int) -> list[int]:
    """How many of `count` tests pytest-xdist's worksteal scheduler hands each worker first,
    in order: each an even part of what the ones before left (the rest comes by stealing)."""
    shares, left = [], count
    for index in range(workers):
        shares.append(left // (workers - index))
        left -= shares[-1]
    return shares


def databaseless_first(items: list, workers: int, databaseless, waits=lambda item: False):
    """`items` rearranged so that the share of every worker but the first starts with the
    tests that need no database (`databaseless(item)`), then the tests that wait on processes
    they start (`waits(item)`), the rest keeping their order.

    The first worker's first test migrates the template (achyk.templatedb: half a minute on
    a machine that has none) while the others would wait on its lock; they run the tests
    without a database meanwhile. The fault run (`waits`) copies the template for the stack
    it starts, or migrates a database of its own if none is being made: after those tests,
    the first worker is making it, and the fault run waits for it instead."""
    without = [item for item in items if databaseless(item)]
    without += [item for item in items if waits(item) and not databaseless(item)]
    moved = {id(item) for item in without}
    rest = [item for item in items if id(item) not in moved]
    shares = worksteal_shares(len(items), workers)
    arranged, start, placed = rest[: shares[0]], shares[0], 0
    for index, share in enumerate(shares[1:], start=1):
        part = len(without) * index // (workers - 1) - placed
        chunk = without[placed : placed + min(part, share)]
        placed += len(chunk)
        taken = share - len(chunk)
        arranged += chunk + rest[start : start + taken]
        start += taken
    return arranged + rest[start:] + without[placed:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test's fixtures: build the shared platform if it asks for it and it was rolled
    back, or roll it back if the test uses the database without it."""
    _shared.wanted = _wants_shared(item)
    _shared.wanted_layer = _wanted_layer(item)
    if _shared.blocker is None:
        return  # not made yet: `_shared_platform` opens it when first asked for
    if _shared.wanted:
        _shared.open()
        _shared.open_layer(_shared.wanted_layer)
    elif _uses_db(item) or _is_transactional(item):
        _shared.close()


@pytest.fixture(scope="session")
def _shared_platform(django_db_setup, django_db_blocker, tmp_path_factory):
    _shared.blocker = django_db_blocker
    _shared.media_root = tmp_path_factory.mktemp("shared-media")
    if _shared.wanted:
        _shared.open()
        _shared.open_layer(_shared.wanted_layer)
    yield _shared
    _shared.close()
    _shared.blocker = None


def _given(request, shared: SharedPlatform, name: str):
    """The shared fixture `name`'s object if the test sees a shared platform (in the held
    transaction, or committed for a transactional test), else None: the test builds it."""
    if shared.is_open:
        return _read(shared, name)
    if _committed.wanted_by(request.node):
        return _shared_model(name).objects.get(pk=_committed.pks_for(request.node)[name])
    return None


def _read(shared: SharedPlatform, name: str, model=None):
    """The shared fixture `name`'s object, read from the database."""
    if model is None:
        model = _shared_model(name)
    return model.objects.get(pk=shared.pks[name])


def _shared_model(name: str):
    from django.contrib.auth import get_user_model

    from achyk.bodies.models import Body
    from achyk.content.models import PlatformHomePage

    if name == "platform":
        return PlatformHomePage
    return Body if name.startswith("body_") else get_user_model()


@pytest.fixture
def platform(request, db, _shared_platform):
    from django.conf import settings

    from achyk.content.services import ensure_platform_home

    if (given := _given(request, _shared_platform, "platform")) is not None:
        return given
    return ensure_platform_home(languages=[code for code, _name in settings.LANGUAGES])


@pytest.fixture
def body_a(request, platform, _shared_platform):
    from achyk.bodies.tests import factories

    if (given := _given(request, _shared_platform, "body_a")) is not None:
        return given
    return factories.body(slug="burana", name="Бурана")


@pytest.fixture
def body_b(request, platform, _shared_platform):
    from achyk.bodies.tests import factories

    if (given := _given(request, _shared_platform, "body_b")) is not None:
        return given
    return factories.body(slug="kok-jar", name="Көк-Жар")


@pytest.fixture
def editor_a(request, body_a, _shared_platform):
    from achyk.bodies.tests import factories

    if (given := _given(request, _shared_platform, "editor_a")) is not None:
        return given
    return factories.staff(body_a, username="editor_a")


@pytest.fixture
def admin_a(request, body_a, _shared_platform):
    from achyk.bodies.models import Membership
    from achyk.bodies.tests import factories

    if (given := _given(request, _shared_platform, "admin_a")) is not None:
        return given
    return factories.staff(body_a, role=Membership.Role.ADMIN, username="admin_a")


@pytest.fixture
def editor_b(request, body_b, _shared_platform):
    from achyk.bodies.tests import factories

    if (given := _given(request, _shared_platform, "editor_b")) is not None:
        return given
    return factories.staff(body_b, username="editor_b")


@pytest.fixture
def isolation_worlds(request, db, _shared_platform):
    """Body A's and body B's worlds of marked content (`bodies/tests/isolation.py`), a layer."""
    return _layer_value(request, _shared_platform, "isolation_worlds")


@pytest.fixture
def rated(request, db, _shared_platform):
    """Seven bodies with transparency scores (`content/tests/layers.py`), a layer: the five
    besides Burana and Kok-Jar, by slug."""
    return _layer_value(request, _shared_platform, "rated")


@pytest.fixture
def registry_acts(request, db, _shared_platform):
    """Four acts of Burana and one of Kok-Jar with language versions
    (`documents/tests/layers.py`), a layer: the acts by name."""
    return _layer_value(request, _shared_platform, "registry_acts")


def _layer_value(request, shared: SharedPlatform, name: str):
    if shared.layer is not None and shared.layer.name == name:
        return shared.layer.value.fresh()
    return _build_layer(name, request.getfixturevalue).fresh()


@pytest.fixture
def parts_kept(settings):
    """Parts of pages kept (`pagecache.parts`), as with Redis, and whole pages not: every
    request renders its page, and reads again only the parts it does not find kept."""
    settings.CACHE_PART_SECONDS = 300
    settings.CACHE_PAGE_SECONDS = 0


@pytest.fixture
def rate_window(time_machine):
    """The clock one second into the next window of the rate limits (`achyk.ui.ratelimit`
    counts in fixed windows of the wall clock, `WINDOW` seconds), still running: a test that
    counts requests up to a limit has the rest of the window before its edge would start the
    count again."""
    import time

    from achyk.ui.ratelimit import WINDOW

    time_machine.move_to((int(time.time()) // WINDOW + 1) * WINDOW + 1)


# The real SMTP server of the suite: a test that asks for `smtp` gets its letters through it.
class _Inbox:
    """What the SMTP server received: parsed messages, each with its envelope recipients."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email

        message = email.message_from_bytes(envelope.content)
        message.recipients = envelope.rcpt_tos
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def texts(self, to: str | None = None) -> list[str]:
        """The decoded plain-text bodies of the letters (to `to` only, if given)."""
        return [
            message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
            for message in self.messages
            if to is None or to in message.recipients
        ]


@pytest.fixture
def smtp(settings):
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()
