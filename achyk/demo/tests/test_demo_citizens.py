"""The demo's Citizens' Budgets and budget hearings: every body has them, in Kyrgyz and Russian.
The module's tests share one demo of Burana and Kok-Jar (`demo`, conftest.py)."""

import io

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
