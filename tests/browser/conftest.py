"""Browser tests: Chromium driven by Playwright against pytest-django's live server.

Chromium comes from the system (apt-get install chromium-headless-shell, else chromium: see
achyk/testing.py), never from `playwright install`. Without it these tests are skipped with a
plain message, unless ACHYK_REQUIRE_BROWSER=1 (CI), which makes a missing browser a failure.

Every browser context a test opens is watched for Content-Security-Policy violations (the
`securitypolicyviolation` events of every page and the browser's console): a test whose pages
broke the policy fails, naming what was blocked where.
"""

import contextlib
import functools
import io
import os
import shutil
import time

import pytest
from django.core.servers.basehttp import WSGIServer
from PIL import Image as PILImage

from achyk.testing import chromium_path

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# steps are synchronous and safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = chromium_path()  # the headless shell if installed, else the full browser
MISSING = (
    f"no Chromium at {CHROMIUM}: browser tests skipped (apt-get install chromium-headless-shell)"
)
#: Reports every violation of the page's policy to the test (runs before the page's scripts).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.achykCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


class CspWatch:
    """Collects the policy violations of every context it is attached to."""

    def __init__(self):
        self.violations: list[str] = []

    def attach(self, context):
        context.expose_binding("achykCspViolation", self._reported)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)

    def _reported(self, source, text):
        self.violations.append(f"{source['page'].url}: {text}")

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"{message.page.url if message.page else ''}: {message.text}")


#: How long a context's close waits for the requests its pages started, at most (seconds).
CLOSE_WAIT = 10.0


class InFlight:
    """The requests of a context's pages not yet answered (or failed).

    A request still running in the live server when the test ends would hold the in-memory
    SQLite database's tables while the test's flush empties them ("database table is locked"),
    so a context is closed only once none is left. Counting the requests themselves, rather than
    waiting for the network to be quiet for half a second ("networkidle"), closes a context as
    soon as its last answer has come."""

    def __init__(self, context):
        self.requests = set()
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)

    def _started(self, request):
        self.requests.add(request)

    def _ended(self, request):
        self.requests.discard(request)

    def wait(self, context) -> None:
        """Until no request is left at two looks 25 ms apart (the second catches a request
        the page started just then), or CLOSE_WAIT. Waiting on a page lets Playwright deliver
        the requests' events."""
        deadline, quiet = time.monotonic() + CLOSE_WAIT, 0
        while context.pages and quiet < 2 and time.monotonic() < deadline:
            with contextlib.suppress(Exception):  # a page closed meanwhile
                context.pages[0].wait_for_timeout(25)
            quiet = 0 if self.requests else quiet + 1


def _close_when_idle(context, close, in_flight, **options):
    """Closes a context once its pages' requests are answered (`InFlight`)."""
    in_flight.wait(context)
    close(**options)


class WatchedBrowser:
    """The browser, whose every new context reports to the watch."""

    def __init__(self, browser, watch: CspWatch):
        self._browser, self._watch = browser, watch

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        self._watch.attach(context)
        context.in_flight = in_flight = InFlight(context)  # a test may wait on it too
        context.close = functools.partial(_close_when_idle, context, context.close, in_flight)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def csp_watch():
    return CspWatch()


@pytest.fixture(scope="session")
def chromium(csp_watch):
    if not shutil.which(CHROMIUM):
        if os.environ.get("ACHYK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{MISSING}; ACHYK_REQUIRE_BROWSER=1 makes this a failure")
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield WatchedBrowser(browser, csp_watch)
        browser.close()


@pytest.fixture(autouse=True)
def _no_csp_violations(request, csp_watch):
    """Fails a browser test whose pages broke the Content-Security-Policy."""
    csp_watch.violations.clear()
    yield
    if "chromium" in request.fixturenames and csp_watch.violations:
        found = "\n".join(dict.fromkeys(csp_watch.violations))
        pytest.fail(f"Content-Security-Policy violations:\n{found}", pytrace=False)


class OneRequestAtATime(WSGIServer):
    """The live server's WSGI server without a thread per request.

    On SQLite the live server and the test share one in-memory database, whose tables are
    locked, not waited for: two requests at once (a form posted while the editor's page still
    asks for something) make the second fail with "database table is locked". Chromium's
    requests are answered one after the other instead; PostgreSQL keeps the threaded server.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override  # set in the server's own thread


@pytest.fixture(scope="session", autouse=True)
def _sqlite_live_server_one_request_at_a_time():
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneRequestAtATime)
        yield


@pytest.fixture
def live_site(live_server, transactional_db):
    """The live server, over a database that keeps what migrations put in it (Wagtail's root
    page, collection and locale) from one test to the next (conftest.py, achyk.seeded)."""
    return live_server


@pytest.fixture
def browser_page(chromium, live_site):
    """A fresh browser tab (no cookies) whose relative URLs go to the live server."""
    context = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def files(tmp_path):
    """A photo (JPEG) and an act (PDF) to upload."""
    from steps import PDF

    photo = tmp_path / "mektep.jpg"
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (40, 120, 200)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    act = tmp_path / "toktom.pdf"
    act.write_bytes(PDF)
    return photo, act
