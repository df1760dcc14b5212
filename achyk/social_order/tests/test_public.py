"""The public side: the register a resident reads, an NGO's own applications (never another
NGO's), a commission member's calls (never another commission's), the exports and the
360Giving file, and hostile addresses answering without a server error."""

import csv
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone, translation

from achyk.social_order import services
from achyk.social_order.models import Application, ApplicationState, CallState
from achyk.ui.tests.hostile import server_errors

from . import factories as f

pytestmark = pytest.mark.django_db
SCHEMA = json.loads((Path(__file__).parent / "data" / "360giving-core.json").read_text())


def _url(body, name, **kwargs):
    return body.public_url("ky", name, **kwargs)


def _decided_with_contract(body):
    call = f.call(body)
    first, second = (f.application(f.ngo(body), call, submit=True) for _ in range(2))
    type(call).objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=9),
        deadline=timezone.now() - datetime.timedelta(minutes=1), state=CallState.CLOSED,
    )  # fmt: skip
    call = services.advance_call(call=call, to=CallState.REVIEW)
    seat = call.commission.seats.first()
    for application in (first, second):
        services.declare(seat=seat, application=application, conflicted=False)
        values = {c.pk: (8, "") for c in call.criteria.all()}
        services.score(seat=seat, application=application, values=values)
    services.decide_call(call=call, winners=[first])
    first.refresh_from_db()
    day = datetime.date(2026, 3, 1)
    contract = services.sign_contract(
        application=first, number="МСТ-7", signed_on=day, amount=Decimal("150000"),
        starts_on=day, ends_on=day + datetime.timedelta(days=200),
        tranches=[services.TrancheIn(Decimal("50000"), day, "Q1"),
                  services.TrancheIn(Decimal("100000"), day, "Q2", is_final=True)],
    )  # fmt: skip
    return call, contract


