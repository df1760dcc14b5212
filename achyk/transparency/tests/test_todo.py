"""The staff's to-do list: most urgent first, each line with the editor that publishes it;
on the dashboard and as a page of its own; another body's list is out of reach."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from achyk.bodies.tests.factories import PASSWORD
from achyk.transparency import services, todo
from achyk.transparency.models import Confirmation, Rule

from . import factories, scored


class HintingProvider(factories.HandProvider):
    """A provider that says where its evidence is edited (acts: the registry)."""

    def editor_url(self, *, key, body):
        return f"/admin/registry/new/?body={body.pk}" if key == "test:act" else None


@pytest.fixture
def provider(monkeypatch):
    from achyk.bodies import evidence as registry

    provider = HintingProvider(keys=("test:page", "test:act", "page:contact", "page:vacancy"))
    monkeypatch.setattr(registry, "_providers", [*registry.providers(), provider])
    return provider


@pytest.fixture
def world(provider, body_a, body_b):
    """scored.publish() plus vacancies published on 15 May (due 14 June: this week)."""
    with time_machine.travel(scored.NOW, tick=False):
        factories.duty(code="vacancies", rule=Rule.EVERY_N_DAYS, rule_days=30, order=4,
                       keys="page:vacancy")  # fmt: skip
        for language in ("ky", "ru"):
            provider.add(body_a, key="page:vacancy", language=language,
                         at=datetime.datetime(2026, 5, 15, tzinfo=scored.BISHKEK))  # fmt: skip
        scored.scored(provider, body_a, body_b)
        yield body_a


def sections(body, language="ky"):
    """The body's section pages in `language`, by model."""
    from achyk.transparency.editors import sections as of

    return {model: page for (model, code), page in of(body).items() if code == language}


@time_machine.travel(scored.NOW, tick=False)
def test_lines_are_ordered_by_urgency_with_the_languages_concerned(world):
    lines = todo.todo_for(world)
    assert [(line.kind, line.duty.code, line.languages) for line in lines] == [
        ("overdue", "news", ["ru"]),
        ("due", "vacancies", ["ky", "ru"]),
        ("missing", "council-acts", ["ru"]),
        ("missing", "contacts", ["ky", "ru"]),
        ("incomplete", "council-acts", ["ky"]),
    ]
    assert lines[0].due_on == datetime.date(2026, 5, 31)
    assert lines[1].due_on == datetime.date(2026, 6, 14)
    assert lines[4].missing == ["number"]


@time_machine.travel(scored.NOW, tick=False)
def test_each_line_opens_the_right_editor(world):
    by_duty = {(line.duty.code, line.kind): line.editor for line in todo.todo_for(world)}
    pages = sections(world)
    assert by_duty[("contacts", "missing")].url == reverse(
        "wagtailadmin_pages:edit", args=[pages["contactpage"].pk]
    )
    assert by_duty[("vacancies", "due")].url == reverse(
        "wagtailadmin_pages:add_subpage", args=[pages["vacancyindexpage"].pk]
    )
    assert by_duty[("council-acts", "missing")].url == f"/admin/registry/new/?body={world.pk}"
    explorer = reverse("wagtailadmin_explore", args=[world.site.root_page_id])
    assert by_duty[("news", "overdue")].url == explorer  # "test:page": no editor known


@time_machine.travel(scored.NOW, tick=False)
def test_the_list_reads_the_kinds_of_evidence_once_however_many_lines_it_has(world):
    """The editors of every line come from one reading of each provider's kinds: the kinds of
    documents are the document types, a query each time they are read."""
    with CaptureQueriesContext(connection) as queries:
        lines = todo.todo_for(world)
    types = [query for query in queries if 'FROM "documents_documenttype"' in query["sql"]]
    assert len(lines) == 5
    assert len(types) == 1


@time_machine.travel(scored.NOW, tick=False)
def test_dashboard_panel_shows_the_most_urgent_lines_with_buttons(client, world, editor_a):
    client.force_login(editor_a)
    page = client.get("/admin/").content.decode()
    panel = page[page.index('id="transparency-todo-section"') :]
    contact = sections(world)["contactpage"].pk
    assert f'href="/admin/pages/{contact}/edit/"' in panel
    assert panel.index("Үңкүр") < panel.index(f"/admin/pages/{contact}/edit/")
    assert 'href="/admin/transparency/todo/"' in panel


@time_machine.travel(scored.NOW, tick=False)
def test_todo_page_lists_every_line_and_open_flags(client, world, editor_a):
    from achyk.transparency import flags

    member = flags.register_jmeg_member(
        body=world, username="jmeg", first_name="А", last_name="Б", email="", password=PASSWORD,
        by=None,
    )  # fmt: skip
    flags.flag_evidence(
        member=member, duty_code="news", language="ru", evidence_url="", evidence_title="",
        kind="wrong", comment="Эски жаңылык",
    )  # fmt: skip
    client.force_login(editor_a)
    page = client.get("/admin/transparency/todo/").content.decode()
    rows = re.findall(r'<tr class="todo-(\w+)">', page)
    assert rows == ["overdue", "due", "missing", "missing", "incomplete"]
    assert "Эски жаңылык" in page and "/admin/transparency/flags/" in page
    dashboard = client.get("/admin/").content.decode()
    assert 'href="/admin/transparency/flags/"' in dashboard


def test_staff_confirm_that_information_is_still_current(client, world, editor_a):
    client.force_login(editor_a)
    response = client.post("/admin/transparency/todo/confirm/", {"duty_code": "contacts"})
    assert response.status_code == 302
    assert Confirmation.objects.get().body == world
    assert (
        client.post("/admin/transparency/todo/confirm/", {"duty_code": "nope"}).status_code == 404
    )


def test_supervisor_reads_a_bodys_list_and_another_bodys_staff_get_404(client, world, editor_b):
    supervisor = get_user_model().objects.create_user("inspector", password=PASSWORD)
    supervisor.groups.add(Group.objects.get(name="Supervisors"))
    client.force_login(supervisor)
    with time_machine.travel(scored.NOW, tick=False):
        page = client.get(f"/admin/transparency/todo/{world.pk}/").content.decode()
    table = page[page.index('<table class="listing">') :]
    assert 'class="todo-overdue"' in table and "/admin/pages/" not in table  # reads, acts not
    assert (
        client.post("/admin/transparency/todo/confirm/", {"duty_code": "contacts"}).status_code
        == 403
    )
    client.force_login(editor_b)
    assert client.get(f"/admin/transparency/todo/{world.pk}/").status_code == 404
    assert "news" not in client.get("/admin/transparency/todo/").content.decode()


def test_list_is_empty_when_everything_is_up_to_date(body_a, body_b, provider):
    factories.duty(code="news", rule=Rule.ONCE, keys="test:page")
    for language in ("ky", "ru"):
        provider.add(body_a, key="test:page", language=language)
    services.recompute()
    assert todo.todo_for(body_a) == []
