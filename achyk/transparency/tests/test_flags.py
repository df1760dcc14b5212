"""JMEG members flag evidence on the public page; the body's staff see and answer the flags;
the answer is public. Members are registered by the body's admins and have no admin access."""

import pytest
import time_machine
from django.contrib.auth import get_user_model

from achyk.bodies.tests.factories import PASSWORD
from achyk.transparency import flags as flag_services
from achyk.transparency.followup import EvidenceFlag, JmegMember

from . import scored


@pytest.fixture
def world(provider, body_a, body_b):
    with time_machine.travel(scored.NOW, tick=False):
        scored.scored(provider, body_a, body_b)
    return body_a


def member_of(body, username):
    return flag_services.register_jmeg_member(
        body=body, username=username, first_name="Нурлан", last_name="Үсөнов",
        email=f"{username}@example.kg", password=PASSWORD, by=None,
    )  # fmt: skip


FLAG = {
    "duty_code": "news", "evidence_url": "/burana/ky/news/jangylyk/", "kind": "incomplete",
    "comment": "Сүрөт жок <script>alert(1)</script>",
}  # fmt: skip


def test_member_signs_in_on_the_public_site_and_flags_a_piece_of_evidence(client, world):
    member_of(world, "nurlan")
    response = client.post(
        "/burana/ky/login/",
        {"username": "nurlan", "password": PASSWORD, "next": "/burana/ky/transparency/"},
    )
    assert response.status_code == 302 and response["Location"] == "/burana/ky/transparency/"
    page = client.get("/burana/ky/transparency/").content.decode()
    assert page.count('action="/burana/ky/transparency/flag/"') == 3  # one form per duty

    response = client.post("/burana/ky/transparency/flag/", FLAG)

    flag = EvidenceFlag.objects.get()
    assert (flag.body, flag.duty_code, flag.language, flag.kind) == (
        world,
        "news",
        "ky",
        "incomplete",
    )
    assert flag.evidence_title == "Жаңылык <b>ө</b>" and flag.author.username == "nurlan"
    assert response["Location"] == f"/burana/ky/transparency/#flag-{flag.pk}"
    page = client.get("/burana/ky/transparency/").content.decode()
    assert f'id="flag-{flag.pk}"' in page and "Сүрөт жок &lt;script&gt;" in page


def test_member_without_a_next_address_lands_on_the_bodys_page(client, world):
    member_of(world, "nurlan")
    response = client.post("/ru/login/", {"username": "nurlan", "password": PASSWORD})
    assert response["Location"] == "/burana/ru/transparency/"


