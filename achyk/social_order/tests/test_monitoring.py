"""The monitoring group's reports on social-order projects, filed on the public site: a
member files a draft (readers and staff never see it), the group approves it, the NGO
answers on its page and the body's staff in the admin, and readers see the report with both
answers on the contract's page. Another body's member, another NGO and anyone else are
refused; bad input answers with a translated message and keeps what was typed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from achyk.social_order.models import MonitoringReport
from achyk.ui.tests.hostile import server_errors

from . import factories as f
from .test_public import _decided_with_contract

pytestmark = pytest.mark.django_db


def _url(body, name, **kwargs):
    return body.public_url("ru", name, **kwargs)


def _ru(text: str) -> str:
    """What a Russian reader sees for `text` (the catalogue has every entry)."""
    with translation.override("ru"):
        return gettext(text)


def _post(body, **fields):
    data = {
        "visited_on": "2026-04-02",
        "members": "Айгүл, Бакыт",
        "checked": "Үйлөргө бардык",
        "feedback": "Карылар ыраазы",
        "findings": "Дарыгер жетишпейт <b>",
        "rating": "4",
    }
    return data | fields  # fmt: skip


def _filed(client, body, contract, member):
    client.force_login(member.user)
    response = client.post(_url(body, "social_order_monitoring_file"),
                           _post(body, contract=contract.pk))  # fmt: skip
    assert response.status_code == 302
    return MonitoringReport.objects.filter(contract=contract, by_group=True).latest("pk")


def test_a_member_files_a_draft_then_publishes_it_and_the_ngo_is_told(
    client, body_a, mailoutbox, django_capture_on_commit_callbacks
):
    _, contract = _decided_with_contract(body_a)
    member = f.jmeg_member(body_a)
    report = _filed(client, body_a, contract, member)
    assert report.author == member.user and not report.is_published
    page = client.get(_url(body_a, "social_order_monitoring")).content.decode()
    assert "Дарыгер жетишпейт &lt;b&gt;" in page and f'id="report-{report.pk}"' in page
    client.logout()
    public = client.get(_url(body_a, "social_order_contract", pk=contract.pk)).content.decode()
    assert "Дарыгер жетишпейт" not in public  # a draft is the group's own
    client.force_login(member.user)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(body_a, "social_order_monitoring_publish", pk=report.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#monitoring-{report.pk}")
    client.logout()
    public = client.get(_url(body_a, "social_order_contract", pk=contract.pk)).content.decode()
    assert "Дарыгер жетишпейт &lt;b&gt;" in public and _ru("Not answered yet.") in public
    organisation = contract.application.organisation
    people = [p.user.email for p in organisation.members.all()]
    assert [m.to for m in mailoutbox] == [sorted({organisation.email, *people})]


def test_the_ngo_answers_on_its_page_and_the_author_hears_of_it(
    client, body_a, mailoutbox, django_capture_on_commit_callbacks
):
    _, contract = _decided_with_contract(body_a)
    member = f.jmeg_member(body_a)
    report = _filed(client, body_a, contract, member)
    client.post(_url(body_a, "social_order_monitoring_publish", pk=report.pk))
    ngo = contract.application.organisation.members.get()
    client.force_login(ngo.user)
    mine = client.get(_url(body_a, "social_order_mine")).content.decode()
    assert f'action="{_url(body_a, "social_order_monitoring_answer", pk=report.pk)}"' in mine
    url = _url(body_a, "social_order_monitoring_answer", pk=report.pk)
    refused = client.post(url, {f"answer-{report.pk}-answer": "   "})
    assert refused.status_code == 400 and _ru("This field is required.") in refused.content.decode()
    too_long = client.post(url, {f"answer-{report.pk}-answer": "ө" * 5001})
    assert too_long.status_code == 400 and "ө" * 5001 in too_long.content.decode()  # kept
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"answer-{report.pk}-answer": "Дарыгер август айында келет"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[member.user.email]]
    assert "Дарыгер август айында келет" in mailoutbox[0].body
    client.logout()
    public = client.get(_url(body_a, "social_order_contract", pk=contract.pk)).content.decode()
    assert "Дарыгер август айында келет" in public


def test_another_ngo_and_another_body_s_member_are_refused(client, body_a, body_b):
    _, contract = _decided_with_contract(body_a)
    member = f.jmeg_member(body_a)
    report = _filed(client, body_a, contract, member)
    other_ngo = f.ngo(body_a)
    client.force_login(other_ngo.user)
    client.post(_url(body_a, "social_order_monitoring_publish", pk=report.pk))  # refused: 403
    report.refresh_from_db()
    assert not report.is_published
    client.force_login(member.user)
    client.post(_url(body_a, "social_order_monitoring_publish", pk=report.pk))
    client.force_login(other_ngo.user)
    url = _url(body_a, "social_order_monitoring_answer", pk=report.pk)
    assert client.post(url, {f"answer-{report.pk}-answer": "Биз"}).status_code == 404
    assert client.get(_url(body_a, "social_order_monitoring")).status_code == 403
    stranger = f.jmeg_member(body_b)
    client.force_login(stranger.user)
    assert client.get(_url(body_a, "social_order_monitoring")).status_code == 403
    # On its own body's site, another body's contract is not a choice, its draft a 404.
    response = client.post(_url(body_b, "social_order_monitoring_file"),
                           _post(body_b, contract=contract.pk))  # fmt: skip
    assert response.status_code == 400
    assert _ru("Select a valid choice. That choice is not one of the available choices.") in (
        response.content.decode()
    )
    draft = MonitoringReport.objects.create(
        body=body_a, contract=contract, visited_on=datetime.date(2026, 4, 2), members="x",
        checked="x", findings="x", rating=3, by_group=True, author=member.user,
    )  # fmt: skip
    publish = _url(body_b, "social_order_monitoring_publish", pk=draft.pk)
    assert client.post(publish).status_code == 404
    assert MonitoringReport.objects.filter(body=body_b).count() == 0
    client.logout()
    response = client.get(_url(body_a, "social_order_monitoring"))
    assert response.status_code == 302 and "/login/?next=" in response["Location"]


def test_a_visit_in_the_future_or_before_the_project_is_refused_and_the_text_kept(client, body_a):
    _, contract = _decided_with_contract(body_a)
    client.force_login(f.jmeg_member(body_a).user)
    url = _url(body_a, "social_order_monitoring_file")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for day, message in [(tomorrow, "The visit cannot be in the future."),
                         ("2026-02-01", "The visit cannot be before the project starts."),
                         ("эртең", "Enter a valid date.")]:  # fmt: skip
        response = client.post(url, _post(body_a, contract=contract.pk, visited_on=day))
        text = response.content.decode()
        assert response.status_code == 400 and _ru(message) in text
        assert "Дарыгер жетишпейт &lt;b&gt;" in text  # what was typed comes back
    response = client.post(url, _post(body_a, contract=contract.pk, rating="9"))
    assert response.status_code == 400
    assert not MonitoringReport.objects.exists()


def test_staff_answer_a_group_s_report_but_never_edit_it_nor_see_its_drafts(
    client, body_a, editor_a, mailoutbox, django_capture_on_commit_callbacks
):
    _, contract = _decided_with_contract(body_a)
    member = f.jmeg_member(body_a)
    draft = _filed(client, body_a, contract, member)
    client.force_login(editor_a)
    assert draft.findings not in client.get(reverse("social_monitoring:index")).content.decode()
    assert client.get(reverse("social_monitoring:edit", args=[draft.pk])).status_code == 404
    draft.is_published = True
    draft.save()
    edit = reverse("social_monitoring:edit", args=[draft.pk])
    data = {"contract": contract.pk, "visited_on": "2026-04-03", "members": "Башка",
            "checked": "Өзгөртүлдү", "feedback": "", "findings": "Баары жакшы", "rating": "5",
            "ngo_answer": "Жооп", "body_answer": "Айыл өкмөтү дарыгер табат",
            "is_published": ""}  # fmt: skip
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body_answer == "Айыл өкмөтү дарыгер табат" and draft.body_answered_at
    assert draft.findings == "Дарыгер жетишпейт <b>" and draft.rating == 4
    assert draft.is_published and draft.ngo_answer == ""
    assert [m.to for m in mailoutbox] == [[member.user.email]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, data | {"body_answer": "Айыл өкмөтү дарыгер тапты"})
    assert len(mailoutbox) == 1  # told once, on the first answer
    delete = reverse("social_monitoring:delete", args=[draft.pk])
    assert client.post(delete).status_code == 404  # the group's report is not the staff's
    client.logout()
    public = client.get(_url(body_a, "social_order_contract", pk=contract.pk)).content.decode()
    assert "Айыл өкмөтү дарыгер тапты" in public


def test_member_pages_answer_hostile_input_without_a_server_error(client, body_a):
    _, contract = _decided_with_contract(body_a)
    member = f.jmeg_member(body_a)
    report = _filed(client, body_a, contract, member)
    urls = [_url(body_a, "social_order_monitoring") + q
            for q in ("", "?page=-1&q=%00<script>", "?pk=' OR 1=1")]  # fmt: skip
    assert server_errors(client, urls) == []
    for data in ({"contract": "abc", "rating": "x" * 500}, {"contract": "-1"}, {}):
        response = client.post(_url(body_a, "social_order_monitoring_file"), data)
        assert response.status_code == 400
    missing = _url(body_a, "social_order_monitoring_publish", pk=999999)
    assert client.post(missing).status_code == 404
    publish = _url(body_a, "social_order_monitoring_publish", pk=report.pk)
    assert client.get(publish).status_code == 405


def test_the_member_s_page_query_count_does_not_grow_with_the_reports(
    client, body_a, django_assert_max_num_queries
):
    _, contract = _decided_with_contract(body_a)
    member = f.jmeg_member(body_a)
    for _ in range(4):
        _filed(client, body_a, contract, member)
    url = _url(body_a, "social_order_monitoring")
    client.get(url)
    # Measured: 15 with one report and with four (the session, the member, the body's site,
    # the contracts, the reports).
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert page.count('class="monitoring"') == 4
