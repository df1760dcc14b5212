"""`BodyOwnedQuerySet.holding(body)`: rows of a body read with the body they belong to, so a
page reading its own body's rows does not read the body again for each."""

from achyk.documents.models import Act, ActRelation, RelationKind
from achyk.documents.services import link_acts
from achyk.documents.tests import factories as document_factories


def test_rows_of_the_body_hold_it_and_rows_of_another_body_read_their_own(
    body_a, body_b, django_assert_num_queries
):
    for title in ("Бир", "Эки"):
        document_factories.act(body_a, title=title)
    document_factories.act(body_b, title="Үч")

    with django_assert_num_queries(1):  # the rows; none for their body
        rows = list(Act.objects.order_by("pk").holding(body_a).filter(title__in=["Бир", "Эки"]))
        assert [row.body for row in rows] == [body_a, body_a]
        assert all(row.body is body_a for row in rows)

    other = Act.objects.holding(body_a).get(title="Үч")
    with django_assert_num_queries(1):  # another body's row is not given body_a
        assert other.body == body_b


def test_it_follows_related_rows_and_the_queryset_s_copies(body_a, django_assert_num_queries):
    act = document_factories.act(body_a, title="Токтом")
    amending = document_factories.act(body_a, title="Өзгөртүү")
    link_acts(from_act=amending, to_act=act, kind=RelationKind.AMENDS)
    rows = Act.objects.filter(pk=act.pk).holding(body_a)
    with django_assert_num_queries(1):
        first = rows.order_by("-pk").first()  # a copy of the queryset (ordered, sliced)
        assert first.body is body_a
    assert list(rows.values_list("title", flat=True)) == ["Токтом"]  # values are untouched

    links = ActRelation.objects.select_related("from_act", "to_act")
    with django_assert_num_queries(1):  # the links and their acts; none for the body
        (link,) = links.holding(body_a, "from_act", "to_act")
        assert link.body is link.from_act.body is link.to_act.body is body_a
