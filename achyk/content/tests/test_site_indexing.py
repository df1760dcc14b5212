"""A new body's site is put into Wagtail's search and reference indexes once per page
(`achyk.ui.indexing.indexed_once`), not once per save; saves outside a batch are indexed as
they are made."""

from collections import Counter

import pytest
from django_tasks.signals import task_enqueued
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from achyk.bodies.tests import factories
from achyk.content.models import BodyHomePage, NewsPage
from achyk.ui.indexing import indexed_once

SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"
REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


@pytest.fixture
def enqueued():
    """(task path, model, pk) of every task enqueued, counted."""
    counted = Counter()

    def note(sender, task_result, **kwargs):
        _app, model, pk = task_result.args
        counted[(task_result.task.module_path, model, int(pk))] += 1

    task_enqueued.connect(note)
    yield counted
    task_enqueued.disconnect(note)


def _site_pages(body) -> list[Page]:
    homes = BodyHomePage.objects.filter(body=body)
    pages = [page for home in homes for page in home.get_descendants(inclusive=True)]
    return [page.specific for page in pages]


def test_a_new_site_s_pages_are_each_indexed_once_and_searchable(platform, enqueued):
    body = factories.body(slug="jany-aiyl")
    pages = _site_pages(body)
    assert len(pages) == 20  # two languages, a home and nine sections each
    for page in pages:
        model = page._meta.model_name
        assert enqueued[(SEARCH_TASK, model, page.pk)] == 1, page
        assert enqueued[(REFERENCE_TASK, model, page.pk)] == 1, page
    indexed = set(IndexEntry.objects.values_list("object_id", flat=True))
    assert {str(page.pk) for page in pages} <= indexed
    home = BodyHomePage.objects.get(body=body, locale__language_code="ky")
    assert Page.objects.filter(pk=home.pk).search(home.title.split()[0]).count() == 1


def test_saves_outside_a_batch_are_indexed_at_each_save(body_a, enqueued):
    news_index = body_a.site.root_page.get_children().get(slug="news")
    page = NewsPage(title="Суу түтүгү", slug="suu")
    news_index.add_child(instance=page)
    page.save_revision().publish()
    assert enqueued[(SEARCH_TASK, "newspage", page.pk)] == 3
    assert enqueued[(REFERENCE_TASK, "newspage", page.pk)] == 3


def test_a_batch_indexes_what_it_saved_once_and_forgets_what_it_deleted(body_a, enqueued):
    news_index = body_a.site.root_page.get_children().get(slug="news")
    with indexed_once():
        kept = NewsPage(title="Көпүрө", slug="kopuro")
        news_index.add_child(instance=kept)
        kept.save_revision().publish()
        gone = NewsPage(title="Жол", slug="jol")
        news_index.add_child(instance=gone)
        gone_pk = gone.pk
        gone.delete()
        assert enqueued[(SEARCH_TASK, "newspage", kept.pk)] == 0  # not yet: at the end
    assert enqueued[(SEARCH_TASK, "newspage", kept.pk)] == 1
    assert enqueued[(REFERENCE_TASK, "newspage", kept.pk)] == 1
    assert not any(pk == gone_pk for _task, _model, pk in enqueued)
    assert ReferenceIndex.objects.filter(object_id=str(gone_pk)).count() == 0


def test_a_batch_that_fails_indexes_nothing(body_a, enqueued):
    news_index = body_a.site.root_page.get_children().get(slug="news")
    with pytest.raises(RuntimeError), indexed_once():
        news_index.add_child(instance=NewsPage(title="Мектеп", slug="mektep"))
        raise RuntimeError("the batch's transaction is rolled back")
    assert not enqueued


def test_a_batch_keeps_wagtail_s_own_switch_for_the_reference_index(body_a, enqueued):
    from wagtail.signal_handlers import disable_reference_index_auto_update

    news_index = body_a.site.root_page.get_children().get(slug="news")
    with indexed_once(), disable_reference_index_auto_update():
        page = NewsPage(title="Бак", slug="bak")
        news_index.add_child(instance=page)
    assert enqueued[(SEARCH_TASK, "newspage", page.pk)] == 1
    assert enqueued[(REFERENCE_TASK, "newspage", page.pk)] == 0
