"""The monitoring group's flag on an action (its assessment) goes round: the body's staff
answer it in the admin, the group reopens it with a note or closes it on the public site,
and the plan's public page shows each flag's state and the answer. Staff of another body
never see or answer it; only members of the body's own group reopen or close."""

import pytest

from achyk.plans import services
from achyk.plans.monitoring import Assessment

from . import factories

HOSTILE = '<script>alert("ө")</script> «ң»'


@pytest.fixture
def flagged(body_a):
    plan = factories.full_plan(body_a, actions=2)
    action = plan.actions.first()
    member = factories.jmeg_member(body_a)
    flag = services.assess_action(
        member=member, action=action, status="planned", rating=2,
        comment=f"Көпүрө курулган жок {HOSTILE}",
    )  # fmt: skip
    return plan, action, member, flag


def answer(client, flag, text):
    return client.post(f"/admin/plans/flags/{flag.pk}/", {"answer": text})


def test_staff_answer_a_flag_and_the_plan_page_shows_it(client, editor_a, flagged):
    plan, action, _member, flag = flagged
    client.force_login(editor_a)
    listing = client.get("/admin/plans/flags/").content.decode()
    assert f'href="/admin/plans/flags/{flag.pk}/"' in listing
    assert answer(client, flag, f"Күзгө чейин бүтөт {HOSTILE}").status_code == 302
    flag.refresh_from_db()
    assert flag.state == Assessment.State.ANSWERED and flag.answered_by == editor_a
    client.logout()
    page = client.get(f"/burana/ru/plans/{plan.pk}/").content.decode()
    shown = page.split('id="flags"', 1)[1].split("</ul>", 1)[0]
    assert f'id="flag-{flag.pk}"' in shown and "flag-answered" in shown
    assert "Күзгө чейин бүтөт &lt;script&gt;" in shown and "<script>alert" not in shown
    assert f"/burana/ru/plans/actions/{action.pk}/#assessment-{flag.pk}" in shown


def test_an_empty_answer_gets_the_form_back(client, editor_a, flagged):
    *_rest, flag = flagged
    client.force_login(editor_a)
    response = answer(client, flag, "   ")
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    flag.refresh_from_db()
    assert flag.state == Assessment.State.OPEN and flag.answer == ""


def test_the_group_reopens_with_a_note_then_closes(client, editor_a, flagged):
    plan, action, member, flag = flagged
    services.answer_assessment(assessment=flag, answer="Бүттү", by=editor_a)
    client.force_login(member.user)
    page = client.get(f"/burana/ru/plans/actions/{action.pk}/").content.decode()
    assert f'action="/burana/ru/plans/flags/{flag.pk}/reopen/"' in page
    for bad in ("", "ө" * 3001):
        refused = client.post(
            f"/burana/ru/plans/flags/{flag.pk}/reopen/", {f"flag-{flag.pk}-note": bad}
        )
        assert refused.status_code == 400 and 'class="errors"' in refused.content.decode()
    note = {f"flag-{flag.pk}-note": f"Көпүрө жок {HOSTILE}"}
    assert client.post(f"/burana/ru/plans/flags/{flag.pk}/reopen/", note).status_code == 302
    flag.refresh_from_db()
    assert flag.state == Assessment.State.OPEN and flag.reopen_note.startswith("Көпүрө жок")
    public = client.get(f"/burana/ru/plans/{plan.pk}/").content.decode()
    assert "flag-open" in public and "Көпүрө жок &lt;script&gt;" in public
    # the staff answer again, the group closes it; a closed flag takes no answer
    services.answer_assessment(assessment=flag, answer="Эми бүттү", by=editor_a)
    assert client.post(f"/burana/ru/plans/flags/{flag.pk}/close/").status_code == 302
    flag.refresh_from_db()
    assert flag.state == Assessment.State.CLOSED and flag.closed_at is not None
    client.force_login(editor_a)
    assert answer(client, flag, "Дагы").status_code == 403
    client.logout()
    page = client.get(f"/burana/ru/plans/{plan.pk}/").content.decode()
    assert "flag-closed" in page and "Эми бүттү" in page


