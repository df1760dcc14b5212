"""Every way the admin offers to delete leads to the bin for body staff: the admin API's page
action, bulk deletes of pages, documents and images; only body admins delete for good."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from achyk.bin.models import BinEntry
from achyk.content.tests import factories
from achyk.documents.models import Document
from achyk.images.models import Image


def api_action(client, page, action, data=None):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/", data or {},
        content_type="application/json",
    )  # fmt: skip


def bulk_delete(client, app_label, model_name, *objects):
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, "delete"])
    return client.post(url + "?" + "&".join(f"id={obj.pk}" for obj in objects))


@pytest.fixture
def news(body_a):
    page = factories.news(body_a, "ky", title="Суу түтүгү оңдолду", slug="water")
    factories.translate(page, "ru", title="Водопровод отремонтирован", slug="water")
    return page


@pytest.mark.parametrize("role", ["editor_a", "admin_a"])
def test_admin_api_delete_of_a_body_page_moves_it_to_the_bin(client, request, news, role):
    client.force_login(request.getfixturevalue(role))
    response = api_action(client, news, "delete")
    assert response.status_code == 204
    assert Page.objects.filter(pk=news.pk).exists()
    entry = BinEntry.objects.get()
    assert entry.page_id == news.pk
    assert client.get("/burana/ky/news/water/").status_code == 404
    assert client.get("/burana/ru/news/water/").status_code == 404
    client.post(reverse("bin:restore", args=[entry.pk]))
    assert client.get("/burana/ky/news/water/").status_code == 200


def test_admin_api_refuses_to_delete_a_body_home_page(client, admin_a, body_a):
    client.force_login(admin_a)
    client.cookies["django_language"] = "en"
    home = body_a.site.root_page
    response = api_action(client, home, "delete")
    assert response.status_code == 400
    assert response.json()["message"] == ["The home page of a body cannot be deleted."]
    home.refresh_from_db()
    assert home.live and not BinEntry.objects.exists()


def test_a_page_in_the_bin_cannot_be_published_or_deleted_again_through_the_api(
    client, admin_a, news
):
    client.force_login(admin_a)
    api_action(client, news, "delete")
    for action in ("publish", "delete", "copy", "create_alias"):
        response = api_action(client, news, action, {"destination_page_id": news.get_parent().pk})
        assert response.status_code == 400, action
    news.refresh_from_db()
    assert not news.live
    assert Page.objects.filter(pk=news.pk).exists()
    assert BinEntry.objects.count() == 1


def test_editor_of_another_body_cannot_delete_through_the_api(client, editor_b, news):
    client.force_login(editor_b)
    assert api_action(client, news, "delete").status_code == 404
    assert Page.objects.get(pk=news.pk).live
    assert not BinEntry.objects.exists()


def test_platform_pages_are_deleted_through_the_api_as_wagtail_does(
    client, platform, django_user_model
):
    root = platform if isinstance(platform, Page) else Page.objects.get(depth=1)
    page = root.add_child(instance=Page(title="Платформа <b>", slug="about-platform"))
    superuser = django_user_model.objects.create_superuser("root", password="x-Пароль-1")
    client.force_login(superuser)
    assert api_action(client, page, "delete").status_code == 204
    assert not Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("role", ["editor_a", "admin_a"])
def test_bulk_delete_of_pages_moves_them_to_the_bin(client, request, news, body_a, role):
    other = factories.news(body_a, "ky", title="Жыйын", slug="meeting")
    client.force_login(request.getfixturevalue(role))
    assert bulk_delete(client, "wagtailcore", "page", news, other).status_code == 302
    assert Page.objects.filter(pk__in=[news.pk, other.pk]).count() == 2
    assert BinEntry.objects.count() == 2
    assert client.get("/burana/ky/news/meeting/").status_code == 404


def test_bulk_delete_of_documents_by_an_editor_archives_them(client, editor_a, body_a):
    documents = [factories.document(body_a), factories.document(body_a)]
    public = [client.get(document.url).status_code for document in documents]
    assert public == [200, 200]
    client.force_login(editor_a)
    assert bulk_delete(client, "documents", "document", *documents).status_code == 302
    assert Document.objects.filter(is_archived=True).count() == 2
    client.logout()
    assert [client.get(document.url).status_code for document in documents] == [404, 404]


def test_bulk_delete_of_documents_by_a_body_admin_deletes_them_for_good(client, admin_a, body_a):
    document = factories.document(body_a)
    client.force_login(admin_a)
    bulk_delete(client, "documents", "document", document)
    assert not Document.objects.filter(pk=document.pk).exists()


def test_bulk_delete_of_images_is_for_body_admins_only(client, editor_a, admin_a, body_a):
    image = factories.image(body_a)
    client.force_login(editor_a)
    assert bulk_delete(client, "images", "image", image).status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()
    client.force_login(admin_a)
    bulk_delete(client, "images", "image", image)
    assert not Image.objects.filter(pk=image.pk).exists()


def test_bulk_delete_of_another_bodys_document_changes_nothing(client, editor_b, body_a):
    document = factories.document(body_a)
    client.force_login(editor_b)
    assert bulk_delete(client, "documents", "document", document).status_code == 404
    document.refresh_from_db()
    assert not document.is_archived


@pytest.mark.parametrize(
    ("make", "address", "model"),
    [
        ("act", "/admin/acts/delete/{pk}/", "documents.Act"),
        ("hearing", "/admin/budget-hearings/delete/{pk}/", "budget.Hearing"),
        ("citizens_budget", "/admin/citizens-budgets/delete/{pk}/", "budget.CitizensBudget"),
    ],
)
def test_records_without_a_bin_are_deleted_by_body_admins_only(
    client, editor_a, admin_a, body_a, make, address, model
):
    from django.apps import apps

    from achyk.budget.tests import factories_citizens
    from achyk.documents.tests import factories as document_factories

    builder = getattr(document_factories, make, None) or getattr(factories_citizens, make)
    record = builder(body_a)
    url = address.format(pk=record.pk)
    client.force_login(editor_a)
    client.post(url)
    assert apps.get_model(model).objects.filter(pk=record.pk).exists()
    client.force_login(admin_a)
    client.post(url)
    assert not apps.get_model(model).objects.filter(pk=record.pk).exists()


def test_residents_appeals_are_deleted_by_body_admins_only(client, editor_a, admin_a, body_a):
    from wagtail.contrib.forms.models import FormSubmission

    from achyk.content.models import FeedbackFormPage

    form_page = factories.section(body_a, "ky", FeedbackFormPage)
    appeal = FormSubmission.objects.create(page=form_page, form_data={"message": "Суу жок <b>"})
    url = (
        reverse("wagtailforms:delete_submissions", args=[form_page.pk])
        + f"?selected-submissions={appeal.pk}"
    )
    client.force_login(editor_a)
    assert client.post(url).status_code == 403
    assert FormSubmission.objects.filter(pk=appeal.pk).exists()
    client.force_login(admin_a)
    client.post(url)
    assert not FormSubmission.objects.filter(pk=appeal.pk).exists()
