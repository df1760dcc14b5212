"""After a transactional test, the database is as the migrations left it (achyk.seeded)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from wagtail.models import Locale, Page

from achyk import seeded
from achyk.transparency.models import Duty


def _contents() -> dict:
    """Every row of every model's table, in a steady order."""
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        found = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            found[table] = sorted(cursor.fetchall(), key=repr)
        return found


@pytest.mark.django_db(transaction=True)
def test_a_restore_gives_back_the_seeded_rows_changed_added_or_deleted_and_nothing_else():
    before = _contents()
    assert Page.objects.filter(depth=1).exists() and Locale.objects.exists()
    assert Duty.objects.exists()  # the duty register is seeded by a migration

    root = Page.objects.get(depth=1)
    root.title = "changed"
    root.save(update_fields=["title"])
    user = get_user_model().objects.create(username="written-and-committed")
    Permission.objects.filter(codename="add_group").delete()
    Duty.objects.all().delete()
    assert _contents() != before

    seeded.restore(connection)

    assert _contents() == before
    # The sequences go on: an id given before the restore is not given again.
    assert get_user_model().objects.create(username="after").pk > user.pk


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_that_wrote_leaves_nothing_for_the_next():
    get_user_model().objects.create(username="left-behind")
    Locale.objects.create(language_code="zz")


@pytest.mark.django_db(transaction=True)
def test_the_next_test_finds_the_database_as_migrated():
    assert not get_user_model().objects.filter(username="left-behind").exists()
    assert not Locale.objects.filter(language_code="zz").exists()
    assert Page.objects.filter(depth=1).exists()


def _home_pages_found(word: str) -> set[int]:
    from wagtail.search.backends import get_search_backend

    from achyk.content.models import BodyHomePage

    return {page.pk for page in get_search_backend().search(word, BodyHomePage.objects.all())}


@pytest.mark.parametrize("turn", ["built", "copied back"])
@pytest.mark.django_db(transaction=True)
def test_the_committed_platform_is_searchable_and_takes_new_entries(turn, body_a, body_b):
    """Both turns see the same platform (the second, or a later test, has it copied back), its
    search index in step with its pages: found, and new pages indexed beside it."""
    from achyk.bodies.tests import factories
    from achyk.content.models import BodyHomePage

    burana = set(BodyHomePage.objects.filter(path__startswith=body_a.site.root_page.path[:8])
                 .values_list("pk", flat=True))  # fmt: skip
    assert burana and burana <= _home_pages_found("Бурана")
    third = factories.body(slug="ushunchu", name="Үчүнчү")
    assert third.site.root_page.pk in _home_pages_found("Үчүнчү")
