"""The nginx configurations the project ships are ones nginx takes (`nginx -t`): the
production server of deploy/nginx/achyk.conf (TLS, HTTP/2, the front cache's micro-cache) as
the nginx of Debian 12 reads it, and the one `make run-front` and the benchmark write
(`achyk.operations.frontstack`). Needs nginx and openssl (CI installs nginx); without them the
tests are skipped, saying so."""

import shutil
import subprocess
from pathlib import Path

import pytest

from achyk.operations import frontstack

ROOT = Path(__file__).resolve().parents[3]
NGINX = shutil.which("nginx") or frontstack.NGINX
pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists() or not shutil.which("openssl"),
    reason="nginx -t needs nginx and openssl (apt-get install nginx openssl)",
)


def nginx_takes(config: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own command line
        [NGINX, "-t", "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",  # noqa: S607
         "-subj", "/CN=achyk.kg", "-keyout", str(key), "-out", str(cert)],
        capture_output=True, check=True,
    )  # fmt: skip
    return cert, key


def test_nginx_takes_the_production_server_with_its_micro_cache(tmp_path):
    cert, key = self_signed(tmp_path)
    site = (ROOT / "deploy/nginx/achyk.conf").read_text()
    for shipped, here in (
        ("/etc/letsencrypt/live/achyk.kg/fullchain.pem", cert),
        ("/etc/letsencrypt/live/achyk.kg/privkey.pem", key),
        ("/var/cache/nginx/achyk", tmp_path / "micro"),
        ("/srv/achyk/var", tmp_path),
    ):
        assert shipped in site
        site = site.replace(shipped, str(here))
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{name}_temp_path {tmp_path / name};" for name in ("client_body", "proxy", "fastcgi",
                                                           "uwsgi", "scgi")
    )  # fmt: skip
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path / 'nginx.pid'};\nevents {{}}\n"
        f"http {{ {temp} include {tmp_path / 'site.conf'}; }}\n"
    )
    checked = nginx_takes(main, tmp_path)
    assert checked.returncode == 0, checked.stderr


def test_nginx_takes_the_local_front_stack(tmp_path):
    ports = frontstack.Ports(front=18080, varnish=18081, ban=18091, app=18000, health=18001)
    config = tmp_path / "nginx.conf"
    config.write_text(frontstack.nginx_config(tmp_path, ports, static=tmp_path))
    checked = nginx_takes(config, tmp_path)
    assert checked.returncode == 0, checked.stderr
