"""No server error anywhere staff go: each demo login opens every admin list, and the edit,
inspect and detail page of every object of the demo it reaches (and of one it does not), and
every other admin route (history, usage, revisions, confirmations, choosers, exports) with one
object, the platform admin with one object of each kind (`walk.py` says why).

The demo is built once for the module (`demo`, in conftest.py), with two of its bodies: Burana
and Kok-Jar, the bodies of the demo logins; it is undone when the module ends. The addresses
come from `walk.admin_walk`, made once per login; each login's walk is opened in `PARTS`
tests of every PARTS-th address, which together open every address, so that the parallel
test workers share it.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import resolve
from wagtail.models import Page

from achyk.bodies.seal_hooks import own_pages_q
from achyk.demo.services import LOGINS
from achyk.ui.tests.hostile import server_errors
from achyk.ui.tests.inline import html_of, inline_scripts

from .walk import admin_walk

#: Each login's walk is opened in this many tests, each a slice of every PARTS-th address.
PARTS = 4
#: The login whose walk is also read for inline scripts: the platform admin, who opens every
#: route with every object of the demo.
INLINE_SCRIPT_LOGIN = "admin"
#: A yes-or-no value printed as Python's word in a table cell or a definition ("True", "None").
RAW_VALUE = re.compile(r"<(td|dd)\b[^>]*>\s*(True|False|None)\s*</(td|dd)>")


@pytest.fixture(scope="module")
def walks(demo):
    """Each login's walk, made once for the module: `walks(username)`."""
    made = {}

    def walk_of(username):
        if username not in made:
            made[username] = admin_walk(login(username))
        return made[username]

    return walk_of


def login(username):
    return get_user_model().objects.get(username=username)


def test_the_walk_opens_every_kind_of_admin_page(walks, db):
    walk = walks("admin")
    assert len(walk.urls) > 500
    for place in ("/admin/pages/", "/edit/", "/admin/budget/", "/admin/forms/submissions/",
                  "/admin/bodies/inspect/", "/admin/acts/edit/", "?export=xlsx"):  # fmt: skip
        assert any(place in url for url in walk.urls), place


def test_body_staff_open_every_object_of_their_body_and_one_of_another_body(walks, db):
    """An object's own page (here a page's edit screen) is opened for every page of the
    editor's body, and for one page of another body: the seal refuses them all alike, and
    the isolation proof aims every route at every kind of another body's objects."""
    edited = {
        match.kwargs["page_id"] for match in routes(walks("burana-editor"))
        if match.view_name == "wagtailadmin_pages:edit"
    }  # fmt: skip
    assert pages_of("burana-editor") <= edited
    assert len(pages_of("kokjar-editor") & edited) == 1


def test_the_platform_admin_opens_the_other_routes_with_each_kind_and_others_with_one(walks, db):
    """Other routes (here a page's history) take one object of each kind (each page type)
    for the platform admin, one for any other login, of another kind from route to route, so
    that a login's walk meets every page type it reaches."""
    page_types = set(Page.objects.values_list("content_type", flat=True))

    def histories(username):
        return [
            match.kwargs["page_id"] for match in routes(walks(username))
            if match.view_name == "wagtailadmin_pages:history"
        ]  # fmt: skip

    assert types_of(histories("admin")) == page_types
    assert len(histories("burana-editor")) == 1
    met = [
        match.kwargs["page_id"] for match in routes(walks("burana-editor"))
        if "page_id" in match.kwargs and match.view_name != "wagtailadmin_pages:edit"
    ]  # fmt: skip
    assert types_of(pages_of("burana-editor")) <= types_of(met)


def pages_of(username: str) -> set[int]:
    """The pks of the pages of the body of `username`, in every language."""
    pages = Page.objects.filter(own_pages_q(login(username)))
    return set(pages.values_list("pk", flat=True))


def types_of(page_ids) -> set[int]:
    """The page types (content type pks) of the pages `page_ids`, read in one query."""
    pages = Page.objects.filter(pk__in=set(page_ids))
    return set(pages.values_list("content_type", flat=True))


def routes(walk) -> list:
    """The resolved route of each address of `walk`."""
    return [resolve(urlsplit(url).path) for url in walk.urls]


def test_the_parts_of_a_walk_together_open_every_address_once():
    urls = [f"/admin/{number}/" for number in range(23)]
    parts = [part_of(urls, part) for part in range(PARTS)]
    assert sorted(url for part in parts for url in part) == sorted(urls)


def part_of(urls: list[str], part: int) -> list[str]:
    return urls[part::PARTS]


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("username", [login.username for login in LOGINS])
def test_no_admin_page_answers_a_demo_login_with_a_server_error(client, walks, db, username, part):
    """No server error for any login; and, in the same pass over the platform admin's walk
    (every admin route, each object of the demo), no inline script: the admin's policy forbids
    them (achyk/ui/admin_scripts.py), on a page of the walk or in the HTML of a modal step
    (choosers, their upload forms); and no raw "True", "False" or "None" where staff read a
    value."""
    user = login(username)
    urls = part_of(walks(username).urls, part)
    client.force_login(user)
    scripts, raw = {}, {}

    def look_for_inline_scripts(url, response):
        for html in html_of(response):
            for script in inline_scripts(html):
                scripts.setdefault(script, url)
            for found in RAW_VALUE.finditer(html):
                raw.setdefault(url, found.group(0))

    each = look_for_inline_scripts if username == INLINE_SCRIPT_LOGIN else None
    failures = server_errors(client, urls, each=each)
    assert failures == [], f"{len(failures)} of {len(urls)} addresses failed"
    assert scripts == {}, "\n".join(f"{url}: {script}" for script, url in scripts.items())
    assert raw == {}, "\n".join(f"{url}: {cell}" for url, cell in raw.items())
