"""`make test`'s choice of browser: the lighter Chromium found, or the one named."""

from achyk import testing

SHELL, FULL = testing.CHROMIUM_PLACES


def test_the_headless_shell_is_chosen_when_both_are_installed(monkeypatch):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(testing.shutil, "which", lambda path: path)
    assert testing.chromium_path() == SHELL == "/usr/bin/chromium-headless-shell"


def test_the_full_browser_is_chosen_without_the_shell_and_named_when_neither_is_there(
    monkeypatch,
):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(testing.shutil, "which", lambda path: path if path == FULL else None)
    assert testing.chromium_path() == FULL == "/usr/bin/chromium"
    monkeypatch.setattr(testing.shutil, "which", lambda path: None)
    assert testing.chromium_path() == FULL


def test_chromium_path_names_another_browser(monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/opt/chromium/chrome")
    monkeypatch.setattr(testing.shutil, "which", lambda path: path)
    assert testing.chromium_path() == "/opt/chromium/chrome"


def test_a_missing_browser_fails_when_one_is_required(monkeypatch, capsys):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(testing.shutil, "which", lambda path: None)
    monkeypatch.setenv("ACHYK_REQUIRE_BROWSER", "1")
    assert testing.browser_available() is False
    printed = capsys.readouterr().out
    assert "no Chromium at /usr/bin/chromium, and ACHYK_REQUIRE_BROWSER=1: failing" in printed


def test_tests_that_wait_on_their_processes_run_first_then_pytest_django_s_order():
    """conftest.py's order: tests marked `waits`, then tests in a transaction (those of the
    shared platform first), then transactional tests, then tests without a database."""
    from types import SimpleNamespace

    import conftest

    class Item:
        def __init__(self, name, markers=(), fixtures=()):
            self.name, self.fixturenames = name, list(fixtures)
            self.markers = {marker: SimpleNamespace(kwargs={}) for marker in markers}

        def get_closest_marker(self, name):
            return self.markers.get(name)

    items = [
        Item("no database"),
        Item("transactional", fixtures=("live_server",)),
        Item("own data", ("django_db",)),
        Item("shared platform", ("django_db",), ("body_a",)),
        Item("waits", ("waits",)),
    ]
    conftest.pytest_collection_modifyitems(SimpleNamespace(), items)  # not in a worker
    assert [item.name for item in items] == [
        "waits",
        "shared platform",
        "own data",
        "transactional",
        "no database",
    ]


def test_the_order_is_made_after_pytest_leaves_tests_out(request):
    """conftest.py arranges the tests pytest will run: after -k, -m and --deselect have left
    some out (pytest's own `main` and `mark` plugins), else the shares would be counted on
    tests that are not run, and the second worker would start with a test of the database."""
    import conftest

    hook = request.config.pluginmanager.hook.pytest_collection_modifyitems
    called = [impl.function for impl in reversed(hook.get_hookimpls())]  # as pluggy calls them
    deselecting = [request.config.pluginmanager.get_plugin(name) for name in ("main", "mark")]
    last_deselection = max(
        called.index(plugin.pytest_collection_modifyitems) for plugin in deselecting
    )
    assert called.index(conftest.pytest_collection_modifyitems) > last_deselection


def test_worksteal_shares_are_what_pytest_xdist_hands_out_first():
    """The scheduler's own arithmetic (xdist.scheduler.worksteal.check_schedule), given an
    idle worker after another: each takes an even part of what is left."""

    from xdist.scheduler.worksteal import WorkStealingScheduling

    import conftest

    class Node:  # a worker as the scheduler sees it; what it asks of one after the shares
        shutting_down = False

        def send_steal(self, indices):
            pass

        def shutdown(self):
            pass

    for count, workers in ((1683, 2), (10, 3), (7, 4), (0, 2)):
        scheduler = WorkStealingScheduling.__new__(WorkStealingScheduling)  # no session
        nodes = [Node() for _index in range(workers)]
        scheduler.node2pending = {node: [] for node in nodes}
        scheduler.pending = list(range(count))
        scheduler.steal_requested_from_node = None
        sent = {}

        def send(node, num, scheduler=scheduler, sent=sent):
            sent[node] = num
            scheduler.node2pending[node].extend(scheduler.pending[:num])
            del scheduler.pending[:num]

        scheduler._send_tests = send
        scheduler.check_schedule()
        handed = [sent.get(node, 0) for node in nodes]
        assert handed == conftest.worksteal_shares(count, workers), (count, workers)


def test_every_worker_but_the_first_starts_with_the_tests_without_a_database():
    import conftest

    items = [f"db{number}" for number in range(9)] + ["none0", "none1", "none2"]
    arranged = conftest.databaseless_first(items, 2, lambda item: item.startswith("none"))
    assert sorted(arranged) == sorted(items)
    assert arranged[:6] == ["db0", "db1", "db2", "db3", "db4", "db5"]  # the first share
    assert arranged[6:] == ["none0", "none1", "none2", "db6", "db7", "db8"]

    arranged = conftest.databaseless_first(items, 3, lambda item: item.startswith("none"))
    shares = conftest.worksteal_shares(12, 3)
    assert shares == [4, 4, 4] and sorted(arranged) == sorted(items)
    assert arranged[:4] == ["db0", "db1", "db2", "db3"]
    assert arranged[4] == "none0" and arranged[8:10] == ["none1", "none2"]
    assert [item for item in arranged if item.startswith("db")] == items[:9]  # in order

    many = ["db0"] + [f"none{number}" for number in range(5)]
    arranged = conftest.databaseless_first(many, 2, lambda item: item.startswith("none"))
    assert arranged == ["db0", "none0", "none1", "none2", "none3", "none4"]


def test_the_tests_that_wait_follow_the_tests_without_a_database_in_the_second_share():
    import conftest

    items = ["waits"] + [f"db{number}" for number in range(5)] + ["none0", "none1"]
    arranged = conftest.databaseless_first(
        items, 2, lambda item: item.startswith("none"), lambda item: item == "waits"
    )
    assert arranged == ["db0", "db1", "db2", "db3", "none0", "none1", "waits", "db4"]
