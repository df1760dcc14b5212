"""A new body's groups and what they may do (bodies.services.create_body): Wagtail's
permissions on each language version of its home page and on its collection, granted in bulk
and safe to grant again, with the staff menus that show them forgotten at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from achyk.bodies.services import (
    ADMIN_COLLECTION_PERMISSIONS,
    ADMIN_PAGE_PERMISSIONS,
    EDITOR_COLLECTION_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    body_home_pages,
    grant_page_permissions,
)

from . import factories
from .test_sidebar import menu_of, pages_of


def page_grants(body) -> set[tuple[str, str, str]]:
    """(group, language of the home page, codename) of every page permission on its homes."""
    return set(
        GroupPagePermission.objects.filter(page__in=body_home_pages(body)).values_list(
            "group__name", "page__locale__language_code", "permission__codename"
        )
    )


def test_a_new_body_s_groups_hold_their_permissions_on_its_pages_and_its_collection(body_a):
    body = factories.body(slug="ak-tal", name="Ак-Тал")
    roles = {"editors": EDITOR_PAGE_PERMISSIONS, "admins": ADMIN_PAGE_PERMISSIONS}
    assert page_grants(body) == {
        (f"ak-tal: {role}", language, codename)
        for role, codenames in roles.items()
        for language in ("ky", "ru")
        for codename in codenames
    }
    collection = set(
        GroupCollectionPermission.objects.filter(collection=body.collection).values_list(
            "group__name", "permission__content_type__app_label", "permission__codename"
        )
    )
    assert collection == {("ak-tal: editors", *pair) for pair in EDITOR_COLLECTION_PERMISSIONS} | {
        ("ak-tal: admins", *pair) for pair in ADMIN_COLLECTION_PERMISSIONS
    }
    for group in (body.editors_group, body.admins_group):
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert codenames == {"access_admin", "submit_translation"}


def test_granting_again_adds_only_what_is_missing_reading_the_permissions_once(body_a):
    granted = page_grants(body_a)
    with CaptureQueriesContext(connection) as queries:
        grant_page_permissions(body_a)
    assert page_grants(body_a) == granted
    sql = [query["sql"] for query in queries.captured_queries]
    assert len([text for text in sql if 'FROM "auth_permission"' in text]) == 1
    assert not [text for text in sql if text.startswith('INSERT INTO "wagtailcore_grouppage')]
    GroupPagePermission.objects.filter(
        group=body_a.editors_group, permission__codename="publish_page"
    ).delete()
    assert len(page_grants(body_a)) == len(granted) - 2  # in Kyrgyz and in Russian
    grant_page_permissions(body_a)
    assert page_grants(body_a) == granted


def test_the_menu_shows_pages_granted_in_bulk_at_once(client, settings, body_a, editor_a):
    settings.ADMIN_SIDEBAR_CACHE_SECONDS = 600
    client.force_login(editor_a)
    assert pages_of(body_a) in menu_of(client)
    GroupPagePermission.objects.filter(page__in=body_home_pages(body_a)).delete()
    assert pages_of(body_a) not in menu_of(client)  # kept from here on
    assert pages_of(body_a) not in menu_of(client)
    grant_page_permissions(body_a)
    assert pages_of(body_a) in menu_of(client)
