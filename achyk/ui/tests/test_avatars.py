"""Avatars are the user's initials drawn in the page: no admin page asks an outside service
(Gravatar is off) for a picture."""

import base64
import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from achyk.bodies.services import body_home_pages

#: What a page loads by itself: pictures (an avatar's `src`, the sidebar's `avatarUrl`).
OUTSIDE = re.compile(
    r"""(?:src|srcset|avatarUrl)(?:=|&quot;:\s*&quot;|":\s*")\s*["']?((?:https?:)?//[^"'&\s>]+)"""
)
AVATAR_HOSTS = ("gravatar", "libravatar", "avatars.")


def outside_addresses(page: str) -> list[str]:
    """Addresses of other hosts the page loads (our own are relative)."""
    return [url for url in OUTSIDE.findall(page) if "testserver" not in url]


def avatars(page: str) -> list[str]:
    """The SVGs of the page's avatars, decoded."""
    found = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page)
    return [base64.b64decode(value).decode() for value in found]


def test_no_admin_page_asks_an_outside_avatar_service(client, settings, body_a, body_b, editor_a):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    editor_a.first_name, editor_a.last_name = "Айгүл", "Өмүрова"
    editor_a.email = "aigul@example.org"  # what Gravatar would be asked about
    editor_a.save()
    admin = get_user_model().objects.create_superuser(
        "root-admin", email="root@example.org", password="x-Long-pass-2026"
    )
    home = body_home_pages(body_a).first()
    for user, addresses in (
        (editor_a, ["/admin/", "/admin/account/", reverse("wagtailadmin_explore", args=[home.pk]),
                    reverse("wagtailadmin_pages:edit", args=[home.pk]),
                    "/admin/transparency/todo/"]),
        (admin, ["/admin/", "/admin/users/", "/admin/pages/", "/admin/account/"]),
    ):  # fmt: skip
        client.force_login(user)
        for address in addresses:
            page = client.get(address, follow=True).content.decode()
            assert not any(host in page.lower() for host in AVATAR_HOSTS), address
            assert outside_addresses(page) == [], address
    client.force_login(editor_a)
    drawn = avatars(client.get("/admin/").content.decode())
    assert drawn and all("АӨ" in svg for svg in drawn)


def test_a_user_without_names_gets_the_first_letter_of_the_user_name(client, body_a, editor_a):
    editor_a.first_name = editor_a.last_name = ""
    editor_a.save()
    client.force_login(editor_a)
    drawn = avatars(client.get("/admin/").content.decode())
    assert drawn and all(">E<" in svg for svg in drawn)
