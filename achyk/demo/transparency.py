"""Evidence for the transparency monitor in the demo, varied from body to body, and the first
computation of every body's scores.

Three patterns take turns, so that the rating shows differences a reader can trace down to
the evidence: (0) a council resolution complete in both languages and a territory page in
both; (1) a resolution without its number in Kyrgyz only (partial) and a structure page not
updated for 400 days (out of date); (2) a head's order published late (adopted 20 days
before) and a territory page in Kyrgyz only.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page

from achyk.bodies.models import Body
from achyk.content.models import BodyHomePage, StandardPage
from achyk.documents.models import Document, DocumentType
from achyk.documents.services import ActIn, attach_file, create_act
from achyk.transparency import services as transparency

from .files import text_pdf

ACTS = {
    "council-resolution": ("Жергиликтүү бюджетти бекитүү жөнүндө",
                           "Об утверждении местного бюджета"),
    "head-order": ("Жазгы талаа иштерин уюштуруу жөнүндө",
                   "Об организации весенних полевых работ"),
}  # fmt: skip
PAGES = {
    "about": ("Айыл аймактын паспорту", "Паспорт айылного аймака",
              "<p>Айылдар, калктын саны жана социалдык-экономикалык паспорт.</p>",
              "<p>Сёла, численность населения и социально-экономический паспорт.</p>"),
    "structure": ("Айыл өкмөтүнүн түзүмү", "Структура айыл окмоту",
                  "<p>Бөлүмдөр жана кызматкерлер.</p>", "<p>Отделы и сотрудники.</p>"),
}  # fmt: skip


def add_evidence(*, body: Body, pattern: int) -> None:
    """Acts and pages that show the monitor something of `body` (see the module's doc)."""
    today = timezone.localdate()
    if pattern == 0:
        _act(body, "council-resolution", ["ky", "ru"], today - timedelta(days=2), number="14/2")
        _page(body, "about", ["ky", "ru"])
    elif pattern == 1:
        _act(body, "council-resolution", ["ky"], today - timedelta(days=2), number="")
        _page(body, "structure", ["ky", "ru"], age=timedelta(days=400))
    else:
        _act(body, "head-order", ["ky", "ru"], today - timedelta(days=20), number="7-б")
        _page(body, "about", ["ky"])


def _act(body, type_code, languages, adopted_on, *, number):
    ky, ru = ACTS[type_code]
    act = create_act(
        body=body, by=None,
        data=ActIn(type=DocumentType.objects.get(code=type_code), title=ky, title_ky=ky,
                   title_ru=ru, number=number,
                   adopted_on=adopted_on, signatory=body.head_name or "Айыл өкмөтүнүн башчысы"),
    )  # fmt: skip
    for language in languages:
        title = ky if language == "ky" else ru
        document = Document(title=title, collection=body.collection)
        document.file.save(f"{body.slug}-{type_code}-{language}.pdf", _pdf(title), save=False)
        document._set_document_file_metadata()
        document.save()
        attach_file(act=act, document=document, language=language)


def _pdf(title):
    return ContentFile(text_pdf([f"{title} ({timezone.localdate():%d.%m.%Y})"]))


def _page(body, section, languages, *, age=None):
    title_ky, title_ru, text_ky, text_ru = PAGES[section]
    homes = {home.locale.language_code: home for home in BodyHomePage.objects.filter(body=body)}
    original = None
    for language in languages:
        page = StandardPage(
            title=title_ky if language == "ky" else title_ru, slug=section, section=section,
            body=text_ky if language == "ky" else text_ru, locale_id=homes[language].locale_id,
        )  # fmt: skip
        if original is not None:
            page.translation_key = original.translation_key
        homes[language].add_child(instance=page)
        page.save_revision().publish()
        original = original or page
        if age is not None:
            then = timezone.now() - age
            Page.objects.filter(pk=page.pk).update(first_published_at=then, last_published_at=then)


def compute() -> int:
    """Every body's scores, and this month's snapshot."""
    count = transparency.recompute()
    transparency.take_snapshots()
    return count
