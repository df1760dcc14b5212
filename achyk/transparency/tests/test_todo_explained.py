"""The to-do list explains itself: each line says its rule in words, the date it counts from
and its due date; its button opens the exact form (the upload of an act with its type
chosen, the section's "add a page" in the line's language, the translation of the page that
exists only in another language); after a change it says it is being recounted; and no
staff screen it shows prints a code or "True"/"False"."""

import datetime
import html
import re

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, translation
from wagtail.models import Page

from achyk.bodies import evidence
from achyk.transparency import services
from achyk.transparency.models import Rule

from . import factories, scored

JUNE = datetime.datetime(2026, 6, 9, 12, tzinfo=scored.BISHKEK)


def in_english(user):
    """Staff choose their admin language; these tests read the English source."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def shown(page: bytes) -> str:
    """The text a reader sees in the admin's main area (tags stripped, entities read)."""
    text = page.decode()
    start = text.index("<main")
    text = text[text.index(">", start) + 1 : text.index("</main>")]
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def day(value: datetime.date) -> str:
    with translation.override("en"):
        return formats.date_format(value, "DATE_FORMAT")


@pytest.fixture
def acts(monkeypatch, body_a, body_b):
    """Council resolutions, due within 3 working days of adoption: Burana's newest, adopted
    on Monday 1 June 2026, went up on 9 June (late); Kok-Jar has the same duty and no act."""
    provider = factories.hand_provider(monkeypatch, keys=("doctype:council-resolution",))
    with time_machine.travel(JUNE, tick=False):
        factories.duty(
            code="council-acts", rule=Rule.AFTER_EVENT, rule_days=3, rule_working_days=True,
            keys="doctype:council-resolution", title_ru="Решения кенеша",
            title_ky="Кеңештин токтомдору",
        )  # fmt: skip
        for language in ("ky", "ru"):
            provider.add(body_a, key="doctype:council-resolution", language=language,
                         at=JUNE, event_date=datetime.date(2026, 6, 1))  # fmt: skip
        services.recompute(at=JUNE)
    return provider


@time_machine.travel(JUNE, tick=False)
def test_a_line_says_its_rule_the_day_it_counts_from_and_its_due_date(client, acts, editor_a):
    in_english(editor_a)
    client.force_login(editor_a)
    panel = shown(client.get("/admin/").content)
    page = shown(client.get("/admin/transparency/todo/").content)
    for text in (panel, page):
        assert "publish within 3 working days of adoption" in text
        assert day(datetime.date(2026, 6, 1)) in text  # adopted: the clock starts
        assert day(datetime.date(2026, 6, 4)) in text  # three working days later
    assert "Кеңештин токтомдору" in panel or "Решения кенеша" in panel


@time_machine.travel(JUNE, tick=False)
def test_the_button_opens_the_act_upload_with_the_type_chosen(client, acts, editor_a):
    from achyk.documents.models import DocumentType

    client.force_login(editor_a)
    page = client.get("/admin/transparency/todo/").content.decode()
    assert 'href="/admin/documents/add/?act_type=council-resolution"' in page
    form = client.get("/admin/documents/add/?act_type=council-resolution").content.decode()
    chosen = DocumentType.objects.get(code="council-resolution").pk
    assert re.search(rf'<option value="{chosen}"[^>]*selected', form)
    unknown = client.get("/admin/documents/add/?act_type=nope").content.decode()
    assert not re.search(r'name="act_type".*?<option value="\d+"[^>]*selected', unknown, re.S)


