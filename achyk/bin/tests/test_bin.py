"""Deleting never loses content at once: pages go to the bin and come back; documents are
archived and restored; only a body's admins delete for good."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from achyk.bin.models import BinEntry
from achyk.bodies.roles import SUPERVISORS_GROUP
from achyk.bodies.tests import factories as body_factories
from achyk.content.tests import factories


def shown(text: str) -> str:
    """`text` as the admin shows it (in the platform's default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(text)


@pytest.fixture
def news(body_a):
    page = factories.news(body_a, "ky", title="Суу түтүгү оңдолду", slug="water")
    factories.translate(page, "ru", title="Водопровод отремонтирован", slug="water")
    return page


def delete_in_admin(client, page):
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    client.get(reverse("wagtailadmin_home"))  # shows (and so clears) the flash message
    return response


def explorer(client, page):
    return client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])).content.decode()


def test_editor_deletes_news_it_goes_to_the_bin_and_restore_brings_it_back_live(
    client, editor_a, news
):
    client.force_login(editor_a)
    assert client.get("/burana/ky/news/water/").status_code == 200
    confirm = client.get(reverse("wagtailadmin_pages:delete", args=[news.pk])).content.decode()
    assert shown("Move to bin") in confirm

    response = delete_in_admin(client, news)
    assert response.status_code == 302
    assert Page.objects.filter(pk=news.pk).exists()
    assert client.get("/burana/ky/news/water/").status_code == 404
    assert client.get("/burana/ru/news/water/").status_code == 404  # its translation too
    assert "Суу түтүгү оңдолду" not in explorer(client, news)
    search = client.get(reverse("wagtailadmin_explore_root"), {"q": "Суу"}).content.decode()
    assert "Суу түтүгү оңдолду" not in search
    bin_page = client.get(reverse("bin:index")).content.decode()
    assert "Суу түтүгү оңдолду" in bin_page
    assert "/purge/" not in bin_page  # editors restore; only admins delete for good
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
    assert edit.status_code == 302 and edit["Location"] == reverse("bin:index")

    entry = BinEntry.objects.get()
    assert client.post(reverse("bin:restore", args=[entry.pk])).status_code == 302
    assert client.get("/burana/ky/news/water/").status_code == 200
    assert client.get("/burana/ru/news/water/").status_code == 200
    assert "Суу түтүгү оңдолду" in explorer(client, news)
    assert not BinEntry.objects.exists()


def test_draft_page_restored_from_the_bin_stays_a_draft(client, editor_a, news):
    news.unpublish()
    client.force_login(editor_a)
    delete_in_admin(client, news)
    client.post(reverse("bin:restore", args=[BinEntry.objects.get().pk]))
    news.refresh_from_db()
    assert not news.live


def test_editor_cannot_purge(client, editor_a, news):
    client.force_login(editor_a)
    delete_in_admin(client, news)
    entry = BinEntry.objects.get()
    assert client.get(reverse("bin:purge", args=[entry.pk])).status_code == 403
    assert client.post(reverse("bin:purge", args=[entry.pk])).status_code == 403
    assert Page.objects.filter(pk=news.pk).exists()


def test_body_admin_purges_and_the_page_is_gone(client, editor_a, admin_a, news):
    client.force_login(editor_a)
    delete_in_admin(client, news)
    entry = BinEntry.objects.get()
    client.force_login(admin_a)
    assert (
        reverse("bin:purge", args=[entry.pk]) in client.get(reverse("bin:index")).content.decode()
    )
    confirm = client.get(reverse("bin:purge", args=[entry.pk])).content.decode()
    assert "Суу түтүгү оңдолду" in confirm and shown("Yes, delete for good") in confirm
    assert client.post(reverse("bin:purge", args=[entry.pk])).status_code == 302
    assert not Page.objects.filter(
        title__in=["Суу түтүгү оңдолду", "Водопровод отремонтирован"]
    ).exists()
    assert not BinEntry.objects.exists()
    assert shown("The bin is empty.") in client.get(reverse("bin:index")).content.decode()


def test_editor_of_another_body_cannot_see_or_restore_the_bin_entry(
    client, editor_a, editor_b, news
):
    client.force_login(editor_a)
    delete_in_admin(client, news)
    entry = BinEntry.objects.get()
    client.force_login(editor_b)
    assert "Суу түтүгү оңдолду" not in client.get(reverse("bin:index")).content.decode()
    assert client.post(reverse("bin:restore", args=[entry.pk])).status_code == 404
    assert client.get(reverse("bin:purge", args=[entry.pk])).status_code == 404
    assert BinEntry.objects.filter(pk=entry.pk).exists()


def test_body_home_page_cannot_be_deleted(client, admin_a, body_a):
    client.force_login(admin_a)
    home = body_a.site.root_page
    response = delete_in_admin(client, home)
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.live and not BinEntry.objects.exists()


def test_document_archive_hides_it_from_the_public_documents_page_and_restores(
    client, editor_a, body_a
):
    document = factories.document(body_a, title="Бюджет 2025 токтому")
    assert "Бюджет 2025 токтому" in client.get("/burana/ky/documents/").content.decode()
    client.force_login(editor_a)
    client.post(reverse("bin:archive_document", args=[document.pk]))
    assert "Бюджет 2025 токтому" not in client.get("/burana/ky/documents/").content.decode()
    bin_page = client.get(reverse("bin:index")).content.decode()
    assert "Бюджет 2025 токтому" in bin_page
    assert client.post(reverse("bin:purge_document", args=[document.pk])).status_code == 403
    client.post(reverse("bin:restore_document", args=[document.pk]))
    assert "Бюджет 2025 токтому" in client.get("/burana/ky/documents/").content.decode()


def test_only_body_admin_deletes_a_document_for_good(client, editor_a, admin_a, body_a):
    from achyk.documents.models import Document

    document = factories.document(body_a, archived=True)
    client.force_login(editor_a)
    assert client.post(reverse("wagtaildocs:delete", args=[document.pk])).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()
    client.force_login(admin_a)
    client.post(reverse("bin:purge_document", args=[document.pk]))
    assert not Document.objects.filter(pk=document.pk).exists()


def test_supervisor_reads_every_bin_and_restores_nothing(client, editor_a, news, body_b):
    client.force_login(editor_a)
    delete_in_admin(client, news)
    supervisor = get_user_model().objects.create_user("ministry", password=body_factories.PASSWORD)
    supervisor.groups.add(Group.objects.get(name=SUPERVISORS_GROUP))
    client.force_login(supervisor)
    html = client.get(reverse("bin:index")).content.decode()
    assert "Суу түтүгү оңдолду" in html
    assert reverse("bin:restore", args=[BinEntry.objects.get().pk]) not in html
    entry = BinEntry.objects.get()
    assert client.post(reverse("bin:restore", args=[entry.pk])).status_code == 403
    assert BinEntry.objects.exists()