def test_wrong_password_is_refused_with_a_message_and_no_sign_in(client, world):
    member_of(world, "nurlan")
    response = client.post("/burana/ky/login/", {"username": "nurlan", "password": "nope"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_member_has_no_admin_access(client, world):
    member = member_of(world, "nurlan")
    assert not member.user.is_staff and not member.user.groups.exists()
    client.force_login(member.user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("who", ["anonymous", "other_member", "editor"])
def test_only_members_of_the_body_may_flag_it(client, world, body_b, editor_a, who):
    users = {"other_member": lambda: member_of(body_b, "other").user, "editor": lambda: editor_a}
    if who in users:
        client.force_login(users[who]())
    response = client.post("/burana/ky/transparency/flag/", FLAG)
    assert response.status_code == 403 and not EvidenceFlag.objects.exists()


def test_a_flag_without_a_comment_or_on_unknown_evidence_is_answered_with_the_form(client, world):
    client.force_login(member_of(world, "nurlan").user)

    empty = client.post("/burana/ky/transparency/flag/", {**FLAG, "comment": "  "})
    foreign = client.post(
        "/burana/ky/transparency/flag/", {**FLAG, "evidence_url": "https://evil.example/"}
    )
    unknown = client.post("/burana/ky/transparency/flag/", {**FLAG, "duty_code": "no-such-duty"})

    assert empty.status_code == foreign.status_code == unknown.status_code == 400
    assert not EvidenceFlag.objects.exists()
    page = foreign.content.decode()
    assert 'role="alert"' in page and "Сүрөт жок" in page  # the comment is kept
    assert '<details class="flag-form" open>' in page


def test_staff_see_the_flag_answer_it_and_the_answer_is_public(client, world, editor_a):
    member = member_of(world, "nurlan")
    flag = flag_services.flag_evidence(
        member=member, duty_code="news", language="ky", evidence_url="/burana/ky/news/jangylyk/",
        evidence_title="Жаңылык", kind="wrong", comment="Дата туура эмес",
    )  # fmt: skip
    client.force_login(editor_a)
    listing = client.get("/admin/transparency/flags/").content.decode()
    assert "Дата туура эмес" in listing and f"/admin/transparency/flags/{flag.pk}/" in listing

    response = client.post(f"/admin/transparency/flags/{flag.pk}/", {"answer": "Оңдолду, рахмат."})

    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.answer == "Оңдолду, рахмат." and flag.answered_by == editor_a
    client.logout()
    page = client.get("/burana/ru/transparency/").content.decode()
    assert "Оңдолду, рахмат." in page and "Дата туура эмес" in page


def test_staff_of_another_body_and_supervisors_cannot_answer(client, world, editor_b):
    from django.contrib.auth.models import Group

    flag = flag_services.flag_evidence(
        member=member_of(world, "nurlan"), duty_code="news", language="ky", evidence_url="",
        evidence_title="", kind="wrong", comment="Мындай токтом жок",
    )  # fmt: skip
    client.force_login(editor_b)
    assert client.get(f"/admin/transparency/flags/{flag.pk}/").status_code == 404
    assert client.post(f"/admin/transparency/flags/{flag.pk}/", {"answer": "x"}).status_code == 404
    assert "Мындай токтом жок" not in client.get("/admin/transparency/flags/").content.decode()

    supervisor = get_user_model().objects.create_user("inspector", password=PASSWORD)
    supervisor.groups.add(Group.objects.get(name="Supervisors"))
    client.force_login(supervisor)
    assert client.get(f"/admin/transparency/flags/{flag.pk}/").status_code == 200
    assert client.post(f"/admin/transparency/flags/{flag.pk}/", {"answer": "x"}).status_code == 403
    flag.refresh_from_db()
    assert flag.answer == ""


def test_body_admin_registers_a_member_and_closes_access(client, world, admin_a, editor_a):
    client.force_login(editor_a)
    assert client.get("/admin/transparency/jmeg/add/").status_code == 403
    client.force_login(admin_a)
    data = {"username": "aigul", "first_name": "Айгүл", "last_name": "Өмүрова",
            "email": "aigul@example.kg", "password": PASSWORD}  # fmt: skip

    response = client.post("/admin/transparency/jmeg/add/", data)

    assert response.status_code == 302
    member = JmegMember.objects.get()
    assert member.body == world and member.added_by == admin_a and not member.user.is_staff
    again = client.post("/admin/transparency/jmeg/add/", {**data, "password": "1"})
    assert again.status_code == 200 and JmegMember.objects.count() == 1
    client.post(f"/admin/transparency/jmeg/{member.pk}/access/", {"active": "0"})
    member.user.refresh_from_db()
    assert not member.user.is_active


def test_admin_of_another_body_cannot_close_a_members_access(client, world, body_b):
    from achyk.bodies.models import Membership
    from achyk.bodies.tests.factories import staff

    member = member_of(world, "nurlan")
    client.force_login(staff(body_b, role=Membership.Role.ADMIN))
    assert (
        client.post(f"/admin/transparency/jmeg/{member.pk}/access/", {"active": "0"}).status_code
        == 404
    )
    member.user.refresh_from_db()
    assert member.user.is_active
