"""The seal is not "everything 404": staff reach their own body; supervisors read every body
and change none; platform admins see everything. Choosers and the explorer's API list the
user's own body only."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from achyk.bodies.services import grant_supervisor_reading


@pytest.fixture
def worlds(isolation_worlds):
    """Body A's and body B's marked content, built once for the tests that read it."""
    return isolation_worlds


def own_routes(world):
    return [
        f"/admin/pages/{world.draft.pk}/edit/",
        f"/admin/pages/{world.news_index.pk}/",
        f"/admin/pages/{world.draft.pk}/revisions/{world.revision.pk}/view/",
        f"/admin/pages/{world.draft.pk}/history/",
        f"/admin/images/{world.image.pk}/",
        f"/admin/documents/edit/{world.document.pk}/",
        f"/admin/forms/submissions/{world.form_page.pk}/",
        f"/admin/choose-page/{world.news_index.pk}/",
        f"/admin/api/main/pages/{world.draft.pk}/",
        f"/admin/api/main/images/{world.image.pk}/",
    ]


@pytest.mark.parametrize("index", range(10))
def test_editor_reaches_own_body_s_objects(client, worlds, editor_a, index):
    world_a, _world_b = worlds
    client.force_login(editor_a)
    response = client.get(own_routes(world_a)[index])
    assert response.status_code == 200


def test_body_admin_manages_own_staff_only(client, worlds, admin_a, body_a, body_b):
    client.force_login(admin_a)
    assert client.get(f"/admin/staff/{body_a.pk}/").status_code == 200
    assert client.get(f"/admin/staff/{body_b.pk}/").status_code == 404
    assert client.get("/admin/users/").status_code == 403


def test_seal_reads_each_staff_route_s_pk_as_the_model_its_view_serves(db):
    from django.urls import resolve

    from achyk.bodies.models import Body, Membership
    from achyk.bodies.seal import route_model

    for url, model in (
        ("/admin/staff/7/", Body),
        ("/admin/staff/7/add/", Body),
        ("/admin/staff/member/7/role/", Membership),
        ("/admin/staff/member/7/deactivate/", Membership),
    ):
        match = resolve(url)
        assert route_model(match, match.func) is model, url


def test_page_chooser_and_explorer_api_list_own_pages_only(client, worlds, editor_a):
    world_a, _world_b = worlds
    client.force_login(editor_a)
    root = Page.get_first_root_node()
    api = client.get("/admin/api/main/pages/", {"child_of": root.pk, "for_explorer": 1}).json()
    titles = [item["title"] for item in api["items"]]
    assert world_a.home.title in titles and not any("Көк-Жар" in title for title in titles)
    chooser = client.get(f"/admin/choose-page/{root.pk}/").json()["html"]
    assert "Бурана" in chooser and "Көк-Жар" not in chooser
    # The chooser's search answers an HTML fragment (the results table), not JSON.
    search = client.get("/admin/choose-page/search/", {"q": "draft"}).content.decode()
    assert "SEKRETA" in search and "SEKRETB" not in search


def test_image_and_document_choosers_list_own_only(client, worlds, editor_a):
    client.force_login(editor_a)
    for url in (
        "/admin/images/chooser/",
        "/admin/documents/chooser/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/api/main/images/",
        "/admin/api/main/documents/",
    ):
        html = client.get(url).content.decode()
        assert "SEKRETA" in html and "SEKRETB" not in html, url


@pytest.fixture
def supervisor(platform):
    grant_supervisor_reading()
    user = get_user_model().objects.create_user(username="inspector", password="x-Бурана-42")
    user.groups.add(grant_supervisor_reading())
    return user


def test_supervisor_reads_every_body(client, worlds, supervisor):
    _world_a, world_b = worlds
    client.force_login(supervisor)
    assert "SEKRETB" in client.get(f"/admin/pages/{world_b.draft.pk}/edit/").content.decode()
    assert "SEKRETB" in client.get("/admin/images/").content.decode()
    assert "SEKRETB" in client.get("/admin/documents/").content.decode()


def test_supervisor_changes_nothing(client, worlds, supervisor):
    _world_a, world_b = worlds
    client.force_login(supervisor)
    edit = client.post(f"/admin/pages/{world_b.draft.pk}/edit/", {"title": "HACKED"})
    delete = client.post(f"/admin/images/{world_b.image.pk}/delete/")
    lock = client.post(f"/admin/pages/{world_b.published.pk}/lock/")
    assert (edit.status_code, delete.status_code, lock.status_code) == (403, 403, 403)
    world_b.draft.refresh_from_db()
    assert "HACKED" not in world_b.draft.draft_title
    assert world_b.image.__class__.objects.filter(pk=world_b.image.pk).exists()


def test_platform_admin_sees_every_body(client, worlds):
    _world_a, world_b = worlds
    admin = get_user_model().objects.create_superuser("root", "root@example.kg", "x-Бурана-42")
    client.force_login(admin)
    assert client.get(f"/admin/pages/{world_b.draft.pk}/edit/").status_code == 200
    html = client.get("/admin/images/").content.decode()
    assert "SEKRETA" in html and "SEKRETB" in html


def test_tags_of_a_body_are_its_own(client, worlds, editor_a):
    world_a, world_b = worlds
    world_a.image.tags.add("sekreta-only-tag")
    world_a.document.tags.add("sekreta-doc-tag")
    world_b.image.tags.add("sekretb-only-tag")
    world_b.document.tags.add("sekretb-doc-tag")
    client.force_login(editor_a)
    # The full pages offer the tag filter; the results fragments must not leak either.
    for url in ("/admin/images/", "/admin/images/chooser/"):
        html = client.get(url).content.decode()
        assert "sekreta-only-tag" in html and "sekretb-only-tag" not in html, url
    html = client.get("/admin/documents/").content.decode()
    assert "sekreta-doc-tag" in html and "sekretb-doc-tag" not in html
    for url in ("/admin/images/results/", "/admin/documents/results/"):
        html = client.get(url).content.decode()
        assert "sekretb" not in html, url


def test_tag_autocompletion_offers_own_tags_only(client, worlds, editor_a):
    world_a, world_b = worlds
    world_a.image.tags.add("sekreta-own")
    world_b.image.tags.add("sekretb-own")
    client.force_login(editor_a)
    assert client.get("/admin/tag-autocomplete/", {"term": "sekret"}).json() == ["sekreta-own"]
