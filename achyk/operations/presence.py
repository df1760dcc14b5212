"""Is the application or the task worker running? Asked by `manage.py restore`, which must not
pull the database from under them.

Two signs, either enough: a process of this machine started from this installation's
directory whose command line names the web server (`achyk.wsgi`, `achyk.serve`) or the task
worker (`db_worker`), read from /proc; and, on PostgreSQL, another client connected to the
database (`pg_stat_activity`), which also sees servers on other machines. Not seen: a web
server of another machine on SQLite (SQLite is one machine's), nor a process idle with no
database connection on another machine. `--force` skips the question.
"""

import os
from pathlib import Path

from django.conf import settings
from django.db import connection

MARKERS = ("achyk.wsgi", "achyk.serve", "db_worker")


def _command_line(pid: str) -> str:
    raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def local_processes() -> list[str]:
    """Processes of this machine serving this installation (pid: command line)."""
    proc, base, found = Path("/proc"), Path(settings.BASE_DIR).resolve(), []
    if not proc.is_dir():
        return found
    me = {str(os.getpid()), str(os.getppid())}
    for entry in proc.iterdir():
        if not entry.name.isdigit() or entry.name in me:
            continue
        try:
            line = _command_line(entry.name)
            cwd = Path(os.readlink(entry / "cwd")).resolve()
        except OSError:  # ended meanwhile, or another user's
            continue
        if any(marker in line for marker in MARKERS) and cwd == base:
            found.append(f"process {entry.name}: {line[:120]}")
    return sorted(found)


def database_clients() -> list[str]:
    """Other clients of this PostgreSQL database (none are seen on SQLite)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, client_addr FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        )
        rows = cursor.fetchall()
    return [
        f"database client {pid} {name or ''} from {addr or 'local socket'}".replace("  ", " ")
        for pid, name, addr in rows
    ]


def running_parts() -> list[str]:
    return local_processes() + database_clients()
