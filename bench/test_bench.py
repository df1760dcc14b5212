"""The bench generator makes real bodies whose pages render; the harness parses wrk's output.

No timings are asserted here: figures belong in docs/benchmarks.md, not in tests.
"""

import pytest

from achyk.bodies.models import Body
from achyk.content.models import NewsPage
from achyk.demo.services import homes_of
from bench import run
from bench.generate import generate


@pytest.mark.django_db
def test_generated_bodies_have_home_and_news_pages_that_render(client, platform):
    generate(bodies=3, news=2)

    assert sorted(Body.objects.values_list("slug", flat=True)) == [
        "bench-0001", "bench-0002", "bench-0003",
    ]  # fmt: skip
    home = client.get("/bench-0002/ky/")
    assert home.status_code == 200 and "Сынак-0002 айыл аймагы" in home.content.decode()
    news = client.get("/bench-0002/ru/news/")
    assert news.status_code == 200
    ru_home = homes_of(Body.objects.get(slug="bench-0002"))["ru"]
    titles = NewsPage.objects.live().descendant_of(ru_home).values_list("title", flat=True)
    assert len(titles) == 2 and all(title in news.content.decode() for title in titles)

    generate(bodies=3, news=2)  # again: existing bodies are skipped
    assert Body.objects.count() == 3


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.00ms
     99%    1.05s
  12345 requests in 10.00s, 1.00GB read
Requests/sec:   1234.50
Transfer/sec:    100.00MB
"""


def test_wrk_figures_are_read_in_milliseconds(monkeypatch):
    class Done:
        stdout = WRK_OUTPUT

    monkeypatch.setattr(run.subprocess, "run", lambda *a, **k: Done())
    args = run.parse_args(["--duration", "1s"])
    assert run.wrk("http://127.0.0.1:1/", args) == {
        "rps": 1234.5, "p50_ms": 0.812, "p99_ms": 1050.0, "non_2xx": 0,
    }  # fmt: skip
    app = {"rps": 100.0, "p50_ms": 1, "p99_ms": 2}
    nginx = {"rps": 1000.0, "p50_ms": 0.1, "p99_ms": 0.2}
    table = run.table({"home": {"app": app, "nginx": nginx}})
    assert "| home | app / nginx | 0.100 (1 : 10) | | |" in table


def test_the_hit_harness_asks_django_as_a_server_does_and_reads_a_kept_page(body_a):
    """`bench.hit` calls the WSGI application itself: the second request for a page is a hit
    of the page cache; `/healthz` answers."""
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections

    from bench import hit

    # As Django's test client does: a request's end must not close the test's connection.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        _asks_and_reads_a_kept_page(hit, WSGIHandler())
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def _asks_and_reads_a_kept_page(hit, application):
    first_status, first = hit.ask(application, "/burana/ky/")
    second_status, second = hit.ask(application, "/burana/ky/")
    assert first_status.startswith("200") and first["X-Cache"] == "miss"
    assert second_status.startswith("200") and second["X-Cache"] == "hit"
    assert hit.ask(application, "/healthz")[0].startswith("200")
    wall, cpu = hit.best_of_three(application, "/burana/ky/", 2)
    assert wall > 0 and cpu >= 0
