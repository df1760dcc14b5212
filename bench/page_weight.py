"""The weight of a body's home page on first load: what a reader on a 2G phone downloads.

    python -m bench.page_weight [--slug burana] [--language ky]

Builds the demo bodies in a fresh SQLite database under a temporary directory (the same data
as `make run`), renders the body's home page through the whole Django stack, and reads the
stylesheets, scripts and images it refers to. Prints bytes raw and gzip-compressed (level 6,
what a web server sends) for HTML, CSS, JavaScript and images, and the total. Prints figures,
not verdicts; the target for the home page without photos is under about 50 KB.
"""

import argparse
import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _setup(workdir: Path) -> None:
    os.environ.update(
        ACHYK_EMBEDDED="1", ACHYK_VAR_DIR=str(workdir), TASKS_BACKEND="immediate",
        DATABASE_URL=f"sqlite:///{workdir / 'weight.sqlite3'}", LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="achyk.settings",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
    )  # fmt: skip
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from achyk.demo.services import load_demo

    load_demo(password="page-weight-Ө-2026")  # noqa: S106


def _asset_bytes(client, url: str) -> bytes:
    from django.contrib.staticfiles import finders

    if url.startswith("/static/"):
        path = finders.find(url.removeprefix("/static/"))
        return Path(path).read_bytes() if path else b""
    response = client.get(url)
    return b"".join(response.streaming_content) if response.streaming else response.content


def measure(path: str) -> dict[str, tuple[int, int, int]]:
    """{"html"|"css"|"js"|"images": (files, raw bytes, gzip bytes)} of the page at `path`."""
    from django.test import Client

    client = Client()
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    html = response.content
    kinds = {"html": [html], "css": [], "js": [], "images": []}
    for url in dict.fromkeys(ASSET.findall(html.decode())):
        kind = "css" if url.endswith(".css") else "js" if url.endswith(".js") else "images"
        kinds[kind].append(_asset_bytes(client, url))
    return {kind: (len(items), sum(map(len, items)), sum(gz(i) for i in items))
            for kind, items in kinds.items()}  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slug", default="burana")
    parser.add_argument("--language", default="ky")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="achyk-weight-") as workdir:
        _setup(Path(workdir))
        for name, path in (("Home page", ""), ("News list", "news/")):
            report(f"{name} /{args.slug}/{args.language}/{path}", measure(
                f"/{args.slug}/{args.language}/{path}"
            ))  # fmt: skip
    return 0


def report(title: str, figures: dict[str, tuple[int, int, int]]) -> None:
    print(f"{title}, first load (nothing cached):")
    print(f"  {'':8} {'files':>5} {'raw bytes':>10} {'gzip bytes':>10}")
    for kind, (files, raw, packed) in figures.items():
        print(f"  {kind:8} {files:>5} {raw:>10} {packed:>10}")
    files, raw, packed = (sum(column) for column in zip(*figures.values(), strict=True))
    print(f"  {'total':8} {files:>5} {raw:>10} {packed:>10}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
