"""Closing a staff member's access is asked first: the staff list links to a page that says
what closing does, and only its POST closes; the same walls as the staff list stand."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from achyk.bodies.roles import SUPERVISORS_GROUP


def forms_posting_to(page: str, url: str) -> list[str]:
    return re.findall(rf'<form[^>]*action="{re.escape(url)}"[^>]*>', page)


def test_closing_access_asks_first_and_only_a_post_closes(client, body_a, body_b, admin_a,
                                                          editor_a):  # fmt: skip
    client.force_login(admin_a)
    close = reverse("body_staff:deactivate", args=[editor_a.membership.pk])
    staff = client.get(reverse("body_staff:index", args=[body_a.pk])).content.decode()
    assert f'href="{close}"' in staff and forms_posting_to(staff, close) == []
    page = client.get(close)
    assert page.status_code == 200
    text = page.content.decode()
    assert editor_a.get_username() in text
    assert len(forms_posting_to(text, close)) == 1 and 'method="post"' in text
    assert reverse("body_staff:index", args=[body_a.pk]) in text  # the way back
    editor_a.refresh_from_db()
    assert editor_a.is_active  # asking changed nothing
    assert client.post(close).status_code == 302
    editor_a.refresh_from_db()
    assert not editor_a.is_active
    again = client.get(close).content.decode()
    assert forms_posting_to(again, close) == []  # already closed: nothing to confirm


def test_own_access_offers_no_button(client, body_a, body_b, admin_a):
    client.force_login(admin_a)
    own = reverse("body_staff:deactivate", args=[admin_a.membership.pk])
    assert forms_posting_to(client.get(own).content.decode(), own) == []
    client.post(own)
    admin_a.refresh_from_db()
    assert admin_a.is_active


def test_the_confirm_page_has_the_staff_list_s_walls(client, body_a, body_b, editor_a, admin_a,
                                                      editor_b):  # fmt: skip
    close = reverse("body_staff:deactivate", args=[editor_a.membership.pk])
    client.force_login(editor_a)  # an editor does not manage staff
    assert client.get(close).status_code == 403
    client.force_login(editor_b)  # another body's staff: as if it did not exist
    assert client.get(close).status_code == 404
    supervisor = get_user_model().objects.create_user("inspector", password="x-Long-pass-2026")
    supervisor.groups.add(Group.objects.get(name=SUPERVISORS_GROUP))
    client.force_login(supervisor)
    assert client.get(close).status_code == 403
    editor_a.refresh_from_db()
    assert editor_a.is_active
