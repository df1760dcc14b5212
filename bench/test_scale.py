"""The bulk generator writes what the services would: the same search entries, real acts.

No timings here: the figures belong in docs/benchmarks.md.
"""

import pytest

from achyk.documents.models import Act, Document, refresh_languages
from achyk.search import selectors, services
from achyk.search.models import SearchEntry
from bench import scale
from bench.generate import create_bodies

FIELDS = ("body_id", "language", "kind", "title", "text", "terms", "url", "date")


@pytest.fixture
def generated(platform):
    create_bodies(numbers=[1, 2])
    bodies = scale.bench_bodies(2)
    written = scale.fill_documents(
        bodies=bodies, total=2, documents=41, bases=scale.next_ids(), batch=1
    )
    scale.reset_sequences()
    return bodies, written


@pytest.mark.django_db
def test_bulk_entries_are_those_the_search_services_write_and_runs_add_up(generated):
    bodies, written = generated
    assert written == 41 and Document.objects.count() == 41
    assert sorted(Document.objects.values_list("body__slug", flat=True).distinct()) == [
        "bench-0001", "bench-0002",
    ]  # fmt: skip
    assert set(Document.objects.values_list("language", flat=True)) == {"ky", "ru"}
    files = SearchEntry.objects.filter(kind="act")  # acts with no file in a language: not made
    bulk = {entry.object_id: entry for entry in files}
    assert len(bulk) == 41
    for document in Document.objects.all():
        services.index_document(document_id=document.pk)
    for entry in files.all():
        before = bulk[entry.object_id]
        assert [getattr(before, name) for name in FIELDS] == [
            getattr(entry, name) for name in FIELDS
        ]

    generated_languages = dict(Act.objects.values_list("pk", "languages"))
    Act.objects.update(languages="")
    refresh_languages(generated_languages)
    assert dict(Act.objects.values_list("pk", "languages")) == generated_languages
    assert {"ky", "ru", "ky ru"} <= set(generated_languages.values())

    again = scale.fill_documents(bodies=bodies, total=2, documents=41, bases=scale.next_ids())
    assert again == 0 and Document.objects.count() == 41  # bodies with acts are skipped
    added = Document.objects.create(title="x", file="x.pdf", collection=bodies[0].collection)
    assert added.pk > max(bulk.pk for bulk in Document.objects.exclude(pk=added.pk))


@pytest.mark.django_db
def test_generated_acts_are_found_and_listed(generated, client):
    bodies, _written = generated
    budget = Act.objects.filter(files__text__icontains="бюджеттин", files__language="ky").first()
    found = selectors.search(selectors.parse("бюджетке"), language="ky", body=budget.body)
    assert budget.files.get(language="ky").pk in {entry.object_id for entry in found}
    page = client.get(f"/{budget.body.slug}/ky/documents/")
    assert page.status_code == 200
    newest = budget.body.acts.order_by("-adopted_on", "-pk").first()
    assert newest.number in page.content.decode()
    act = client.get(newest.get_absolute_url("ky"))
    assert act.status_code == 200
