"""Browser tests: Chromium driven by Playwright against pytest-django's live server.

Chromium comes from the system (apt-get install chromium), never from `playwright install`.
Without it these tests are skipped with a plain message, unless ACHYK_REQUIRE_BROWSER=1 (CI),
which makes a missing browser a failure.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# steps are synchronous and safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MISSING = f"no Chromium at {CHROMIUM}: browser tests skipped (apt-get install chromium)"


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        if os.environ.get("ACHYK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{MISSING}; ACHYK_REQUIRE_BROWSER=1 makes this a failure")
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def live_site(live_server, transactional_db, django_db_serialized_rollback):
    """The live server, over a database that keeps what migrations put in it (Wagtail's root
    page, collection and locale) from one test to the next."""
    return live_server


@pytest.fixture
def browser_page(chromium, live_site):
    """A fresh browser tab (no cookies) whose relative URLs go to the live server."""
    context = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
