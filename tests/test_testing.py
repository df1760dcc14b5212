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
    conftest.pytest_collection_modifyitems(items)
    assert [item.name for item in items] == [
        "waits",
        "shared platform",
        "own data",
        "transactional",
        "no database",
    ]
