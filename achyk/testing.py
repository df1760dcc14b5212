"""`make test`: the whole suite, saying plainly what it could not run.

pytest's exit code 5 ("no tests ran") is a failure here, never a silent pass. Browser tests
need Chromium at /usr/bin/chromium (apt-get install chromium); without it they are skipped
with a message, unless ACHYK_REQUIRE_BROWSER=1 (CI), which makes a missing browser a failure.
"""

import os
import shutil
import subprocess
import sys

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def main(argv: list[str]) -> int:
    if not shutil.which(CHROMIUM):
        print(f"make test: no Chromium at {CHROMIUM}; browser tests will be skipped.")
        print("make test: install it with `apt-get install chromium` to run them.")
    workers = os.environ.get("TEST_WORKERS", "auto")
    command = [sys.executable, "-m", "pytest", "-n", workers, "--dist", "loadfile", *argv]
    code = subprocess.call(command)  # noqa: S603
    if code == 5:
        print("make test: no tests ran; that is a failure.")
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
