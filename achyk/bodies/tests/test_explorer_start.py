"""A body's staff start the page explorer at their body's home page, never at Wagtail's
"Root": the sidebar's "Pages" and the root's address both lead there, in the staff member's
admin language; platform admins keep the whole tree."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from achyk.bodies.services import body_home_pages


def home(body, language):
    return body_home_pages(body).get(locale__language_code=language)


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_pages_in_the_sidebar_open_the_body_s_home_page(client, body_a, body_b, editor_a):
    client.force_login(editor_a)
    page = client.get("/admin/").content.decode()
    own = reverse("wagtailadmin_explore", args=[home(body_a, "ky").pk])
    assert f'"url": "{own}"' in page or f"&quot;url&quot;: &quot;{own}&quot;" in page
    root = reverse("wagtailadmin_explore_root")
    assert f'"url": "{root}"' not in page and f"&quot;url&quot;: &quot;{root}&quot;" not in page


def test_the_root_sends_staff_to_their_home_in_their_language(client, body_a, body_b, editor_a,
                                                               editor_b):  # fmt: skip
    client.force_login(editor_a)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[home(body_a, "ky").pk])
    listing = client.get(response["Location"])
    assert listing.status_code == 200
    assert "Көк-Жар" not in listing.content.decode()
    speaks(editor_a, "ru")
    response = client.get("/admin/pages/")
    assert response["Location"] == reverse("wagtailadmin_explore", args=[home(body_a, "ru").pk])
    client.force_login(editor_b)
    response = client.get("/admin/pages/")
    assert response["Location"] == reverse("wagtailadmin_explore", args=[home(body_b, "ky").pk])
    search = client.get("/admin/pages/", {"q": "Көк"})  # a search of all their pages stays
    assert search.status_code == 200


def test_platform_admins_keep_the_whole_tree(client, body_a, body_b):
    admin = get_user_model().objects.create_superuser("root-admin", password="x-Long-pass-2026")
    client.force_login(admin)
    response = client.get("/admin/pages/")
    assert response.status_code == 200
    page = response.content.decode()
    assert str(home(body_a, "ky").title) in page and str(home(body_b, "ky").title) in page
