"""Pages, images and documents of a body's site, published, with hostile titles by default.

Every function takes the body and a language and returns the published page (or object), so a
test reads like the site it builds: `news(body_a, "ky", title=...)`.
"""

import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file_jpeg
from wagtail.models import Locale, Page

from achyk.bodies.tests.factories import HOSTILE
from achyk.content import models as content

_counter = itertools.count(1)


def home(body, language: str) -> content.BodyHomePage:
    return content.BodyHomePage.objects.get(body=body, locale__language_code=language)


def section(body, language: str, model):
    return model.objects.child_of(home(body, language)).get()


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _add(parent: Page, page: Page) -> Page:
    n = next(_counter)
    page.title = page.title or f"Жаңылык {n} {HOSTILE}"
    page.slug = page.slug or f"item-{n}"
    parent.add_child(instance=page)
    return publish(page)


def translate(page: Page, language: str, **fields) -> Page:
    """The translation of `page` into `language` (sharing its translation key), published."""
    copy = page.specific.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


def image(body, *, title="Сүрөт", size=(800, 600)):
    from achyk.images.models import Image

    return Image.objects.create(
        title=title, file=get_test_image_file_jpeg(size=size), collection=body.collection
    )


def document(body, *, title=None, archived=False, name="act.pdf"):
    from achyk.documents.models import Document

    doc = Document(
        title=title or f"Токтом {next(_counter)} {HOSTILE}", collection=body.collection,
        file=ContentFile(b"%PDF-1.4\n% Achyk test document\n%%EOF\n", name=name),
        is_archived=archived,
    )  # fmt: skip
    doc.save()
    return doc


def news(body, language: str = "ky", /, **fields) -> content.NewsPage:
    fields.setdefault("intro", f"Кыскача {HOSTILE}")
    fields.setdefault("body", "<p>Текст ңөү</p>")
    return _add(section(body, language, content.NewsIndexPage), content.NewsPage(**fields))


def announcement(body, language: str = "ky", /, **fields) -> content.AnnouncementPage:
    fields.setdefault("event_start", timezone.now() + timedelta(days=3))
    fields.setdefault("event_place", f"Айыл өкмөтүнүн залы {HOSTILE}")
    parent = section(body, language, content.AnnouncementIndexPage)
    return _add(parent, content.AnnouncementPage(**fields))


def standard(body, language: str = "ky", /, **fields) -> content.StandardPage:
    fields.setdefault("body", "<p>Айыл аймак жөнүндө</p>")
    return _add(home(body, language), content.StandardPage(**fields))


def gallery(
    body,
    language: str = "ky",
    /,
    *,
    images: int = 2,
    alt_text: str = "",
    caption: str = "Ү",
    **fields,
) -> content.GalleryPage:
    """A gallery of `images` photos, described `alt_text` (a hostile one by default)."""
    page = content.GalleryPage(**fields)
    for i in range(images):
        alt = f"{alt_text} {i + 1}" if alt_text else f"Сүрөт {i} {HOSTILE}"
        page.gallery_images.add(
            content.GalleryImage(image=image(body), alt_text=alt, caption=caption)
        )
    return _add(section(body, language, content.GalleryIndexPage), page)


def vacancy(body, language: str = "ky", /, **fields) -> content.VacancyPage:
    fields.setdefault("deadline", timezone.localdate() + timedelta(days=10))
    return _add(section(body, language, content.VacancyIndexPage), content.VacancyPage(**fields))


def leadership(body, language: str = "ky") -> content.LeadershipPage:
    page = section(body, language, content.LeadershipPage)
    page.people.add(
        content.Person(
            name=f"Асан Үсөнов {HOSTILE}", position="Айыл өкмөтүнүн башчысы",
            reception_hours="Дүйшөмбү 9:00–12:00", phone="+996 3133 5 12 34",
        )
    )  # fmt: skip
    page.save()
    return publish(page)
