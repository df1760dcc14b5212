"""Every page carries a Content-Security-Policy: public pages allow nothing inline, no plugins
and framing by the platform only; the admin adds only what Wagtail's admin needs (inline
styles, previews of uploads), never an inline script."""

import pytest

from achyk.bodies.tests.factories import PASSWORD
from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.ui.tests.inline import inline_scripts


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "url", ["/", "/burana/ky/", "/ky/search/?q=бюджет", "/ky/registry/", "/ky/login/", "/nope/"]
)
def test_public_pages_allow_no_inline_script_no_plugin_and_no_foreign_frame(client, body_a, url):
    directives = policy(client.get(url, follow=True))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]


def test_cached_public_pages_carry_the_policy_too(client, body_a):
    first, second = client.get("/burana/ky/"), client.get("/burana/ky/")
    assert second["X-Cache"] == "hit"
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]


ADMIN_URLS = ["/admin/login/", "/admin/", "/admin/pages/", "/admin/images/chooser/"]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_the_admin_allows_no_inline_script_and_keeps_the_rest(client, editor_a, url):
    client.post("/admin/login/", {"username": editor_a.username, "password": PASSWORD})
    directives = policy(client.get(url))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert not any("nonce" in value for values in directives.values() for value in values)


def test_a_page_edit_form_starts_its_widgets_by_the_admin_s_script(client, editor_a, body_a):
    """The editor's date pickers, inline panel and image choosers come as carriers that
    ui/admin-init.js starts, and that script is on the page."""
    index = f.section(body_a, "ky", content.GalleryIndexPage)
    client.force_login(editor_a)
    response = client.get(f"/admin/pages/add/content/gallerypage/{index.pk}/")
    html = response.content.decode()
    assert inline_scripts(html) == []
    assert 'src="/static/ui/admin-init.js"' in html
    for call in ("inline-panel", "datetime", "chooser"):
        assert f'data-achyk-init="{call}"' in html, call


def test_uploads_on_another_host_are_allowed_as_images(settings, client, body_a):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": ["'self'", "data:", "https://media.achyk.example"],
        }
    }
    assert "https://media.achyk.example" in policy(client.get("/burana/ky/"))["img-src"]


def test_a_policy_changed_in_settings_is_the_one_sent_after_the_first_page(
    client, body_a, settings
):
    """The policy is built once and kept; a change of the settings is seen at once."""
    assert policy(client.get("/ky/registry/"))["img-src"] != ["'self'", "data:", "blob:"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                       "img-src": ["'self'", "data:", "blob:"]},
    }  # fmt: skip
    assert policy(client.get("/ky/registry/"))["img-src"] == ["'self'", "data:", "blob:"]


def test_a_view_s_own_policy_is_sent_for_its_answer_only(rf):
    """A view that changes the policy (django-csp's decorators) gets its own header; the next
    answer gets the one built from the settings."""
    from csp.decorators import csp_update
    from django.http import HttpResponse

    from achyk.ui.security import ContentSecurityPolicyMiddleware

    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("plain"))
    widened = ContentSecurityPolicyMiddleware(
        csp_update({"img-src": ["https://tiles.example"]})(lambda request: HttpResponse("map"))
    )
    before = plain(rf.get("/ky/"))["Content-Security-Policy"]
    special = widened(rf.get("/ky/map/"))["Content-Security-Policy"]
    after = plain(rf.get("/ky/"))["Content-Security-Policy"]
    assert "https://tiles.example" in special
    assert before == after and "https://tiles.example" not in after