def test_register_shows_calls_counts_winners_and_contracts(client, body_a, body_b):
    call, contract = _decided_with_contract(body_a)
    f.call(body_b)  # another body's call is not in the register
    response = client.get(_url(body_a, "social_order_index"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Карыларга кызмат &lt;script&gt;" in text and "<script>alert" not in text
    assert "МСТ-7" in text and "150\u00a0000" in text  # the amount as the language writes it
    page = client.get(_url(body_a, "social_order_call", pk=call.pk)).content.decode()
    assert 'id="submitted">2<' in page
    assert '<td class="score">80.00</td>' in page
    assert client.get(_url(body_b, "social_order_call", pk=call.pk)).status_code == 404


def test_draft_calls_are_not_public(client, body_a):
    draft = f.call(body_a, state=CallState.DRAFT)
    assert client.get(_url(body_a, "social_order_call", pk=draft.pk)).status_code == 404


def test_register_query_counts_are_pinned(client, body_a, django_assert_max_num_queries, settings):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    for _ in range(2):
        call, contract = _decided_with_contract(body_a)
    # Measured: 16 on a cold cache, then 12 (index), 11 (call), 10 (contract), whatever the
    # number of calls, contracts, tranches and scores.
    with django_assert_max_num_queries(18):
        assert client.get(_url(body_a, "social_order_index")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(_url(body_a, "social_order_call", pk=call.pk)).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(_url(body_a, "social_order_contract", pk=contract.pk)).status_code == 200


def test_ngo_never_sees_another_ngo_s_draft(client, body_a):
    call = f.call(body_a)
    mine, theirs = f.ngo(body_a), f.ngo(body_a)
    their_draft = f.application(theirs, call)
    client.force_login(mine.user)
    assert (
        client.get(_url(body_a, "social_order_application", pk=their_draft.pk)).status_code == 404
    )
    response = client.post(_url(body_a, "social_order_application", pk=their_draft.pk),
                           {"action": "withdraw"})  # fmt: skip
    assert response.status_code == 404
    their_draft.refresh_from_db()
    assert their_draft.state == ApplicationState.DRAFT
    listing = client.get(_url(body_a, "social_order_mine")).content.decode()
    assert their_draft.organisation.name.split("<")[0].strip() not in listing


def test_ngo_applies_and_sees_its_acknowledgement_number(client, body_a, mailoutbox):
    call = f.call(body_a)
    member = f.ngo(body_a)
    client.force_login(member.user)
    start = client.post(_url(body_a, "social_order_start", pk=call.pk))
    application = Application.objects.get(organisation=member.organisation)
    assert start.status_code == 302
    url = _url(body_a, "social_order_application", pk=application.pk)
    data = {"title": "Үйдө кам көрүү", "problem": "Жалгыз карылар", "beneficiaries_count": "30",
            "co_funding": "0", "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0",
            "lines-0-item": "Айлык", "lines-0-amount": "123 сом", "lines-1-item": "",
            "lines-1-amount": ""}  # fmt: skip
    refused = client.post(url, {**data, "action": "submit"})
    assert refused.status_code == 400
    assert "Жалгыз карылар" in refused.content.decode()  # nothing typed is lost
    data["lines-0-amount"] = "900000"  # above the ceiling of 500000
    refused = client.post(url, {**data, "action": "submit"})
    assert refused.status_code == 400 and "900000" in refused.content.decode()
    data["lines-0-amount"] = "200000"
    with translation.override("ky"):
        done = client.post(url, {**data, "action": "submit"})
    application.refresh_from_db()
    assert done.status_code == 200 and application.state == ApplicationState.SUBMITTED
    assert f'id="ack-number">{application.number}<' in done.content.decode()
    number = application.number
    again = client.post(url, {**data, "action": "submit"}, follow=True)
    application.refresh_from_db()
    assert application.number == number
    with translation.override(again.wsgi_request.LANGUAGE_CODE):  # the page's language
        expected = translation.gettext("This application was submitted already.")
    assert [str(m) for m in again.context["messages"]] == [expected]


def test_ngo_attachment_is_checked_like_every_upload(client, body_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = f.application(f.ngo(body_a), f.call(body_a))
    client.force_login(draft.organisation.members.get().user)
    url = _url(body_a, "social_order_application", pk=draft.pk)
    fake = SimpleUploadedFile("charter.pdf", b"<html><script>alert(1)</script></html>")
    refused = client.post(url, {"action": "attach", "title": "Устав", "file": fake})
    assert refused.status_code == 400 and not draft.attachments.exists()
    ok = client.post(url, {"action": "attach", "title": "Устав", "file": f.pdf()})
    assert ok.status_code == 302 and draft.attachments.count() == 1


def test_commission_member_sees_only_the_calls_of_their_commission(client, body_a):
    mine, other = f.call(body_a), f.call(body_a)
    theirs = f.application(f.ngo(body_a), other, submit=True)
    own = f.application(f.ngo(body_a), mine, submit=True)
    seat = mine.commission.seats.first()
    client.force_login(seat.user)
    listing = client.get(_url(body_a, "social_order_commission")).content.decode()
    assert own.number in listing and theirs.number not in listing
    url = _url(body_a, "social_order_commission_application", pk=theirs.pk)
    assert client.get(url).status_code == 404
    assert (
        client.get(_url(body_a, "social_order_commission_application", pk=own.pk)).status_code
        == 200
    )


def test_conflicted_member_is_refused_on_the_page(client, body_a):
    call, _contract = _decided_with_contract(body_a)
    other = f.call(body_a, commission=call.commission)
    application = f.application(f.ngo(body_a), other, submit=True)
    type(other).objects.filter(pk=other.pk).update(state=CallState.REVIEW)
    seat = call.commission.seats.last()
    client.force_login(seat.user)
    url = _url(body_a, "social_order_commission_application", pk=application.pk)
    client.post(url, {"declare": "1", "conflicted": "1", "note": "Эжем ошол уюмда"})
    criteria = list(other.criteria.all())
    refused = client.post(url, {"score": "1", **{f"score_{c.pk}": "5" for c in criteria}})
    assert refused.status_code == 400 and 'id="conflicted"' in refused.content.decode()
    assert not application.scores.exists()


def test_exports_and_360giving_file_validate(client, body_a):
    _decided_with_contract(body_a)
    rows = list(csv.reader(io.StringIO(
        b"".join(client.get(_url(body_a, "social_order_csv")).streaming_content)
        .decode("utf-8-sig"))))  # fmt: skip
    assert rows[0][0] == "call" and any(row[5] == "МСТ-7" for row in rows[1:])
    records = json.loads(b"".join(client.get(_url(body_a, "social_order_json")).streaming_content))
    assert records[0]["applications_submitted"] == 2
    data = json.loads(
        b"".join(client.get(_url(body_a, "social_order_360giving")).streaming_content)
    )
    jsonschema.validate(data, SCHEMA)
    (grant,) = data["grants"]
    assert grant["amountAwarded"] == 150000 and grant["currency"] == "KGS"
    assert grant["beneficiaryLocation"][0]["geoCode"] == body_a.territory.code


def test_360giving_schema_refuses_a_grant_without_its_funder():
    grant = {"id": "360G-x", "title": "t", "description": "d", "currency": "KGS",
             "amountAwarded": 1, "awardDate": "2026-01-01",
             "recipientOrganization": [{"id": "a", "name": "b"}]}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"grants": [grant]}, SCHEMA)


def test_hostile_addresses_answer_without_a_server_error(client, body_a):
    call, contract = _decided_with_contract(body_a)
    member = contract.application.organisation.members.get()
    urls = [_url(body_a, name, **kw) + query for name, kw in [
        ("social_order_index", {}), ("social_order_call", {"pk": call.pk}),
        ("social_order_contract", {"pk": contract.pk}), ("social_order_signup", {}),
        ("social_order_mine", {}), ("social_order_commission", {}),
        ("social_order_csv", {}), ("social_order_360giving", {}),
    ] for query in ("", "?page=-1&q=%00<script>", "?pk=' OR 1=1")]  # fmt: skip
    assert server_errors(client, urls) == []
    client.force_login(member.user)
    tranche = contract.tranches.first()
    assert server_errors(client, [_url(body_a, "social_order_report", pk=tranche.pk)]) == []
    response = client.post(_url(body_a, "social_order_report", pk=tranche.pk),
                           {"narrative": "x" * 30000, "spent_999": "abc"})  # fmt: skip
    assert response.status_code == 400


def test_ngo_signs_up_and_waits_for_confirmation(client, body_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from achyk.social_order.models import Organisation

    data = {"name": "«Ак-Жол» бирикмеси", "registration_number": "ОБ-1", "address": "Бурана",
            "head": "Н. Асанова", "email": "akjol@example.org", "first_name": "Нурай",
            "last_name": "Асанова", "username": "akjol",
            "password": "Ак-Жол-2026-секрет"}  # fmt: skip
    url = _url(body_a, "social_order_signup")
    fake = SimpleUploadedFile("charter.pdf", b"MZ\x90\x00 not a pdf")
    refused = client.post(url, {**data, "founding_document": fake})
    assert refused.status_code == 400 and "«Ак-Жол» бирикмеси" in refused.content.decode()
    assert not Organisation.objects.exists()
    done = client.post(url, {**data, "founding_document": f.pdf()})
    assert done.status_code == 200 and 'id="signed-up"' in done.content.decode()
    organisation = Organisation.objects.get(body=body_a)
    assert organisation.state == "pending" and organisation.members.get().user.username == "akjol"


def test_one_sign_in_page_names_both_groups_and_an_ngo_lands_on_its_page(client, body_a):
    page = client.get("/burana/ru/login/").content.decode()
    with translation.override("ru"):
        wording = translation.gettext(
            "For members of a joint monitoring and evaluation group and for the people of NGOs "
            "that take part in the municipal social order: sign in with your user name and "
            "password (given by your body's administrator, or chosen when your organisation "
            "signed up)."
        )
    assert wording in page
    member = f.ngo(body_a)
    response = client.post("/ru/login/", {"username": member.user.username,
                                          "password": "pw-Бурана-42"})  # fmt: skip
    assert response["Location"] == "/burana/ru/social-order/mine/"
