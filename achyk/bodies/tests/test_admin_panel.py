"""The admin panel of bodies: platform admins create bodies, body admins manage their staff
and profile, editors work in their body only, supervisors read every body."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from achyk.bodies.models import Body, Membership
from achyk.bodies.roles import SUPERVISORS_GROUP
from achyk.bodies.tests import factories

User = get_user_model()


def sign_in(client, username, password=factories.PASSWORD):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def shown(text: str) -> str:
    """`text` as the admin shows it (in the platform's default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(text)


@pytest.fixture
def platform_admin(db):
    return User.objects.create_superuser("root", "root@example.kg", factories.PASSWORD)


@pytest.fixture
def supervisor(db):
    user = User.objects.create_user("ministry", "m@example.kg", factories.PASSWORD)
    user.groups.add(Group.objects.get(name=SUPERVISORS_GROUP))
    return user


def test_platform_admin_creates_a_body_and_it_gets_a_working_public_site(
    client, platform_admin, body_a
):
    client.force_login(platform_admin)
    response = client.post(
        reverse("bodies_admin:add"),
        {
            "territory": body_a.territory.pk, "kind": "ayil_okmotu", "country": "KG",
            "slug": "ak-tal", "name_ky": "Ак-Тал", "name_ru": "Ак-Тал (ру)",
            "languages": ["ky", "ru"], "default_language": "ky", "phone": "+996 312 000000",
        },
    )  # fmt: skip
    assert response.status_code == 302
    body = Body.objects.get(slug="ak-tal")
    assert body.site is not None and body.editors_group is not None
    home = client.get("/ak-tal/ru/")
    assert home.status_code == 200
    assert "Ак-Тал (ру)" in home.content.decode()
    listing = client.get(reverse("bodies_admin:index"), {"q": "ак-тал"}).content.decode()
    assert "Ак-Тал" in listing and "Бурана" not in listing
    assert body.admin_url() == reverse("bodies_admin:edit", args=[body.pk])


def test_create_body_form_refuses_a_reserved_address_and_missing_russian(
    client, platform_admin, body_a
):
    client.force_login(platform_admin)
    response = client.post(
        reverse("bodies_admin:add"),
        {"territory": body_a.territory.pk, "kind": "ayil_okmotu", "country": "KG",
         "slug": "admin", "name_ky": "Ак-Тал", "languages": ["ky"], "default_language": "ky"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Body.objects.filter(name_ky="Ак-Тал").exists()
    form = response.context["form"]
    assert "slug" in form.errors and "languages" in form.errors


def test_platform_admin_filters_bodies_by_territory(client, platform_admin, body_a, body_b):
    client.force_login(platform_admin)
    rayon = body_a.territory.parent
    html = client.get(reverse("bodies_admin:index"), {"territory": rayon.pk}).content.decode()
    assert "Бурана" in html  # both factories' bodies sit in the same rayon
    html = client.get(reverse("bodies_admin:index"), {"country": "KZ"}).content.decode()
    assert "Бурана" not in html


def test_body_admin_adds_an_editor_who_can_sign_in_and_sees_only_that_body(client, admin_a, body_b):
    client.force_login(admin_a)
    response = client.post(
        reverse("body_staff:add", args=[admin_a.membership.body.pk]),
        {"username": "aigul", "first_name": "Айгүл", "last_name": "Өмүрова",
         "email": "aigul@example.kg", "role": "editor", "password": "Жаңы-сырсөз-2025"},
    )  # fmt: skip
    assert response.status_code == 302
    staff = client.get(response["Location"]).content.decode()
    assert "Айгүл Өмүрова" in staff

    client.logout()
    assert sign_in(client, "aigul", "Жаңы-сырсөз-2025").status_code == 302
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Бурана (ky)" in dashboard
    assert "Көк-Жар" not in dashboard
    assert shown("Add news") in dashboard and shown("Upload document") in dashboard
    assert 'href="/burana/ru/"' in dashboard
    aigul = User.objects.get(username="aigul")
    assert aigul.membership.role == Membership.Role.EDITOR
    assert not aigul.is_superuser and not aigul.groups.filter(name=SUPERVISORS_GROUP).exists()


def test_staff_member_without_a_password_gets_an_invitation(client, admin_a):
    client.force_login(admin_a)
    client.post(
        reverse("body_staff:add", args=[admin_a.membership.body.pk]),
        {"username": "nurlan", "first_name": "Нурлан", "last_name": "Ү", "role": "editor",
         "email": "nurlan@example.kg", "password": ""},
    )  # fmt: skip
    nurlan = User.objects.get(username="nurlan")
    assert not nurlan.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nurlan@example.kg"]
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/admin/password_reset/" in line
    )
    assert client.get(link.replace("http://testserver", ""), follow=True).status_code == 200


def test_editor_cannot_open_staff_management(client, editor_a, admin_a):
    client.force_login(editor_a)
    body = editor_a.membership.body
    assert client.get(reverse("body_staff:index", args=[body.pk])).status_code == 403
    assert client.get(reverse("body_staff:add", args=[body.pk])).status_code == 403
    response = client.post(reverse("body_staff:deactivate", args=[admin_a.membership.pk]))
    assert response.status_code == 403
    admin_a.refresh_from_db()
    assert admin_a.is_active
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("body_staff:index", args=[body.pk]) not in dashboard


def test_body_admin_cannot_edit_another_bodys_staff(client, admin_a, editor_b):
    client.force_login(admin_a)
    other = editor_b.membership
    assert client.get(reverse("body_staff:index", args=[other.body.pk])).status_code == 404
    assert client.get(reverse("body_staff:role", args=[other.pk])).status_code == 404
    assert client.post(reverse("body_staff:deactivate", args=[other.pk])).status_code == 404
    response = client.post(reverse("body_staff:role", args=[other.pk]), {"role": "admin"})
    assert response.status_code == 404
    editor_b.refresh_from_db()
    assert editor_b.is_active and editor_b.membership.role == Membership.Role.EDITOR


def test_body_admin_changes_a_role_but_not_to_superuser(client, admin_a, editor_a):
    client.force_login(admin_a)
    url = reverse("body_staff:role", args=[editor_a.membership.pk])
    assert client.post(url, {"role": "superuser"}).status_code == 200  # an invalid choice
    assert client.post(url, {"role": "admin"}).status_code == 302
    editor_a.refresh_from_db()
    assert editor_a.membership.role == Membership.Role.ADMIN
    assert editor_a.groups.filter(pk=editor_a.membership.body.admins_group_id).exists()
    assert not editor_a.is_superuser


def test_deactivated_staff_cannot_sign_in_and_can_be_reactivated(client, admin_a, editor_a):
    client.force_login(admin_a)
    membership = editor_a.membership
    client.post(reverse("body_staff:deactivate", args=[membership.pk]))
    html = client.get(reverse("body_staff:index", args=[membership.body.pk])).content.decode()
    assert shown("Closed") in html
    client.logout()
    response = sign_in(client, "editor_a")
    assert response.status_code == 200  # the sign-in form again
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    client.force_login(admin_a)
    client.post(reverse("body_staff:reactivate", args=[membership.pk]))
    client.logout()
    assert sign_in(client, "editor_a").status_code == 302


def test_body_admin_edits_our_body_and_editor_only_reads_it(client, admin_a, editor_a, body_b):
    client.force_login(admin_a)
    url = reverse("our_body")
    form = client.get(url).content.decode()
    assert 'name="address_ky"' in form and 'name="hours_ru"' in form
    assert 'name="address_kk"' not in form and 'name="slug"' not in form
    response = client.post(
        url, {"head_name": "Асанов Үсөн", "phone": "+996 3131 22222", "email": "",
              "population": "12000", "address_ky": "Бурана айылы", "address_ru": "",
              "hours_ky": "", "hours_ru": "Пн-Пт 8:00-17:00", "slug": "hijack"},
    )  # fmt: skip
    assert response.status_code == 302
    body = Body.objects.get(pk=admin_a.membership.body.pk)
    assert body.head_name == "Асанов Үсөн" and body.population == 12000 and body.slug == "burana"
    assert "Пн-Пт 8:00-17:00" in client.get("/burana/ru/").content.decode()

    client.force_login(editor_a)
    page = client.get(url).content.decode()
    assert "Асанов Үсөн" in page and "<form" not in page.split('id="main"')[-1].split("</main>")[0]
    assert client.post(url, {"head_name": "x"}).status_code == 403


def test_supervisor_sees_all_bodies_read_only_and_gets_403_on_edit(
    client, supervisor, body_a, body_b, editor_a
):
    client.force_login(supervisor)
    listing = client.get(reverse("bodies_admin:index")).content.decode()
    assert "Бурана" in listing and "Көк-Жар" in listing
    assert 'href="/burana/ky/"' in listing
    assert reverse("bodies_admin:inspect", args=[body_a.pk]) in listing
    assert reverse("bodies_admin:edit", args=[body_a.pk]) not in listing
    inspect = client.get(reverse("bodies_admin:inspect", args=[body_b.pk]))
    assert inspect.status_code == 200 and "Көк-Жар" in inspect.content.decode()
    assert client.get(reverse("bodies_admin:edit", args=[body_a.pk])).status_code == 403
    assert client.post(reverse("bodies_admin:edit", args=[body_a.pk]), {}).status_code == 403
    assert client.get(reverse("bodies_admin:add")).status_code == 403
    staff = client.get(reverse("body_staff:index", args=[body_a.pk])).content.decode()
    assert "editor_a" in staff and shown("Close access") not in staff
    home = body_a.site.root_page
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code in (302, 403)


def test_body_staff_cannot_open_the_bodies_or_territory_admin(client, admin_a):
    client.force_login(admin_a)
    assert client.get(reverse("bodies_admin:index")).status_code in (403, 302)
    assert client.get(
        reverse("bodies_admin:edit", args=[admin_a.membership.body.pk])
    ).status_code in (403, 404)
    assert client.get(reverse("territory:index")).status_code in (403, 302)
