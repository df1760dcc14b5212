"""`make test`: the whole suite, saying plainly what it could not run.

Two runs, each in parallel (pytest-xdist, one worker per core): the unit and integration
tests, then the browser tests (tests/browser; each worker drives its own Chromium against its
own live server and database). The first run is `--dist worksteal`: each worker starts with
its half of the tests in the order conftest.py gives them (the shared platform's tests first,
transactional ones last), so it builds the shared platform seldom, and a worker that has run
out takes the last half of what the other still has queued (with `--dist load`, a worker held
by one long test could find every remaining test already queued on the other, and wait idle
for minutes). The browser run, 39 tests of up to two minutes, keeps `--dist load`, which
hands them out a few at a time. The 15 slowest tests of each run are listed at the end.
Arguments, if any, go to pytest as one plain run instead.

pytest's exit code 5 ("no tests ran") is a failure here, never a silent pass. Browser tests
need Debian's Chromium: its headless shell (apt-get install chromium-headless-shell), the
engine of the full browser without its window, which takes half the CPU of `chromium
--headless` for the same pages (Playwright runs its own headless Chromium this way too), or
else the full browser at /usr/bin/chromium; CHROMIUM_PATH names another. Without either they
are skipped with a message, unless ACHYK_REQUIRE_BROWSER=1 (CI), which makes a missing browser
a failure.
"""

import os
import shutil
import subprocess
import sys

#: Where Chromium is looked for, the lighter first (CHROMIUM_PATH, if set, alone).
CHROMIUM_PLACES = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")


def chromium_path() -> str:
    """The Chromium the browser tests drive: CHROMIUM_PATH, else the first found of
    CHROMIUM_PLACES (the last, to name in a message, if none is)."""
    if configured := os.environ.get("CHROMIUM_PATH"):
        return configured
    return next((path for path in CHROMIUM_PLACES if shutil.which(path)), CHROMIUM_PLACES[-1])


BROWSER_TESTS = "tests/browser"


def _pytest(*args: str) -> int:
    code = subprocess.call([sys.executable, "-m", "pytest", *args])  # noqa: S603
    if code == 5:
        print("make test: no tests ran; that is a failure.")
        return 1
    return code


def browser_available() -> bool:
    """Whether Chromium is here; says plainly what happens to the browser tests if not."""
    chromium = chromium_path()
    if shutil.which(chromium):
        return True
    if os.environ.get("ACHYK_REQUIRE_BROWSER") == "1":
        print(f"make test: no Chromium at {chromium}, and ACHYK_REQUIRE_BROWSER=1: failing.")
        return False
    print(f"make test: no Chromium at {chromium}; the browser tests will be SKIPPED.")
    print("make test: install it with `apt-get install chromium-headless-shell` to run them.")
    return True


def main(argv: list[str]) -> int:
    if not browser_available():
        return 1
    if argv:
        return _pytest(*argv)
    workers = os.environ.get("TEST_WORKERS", "auto")
    parallel = ("-n", workers, "--durations=15")
    code = _pytest(*parallel, "--dist", "worksteal", "--ignore", BROWSER_TESTS)
    print("make test: browser tests (Chromium)")
    browser_code = _pytest(*parallel, "--dist", "load", "-rs", BROWSER_TESTS)
    return code or browser_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
