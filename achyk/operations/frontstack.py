"""`make run-front`: the production set-up on one machine, started by one command.

    nginx :FRONT_PORT --> Varnish :VARNISH_PORT --> gunicorn :PORT (python -m achyk.serve)

nginx (8080) passes every request to Varnish (6081), which answers anonymous readers' kept
pages itself (deploy/varnish/achyk.vcl) and sends the rest to the application (8000, with the
task worker, as `make run`). The application sends its bans to Varnish's ban address
(BAN_PORT, 6091: FRONT_CACHE_URLS) and answers health checks on HEALTH_PORT (8001), which
Varnish watches. Configurations are written under ACHYK_VAR_DIR/front/ from the files in
deploy/, with these ports; plain HTTP, no TLS. Needs `varnishd` and `nginx` (apt-get install
varnish nginx). Database and cache as configured (DATABASE_URL, REDIS_URL); Ctrl+C stops all.
docs/operators/front-cache.md.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "achyk.vcl"
NGINX_SITE = ROOT / "deploy" / "nginx" / "achyk.conf"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
VARNISHD = os.environ.get("VARNISHD", "/usr/sbin/varnishd")


@dataclass
class Ports:
    front: int = 8080  # nginx
    varnish: int = 6081
    ban: int = 6091
    app: int = 8000  # gunicorn
    health: int = 8001  # gunicorn's health thread (HEALTH_PORT)

    @classmethod
    def from_environment(cls) -> "Ports":
        env = os.environ.get
        return cls(
            front=int(env("FRONT_PORT", 8080)), varnish=int(env("VARNISH_PORT", 6081)),
            ban=int(env("BAN_PORT", 6091)), app=int(env("PORT", 8000)),
            health=int(env("HEALTH_PORT", 8001)),
        )  # fmt: skip

    @property
    def ban_url(self) -> str:
        return f"http://127.0.0.1:{self.ban}/"


def vcl(ports: Ports) -> str:
    """deploy/varnish/achyk.vcl with the application's ports."""
    text = VCL.read_text(encoding="utf-8")
    text = text.replace('.port = "8000";', f'.port = "{ports.app}";', 1)
    return text.replace('.port = "8001";', f'.port = "{ports.health}";', 1)


def _replaced(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"deploy/: {old!r} is not where the local stack expects it")
    return text.replace(old, new, 1)


def nginx_site(directory: Path, ports: Ports) -> tuple[str, str]:
    """What the local nginx takes from deploy/nginx/achyk.conf, as `vcl()` takes the VCL: the
    part before its first server (the upstream to Varnish, the micro-cache's store and its
    map of staff cookies) and its `location /`, with these ports and the micro-cache's files
    under `directory`/micro. The Host sent on keeps the port: here it is part of the address."""
    text = NGINX_SITE.read_text(encoding="utf-8")
    head = text[: text.index("\nserver {")]
    head = _replaced(head, "server 127.0.0.1:6081;", f"server 127.0.0.1:{ports.varnish};")
    head = _replaced(head, "/var/cache/nginx/achyk", str(directory / "micro"))
    start = text.index("    location / {")
    location = text[start : text.index("\n    }\n", start) + len("\n    }")]
    location = _replaced(location, "Host $host;", "Host $http_host;")
    return head, location


def nginx_config(directory: Path, ports: Ports, static: Path | None = None) -> str:
    """nginx without TLS: the upstream, the micro-cache and `location /` of
    deploy/nginx/achyk.conf (`nginx_site`), to Varnish; with `static`, a second server on
    ports.front + 1 serving that directory's files as they are (the benchmark's reference)."""
    for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi", "micro"):
        (directory / name).mkdir(parents=True, exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    reference = (
        f"""    server {{
        listen 127.0.0.1:{ports.front + 1};
        root {static};
        default_type "text/html; charset=utf-8";
    }}
"""
        if static
        else ""
    )
    head, location = nginx_site(directory, ports)
    return f"""daemon off;
master_process on;
worker_processes auto;
{user}pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {directory}/client;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    client_max_body_size 25m;
{head}
    server {{
        listen 127.0.0.1:{ports.front};
{location}
    }}
{reference}}}
"""


def start_proxies(directory: Path, ports: Ports, static: Path | None = None):
    """Varnish and nginx in the foreground, configured under `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "achyk.vcl").write_text(vcl(ports), encoding="utf-8")
    (directory / "nginx.conf").write_text(nginx_config(directory, ports, static), "utf-8")
    varnish = subprocess.Popen([  # noqa: S603 - our own command line
        VARNISHD, "-F", "-j", "none", "-n", str(directory / "varnish"),
        "-a", f"127.0.0.1:{ports.varnish}", "-a", f"ban=127.0.0.1:{ports.ban}",
        "-f", str(directory / "achyk.vcl"), "-s", "malloc,256m", "-T", "none",
        "-p", "thread_pool_min=50",
    ], stdout=subprocess.DEVNULL)  # fmt: skip
    nginx = subprocess.Popen([NGINX, "-c", str(directory / "nginx.conf")])  # noqa: S603
    return varnish, nginx


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own address
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def main() -> int:
    missing = [tool for tool in (VARNISHD, NGINX) if not shutil.which(tool)]
    if missing:
        print(f"make run-front: {', '.join(missing)} missing (apt-get install varnish nginx).",
              file=sys.stderr)  # fmt: skip
        return 1
    ports = Ports.from_environment()
    var = Path(os.environ.get("ACHYK_VAR_DIR", ROOT / "var"))
    env = {**os.environ, "PORT": str(ports.app), "HEALTH_PORT": str(ports.health),
           "FRONT_CACHE_URLS": ports.ban_url}  # fmt: skip
    varnish, nginx = start_proxies(var / "front", ports)
    app = subprocess.Popen([sys.executable, "-m", "achyk.serve"], cwd=ROOT, env=env)  # noqa: S603
    processes = [app, varnish, nginx]
    stopping = []
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        wait_for(f"http://127.0.0.1:{ports.front}/healthz")
        print(f"\n  Through the front cache: http://127.0.0.1:{ports.front}/  (nginx -> Varnish "
              f"-> the application on {ports.app})\n", flush=True)  # fmt: skip
        while not stopping and all(p.poll() is None for p in processes):
            time.sleep(0.5)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if process is nginx else signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
