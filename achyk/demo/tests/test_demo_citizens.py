"""The demo's public side: every body publishes a Citizens' Budget and a hearing, in Kyrgyz and
Russian, and no public page of a body gives its links their addresses from every site's root
paths. The module's tests share one demo of Burana and Kok-Jar (`demo`, conftest.py)."""

import io
import re

from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from achyk.bodies.models import Body
from achyk.budget.citizens.models import CitizensBudget
from achyk.budget.hearings.models import Hearing

from .shared import BODIES, PASSWORD


def test_every_demo_body_publishes_a_citizens_budget_and_a_hearing(demo, db, client):
    assert set(Body.objects.values_list("slug", flat=True)) == BODIES
    year = timezone.localdate().year
    for body in Body.objects.all():
        item = CitizensBudget.objects.published().get(body=body, year=year, stage="approved")
        assert item.languages_written() == ["ky", "ru"]
        hearing = Hearing.objects.published().get(body=body)
        assert hearing.proposals.count() == 3 and hearing.has_minutes
        assert hearing.draft_budget.year == year + 1
        for language in ("ky", "ru"):
            page = client.get(f"/{body.slug}/{language}/budget/{year}/citizens/approved/")
            assert page.status_code == 200
            html = page.content.decode()
            assert body.translated("name", language) in html
            assert 'class="notice"' not in html  # the figures come from the demo budget
            printed = client.get(f"/{body.slug}/{language}/budget/{year}/citizens/approved/pdf/")
            reader = PdfReader(io.BytesIO(printed.content))
            assert len(reader.pages) <= 2
            text = " ".join(page.extract_text() for page in reader.pages)
            assert body.translated("name", language) in " ".join(text.split())
            hearings = client.get(f"/{body.slug}/{language}/budget/hearings/")
            assert "Освещение улицы к школе" in hearings.content.decode()


def test_loading_the_demo_again_keeps_what_staff_changed(demo, db, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    CitizensBudget.objects.update(general_ru="Текст сотрудников")
    call_command("load_demo", password=PASSWORD)
    assert CitizensBudget.objects.count() == 2
    assert set(CitizensBudget.objects.values_list("general_ru", flat=True)) == {"Текст сотрудников"}
    assert Hearing.objects.count() == 2


def test_no_public_page_of_a_demo_body_reads_the_root_paths_of_every_site(
    demo, db, client, settings, monkeypatch
):
    """Every page reached by links from a body's home (its sections, news, documents and acts,
    budget, plans, events, social order, requests, the monitor) links pages against the root
    paths of the body's own site: Wagtail's list of every site's (two a body, growing with the
    platform) is never read. A `{{ page.url }}` in a template, or `page.get_url()` without the
    request, would read it."""
    from wagtail.models import Site

    settings.CACHE_PAGE_SECONDS = 0  # every page rendered, none from the cache
    every_site, read_every_site = [], Site.get_site_root_paths
    current = {"page": ""}

    def noted():
        every_site.append(current["page"])
        return read_every_site()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(noted))
    seen, queue = set(), ["/burana/ky/"]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        current["page"] = url
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            for link in re.findall(r'href="(/burana/ky/[^"#?]*)"', response.content.decode()):
                if not link.endswith(DOWNLOADS) and link not in seen:
                    queue.append(link)
    assert len(seen) > 50, seen  # the crawl reached the body's sections, not just its home
    assert every_site == []


#: Addresses of files and feeds, not pages: not followed.
DOWNLOADS = (".pdf", ".csv", ".json", ".xlsx", ".ics", ".rss", ".atom", ".zip", "/feed/")
