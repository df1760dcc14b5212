"""Screens of our own (not viewsets') show their title as the page's visible header, not
only as a heading for screen readers."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from achyk.bodies.roles import SUPERVISORS_GROUP


def visible_title(page: str) -> str:
    """The text of the page's visible header (Wagtail's `w-header__title`), or ""."""
    found = re.search(r'<h1 class="w-header__title"[^>]*>(.*?)</h1>', page, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""


def test_our_screens_show_their_title_as_the_visible_header(client, body_a, body_b, admin_a,
                                                            editor_a):  # fmt: skip
    client.force_login(admin_a)
    member = editor_a.membership.pk
    for url in (
        "/admin/transparency/todo/", "/admin/transparency/flags/", "/admin/transparency/jmeg/",
        "/admin/transparency/jmeg/add/", reverse("our_body"),
        reverse("body_staff:index", args=[body_a.pk]), reverse("body_staff:add", args=[body_a.pk]),
        reverse("body_staff:role", args=[member]), reverse("body_staff:deactivate", args=[member]),
        reverse("documents_import"),
    ):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        header = visible_title(page)
        assert header, url
        page_title = title.rsplit(" - ", 1)[0].split(":")[0].strip()  # "<title>: <subtitle> - …"
        assert page_title and page_title in header, (url, header, title)
        assert '<h1 class="w-sr-only">' not in page, url


def test_a_supervisor_s_screen_too(client, body_a, body_b):
    supervisor = get_user_model().objects.create_user("inspector", password="x-Long-pass-2026")
    supervisor.groups.add(Group.objects.get(name=SUPERVISORS_GROUP))
    client.force_login(supervisor)
    page = client.get(f"/admin/transparency/todo/{body_a.pk}/").content.decode()
    assert body_a.name in visible_title(page)
