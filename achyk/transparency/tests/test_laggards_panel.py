"""The supervisor's dashboard shows the bodies with the lowest index first, whom to call,
and the ways to the rating, the hearing list and the exports; body staff do not get it."""

import re

import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from achyk.bodies.tests.factories import PASSWORD

from . import factories, scored


@time_machine.travel(scored.NOW, tick=False)
def test_supervisor_sees_the_lowest_scores_with_contacts_and_links(
    client, monkeypatch, body_a, body_b, editor_a
):
    provider = factories.hand_provider(monkeypatch, keys=("test:page", "test:act", "page:contact"))
    body_b.head_name, body_b.phone, body_b.email = "Асан Үсөнов", "+996 555 000 111", "kok@jar.kg"
    body_b.save()
    scored.scored(provider, body_a, body_b)  # Kok-Jar has published nothing: the lowest
    supervisor = get_user_model().objects.create_user("inspector", password=PASSWORD)
    supervisor.groups.add(Group.objects.get(name="Supervisors"))
    client.force_login(supervisor)
    page = client.get("/admin/").content.decode()
    panel = page[page.index('id="transparency-laggards-section"') :]
    rows = re.findall(r'href="/admin/transparency/todo/(\d+)/"', panel)
    assert rows[:2] == [str(body_b.pk), str(body_a.pk)]  # lowest first
    assert "Асан Үсөнов" in panel and 'href="tel:+996 555 000 111"' in panel
    assert 'href="mailto:kok@jar.kg"' in panel
    for name in ("rating", "hearing", "export_csv", "export_xlsx"):
        assert f'href="{reverse(f"transparency:{name}")}"' in panel
    assert client.get(f"/admin/transparency/todo/{body_b.pk}/").status_code == 200
    assert client.get(reverse("transparency:hearing")).status_code == 200
    client.force_login(editor_a)
    assert 'id="transparency-laggards-section"' not in client.get("/admin/").content.decode()
