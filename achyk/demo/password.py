"""Where the demo password lives, so that every `make run` can print it again.

Plain Python (no Django), because the launcher (achyk.serve) reads it before Django starts.
"""

import os
import secrets
from pathlib import Path

FILE_NAME = "demo-password.txt"


def var_dir() -> Path:
    return Path(os.environ.get("ACHYK_VAR_DIR", Path(__file__).resolve().parents[2] / "var"))


def stored(directory: Path | None = None) -> str:
    """The password the demo logins were last given, or ''."""
    path = (directory or var_dir()) / FILE_NAME
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def store(password: str, directory: Path | None = None) -> Path:
    """Write the password readable by its owner only (0600)."""
    directory = directory or var_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILE_NAME
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    path.chmod(0o600)
    return path


def choose(given: str | None = None, directory: Path | None = None) -> str:
    """The password to set: given, else DEMO_PASSWORD, else the stored one, else a new one."""
    return (
        given
        or os.environ.get("DEMO_PASSWORD", "")
        or stored(directory)
        or secrets.token_urlsafe(12)
    )