@time_machine.travel(scored.NOW, tick=False)
def test_a_page_button_opens_the_section_or_translation_in_the_line_s_language(
    client, monkeypatch, body_a, body_b, editor_a
):
    from achyk.transparency.editors import sections

    provider = factories.hand_provider(monkeypatch, keys=("page:vacancies", "page:contacts"))
    factories.duty(code="vacancies", rule=Rule.ONCE, keys="page:vacancies", order=1)
    factories.duty(code="contacts", rule=Rule.ONCE, keys="page:contacts", order=2)
    provider.add(body_a, key="page:vacancies", language="ky")  # Russian is missing
    found = sections(body_a)
    found[("contactpage", "ru")].delete()  # the contacts page exists in Kyrgyz only
    provider.add(body_a, key="page:contacts", language="ky")
    services.recompute(at=scored.NOW)
    client.force_login(editor_a)
    page = client.get("/admin/transparency/todo/").content.decode()
    add = reverse("wagtailadmin_pages:add_subpage", args=[found[("vacancyindexpage", "ru")].pk])
    assert f'href="{add}"' in page  # the Russian section's "add a page"
    ky_contacts = found[("contactpage", "ky")].pk
    translate = reverse("simple_translation:submit_page_translation", args=[ky_contacts])
    assert f'href="{translate}"' in page
    assert client.get(translate).status_code == 200  # the editor may translate it
    theirs = sections(body_b)[("vacancyindexpage", "ru")].pk
    assert reverse("wagtailadmin_pages:add_subpage", args=[theirs]) not in page


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_after_a_change_the_line_says_it_is_being_recounted(
    client, acts, editor_a, body_a, body_b, editor_b, django_capture_on_commit_callbacks
):
    in_english(editor_a)
    client.force_login(editor_a)
    with time_machine.travel(JUNE, tick=False) as clock:
        assert "Recount pending" not in shown(client.get("/admin/transparency/todo/").content)
        clock.shift(60)
        acts.add(body_a, key="doctype:council-resolution", language="ky",
                 event_date=datetime.date(2026, 6, 8))  # fmt: skip
        acts.add(body_a, key="doctype:council-resolution", language="ru",
                 event_date=datetime.date(2026, 6, 8))  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            evidence.changed(body_a.pk)
        page = shown(client.get("/admin/transparency/todo/").content)
        assert "publish within 3 working days of adoption" in page  # the line stays…
        assert "Recount pending" in page  # …and says why it has not gone yet
        assert "Recount pending" in shown(client.get("/admin/").content)
        client.force_login(editor_b)  # another body's list is not concerned
        assert "Recount pending" not in shown(client.get("/admin/transparency/todo/").content)
        clock.shift(60)
        services.recompute(body_ids=[body_a.pk])  # the worker's run
        client.force_login(editor_a)
        page = shown(client.get("/admin/transparency/todo/").content)
    assert "Recount pending" not in page
    assert "publish within 3 working days of adoption" not in page  # published in time


@time_machine.travel(scored.NOW, tick=False)
def test_no_code_and_no_true_or_false_on_the_screens_of_the_list(
    client, monkeypatch, body_a, body_b, editor_a
):
    from achyk.transparency import flags

    provider = factories.hand_provider(monkeypatch)
    scored.scored(provider, body_a, body_b)  # "news", "council-acts", "contacts"
    member = flags.register_jmeg_member(
        body=body_a, username="jmeg", first_name="А", last_name="Б", email="",
        password="x-Very-long-pass-2026", by=None,
    )  # fmt: skip
    flags.flag_evidence(
        member=member, duty_code="council-acts", language="ru", evidence_url="",
        evidence_title="", kind="wrong", comment="Эски",
    )  # fmt: skip
    in_english(editor_a)
    client.force_login(editor_a)
    for url in ("/admin/", "/admin/transparency/todo/", "/admin/transparency/flags/"):
        text = shown(client.get(url).content)
        for code in ("council-acts", "contacts", "test:act", "True", "False"):
            assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), (url, code)
        text = re.sub(r"(Бурана|Көк-Жар) \((ky|ru)\)", "", text)  # the test bodies' names
        assert not re.search(r"\((ky|ru)(, (ky|ru))?\)", text), url
    page = shown(client.get("/admin/transparency/todo/").content)
    assert "lacks: number of the act" in page and "Русский" in page and "Кыргызча" in page


def test_the_content_s_own_keys_lead_to_their_sections(body_a, body_b):
    """The register names sections in the plural ("page:contacts"), page types are singular
    (ContactPage): every section key of the content app leads to its own form."""
    from achyk.content.evidence import PAGE_KINDS
    from achyk.transparency import editors

    found = editors.sections(body_a)
    home = reverse("wagtailadmin_explore", args=[body_a.site.root_page_id])
    for key in PAGE_KINDS:
        editor = editors.editor_for([key], body_a, found, "ru")
        assert editor.url != home, key
        page_id = int(re.search(r"/(\d+)/", editor.url).group(1))
        assert Page.objects.get(pk=page_id).locale.language_code == "ru", key