def test_staff_of_another_body_never_see_nor_answer_the_flag(client, editor_b, flagged):
    *_rest, flag = flagged
    client.force_login(editor_b)
    assert str(flag.comment[:10]) not in client.get("/admin/plans/flags/").content.decode()
    assert client.get(f"/admin/plans/flags/{flag.pk}/").status_code == 404
    assert answer(client, flag, "Бөтөн жооп").status_code == 404
    flag.refresh_from_db()
    assert flag.state == Assessment.State.OPEN and flag.answer == ""


def test_only_the_body_s_own_group_reopens_or_closes(client, body_b, editor_a, flagged):
    *_rest, flag = flagged
    services.answer_assessment(assessment=flag, answer="Бүттү", by=editor_a)
    stranger = factories.jmeg_member(body_b, username="other_member", email="o@example.org")
    client.force_login(stranger.user)
    note = {f"flag-{flag.pk}-note": "x"}
    assert client.post(f"/burana/ru/plans/flags/{flag.pk}/reopen/", note).status_code == 403
    assert client.post(f"/burana/ru/plans/flags/{flag.pk}/close/").status_code == 403
    client.force_login(editor_a)  # staff are not the group
    assert client.post(f"/burana/ru/plans/flags/{flag.pk}/close/").status_code == 403
    flag.refresh_from_db()
    assert flag.state == Assessment.State.ANSWERED


def test_an_open_flag_cannot_be_reopened(flagged):
    *_rest, member, flag = flagged
    with pytest.raises(services.ValidationError):
        services.reopen_assessment(member=member, assessment=flag, note="x")


def test_the_member_who_flagged_hears_of_the_answer(
    smtp, editor_a, flagged, django_capture_on_commit_callbacks
):
    _plan, action, member, flag = flagged
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_assessment(assessment=flag, answer="Күзгө чейин бүтөт", by=editor_a)
    (letter,) = smtp.texts(to=member.user.email)
    assert "Күзгө чейин бүтөт" in letter
    assert f"/burana/ky/plans/actions/{action.pk}/#assessment-{flag.pk}" in letter


def test_the_body_s_staff_hear_of_a_reopened_flag_each_in_their_language(
    client, body_a, editor_a, admin_a, editor_b, flagged, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from wagtail.users.models import UserProfile

    _plan, action, member, flag = flagged
    editor_a.email, admin_a.email, editor_b.email = "e@example.kg", "a@example.kg", "b@example.kg"
    for user in (editor_a, admin_a, editor_b):
        user.save(update_fields=["email"])
    profile = UserProfile.get_for_user(admin_a)
    profile.preferred_language = "ru"
    profile.save()
    services.answer_assessment(assessment=flag, answer="Бүттү", by=editor_a)
    mailoutbox.clear()
    client.force_login(member.user)
    note = {f"flag-{flag.pk}-note": "Көпүрө дагы эле жок"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/burana/ru/plans/flags/{flag.pk}/reopen/", note)
    assert response.status_code == 302
    letters = {letter.to[0]: letter for letter in mailoutbox}
    # the editor who answered and the body's administrator; never another body's staff
    assert set(letters) == {"e@example.kg", "a@example.kg"}
    for letter in letters.values():
        assert "Көпүрө дагы эле жок" in letter.body
        assert f"/admin/plans/flags/{flag.pk}/" in letter.body
    assert "Группа мониторинга" in letters["a@example.kg"].subject  # Russian, as admin_a chose
    assert "Мониторинг тобу" in letters["e@example.kg"].subject  # the body's own, Kyrgyz
    client.force_login(editor_a)  # the staff's list marks it reopened
    row = (
        client.get("/admin/plans/flags/")
        .content.decode()
        .split(f"/admin/plans/flags/{flag.pk}/")[1]
    )
    assert "топ кайра ачты" in row.split("</tr>", 1)[0]


def test_no_letter_when_the_reopening_is_refused(flagged, editor_a, mailoutbox):
    *_rest, member, flag = flagged
    with pytest.raises(services.ValidationError):
        services.reopen_assessment(member=member, assessment=flag, note="Жок")  # still open
    assert mailoutbox == []
