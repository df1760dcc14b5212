"""A page's breadcrumbs in the admin begin at the body's home for its staff, not at the
tree's root ("Achyk"), which their explorer never opens; a platform admin keeps the root."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

from achyk.content import models as content
from achyk.content.tests import factories as f


def trail(html) -> list[tuple[str, str]]:
    """(address, label) of each item of the header's breadcrumbs."""
    nav = re.search(r'<nav[^>]*aria-label="[^"]*"[^>]*>\s*<ol(.*?)</ol>', html, re.S)
    assert nav, "no breadcrumbs"
    items = re.findall(r"<li[^>]*>(.*?)</li>", nav[1], re.S)
    found = []
    for item in items:
        link = re.search(r'href="([^"]*)"', item)
        label = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip()
        found.append((link[1] if link else "", label))
    return found


def test_staff_see_the_trail_begin_at_their_body_s_home(client, body_a, body_b, editor_a):
    news = f.news(body_a, "ky", title="Суу түтүгү", slug="suu")
    home = body_a.site.root_page
    client.force_login(editor_a)

    for url in (
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        reverse("wagtailadmin_explore", args=[news.get_parent().pk]),
        reverse("wagtailadmin_pages:add", args=["content", "newspage", news.get_parent().pk]),
    ):
        items = trail(client.get(url).content.decode())
        assert items[0] == (reverse("wagtailadmin_explore", args=[home.pk]), home.title), url
        assert Page.get_first_root_node().title not in [label for _url, label in items]
        assert reverse("wagtailadmin_explore_root") not in [link for link, _label in items]


def test_a_platform_admin_keeps_the_tree_s_root(client, body_a):
    index = f.section(body_a, "ky", content.NewsIndexPage)
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.kg", "x"))

    items = trail(client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode())

    assert items[0][0] == reverse("wagtailadmin_explore_root")
