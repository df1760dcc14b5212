"""Writes for the demo: territory, bodies with filled sites, and the demo logins.

Pages are created with Wagtail's own API (add_child, then a published revision), and each
Russian page is the translation of its Kyrgyz one (the same translation_key), as an editor's
would be. The bench generator reuses `values_for` and `fill_site`.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from achyk.bodies.models import Body, Membership, Territory
from achyk.bodies.services import BodyIn, create_body, grant_supervisor_reading, set_staff_role
from achyk.content.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    BodyHomePage,
    Commission,
    ContactPage,
    CouncilPage,
    Deputy,
    GalleryImage,
    GalleryIndexPage,
    GalleryPage,
    LeadershipPage,
    NewsIndexPage,
    NewsPage,
    Person,
    VacancyIndexPage,
    VacancyPage,
)
from achyk.content.services import ensure_platform_home
from achyk.documents.models import Document
from achyk.images.models import Image
from achyk.transparency.models import JmegMember
from achyk.ui.indexing import indexed_once

from . import citizens, texts
from . import participation as demo_participation
from . import plans as demo_plans
from . import requests as demo_requests
from . import social_order as demo_social_order
from . import subscriptions as demo_subscriptions
from . import transparency as demo_transparency
from .budgets import ensure_demo_budgets
from .files import emblem_png, landscape_jpeg, portrait_jpeg, text_pdf

LANGUAGES = ["ky", "ru"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    body_slug: str = ""


#: The demo logins, all with the one demo password.
LOGINS = [DemoLogin(*row) for row in texts.LOGINS]


@transaction.atomic
def ensure_territory() -> dict[str, Territory]:
    """The demo's territory tree (country, oblasts, rayons), by code; safe to run again."""
    units: dict[str, Territory] = {}
    for code, level, parent, name_ky, name_ru in texts.TERRITORY:
        units[code], _created = Territory.objects.update_or_create(
            code=code,
            defaults={"level": level, "parent": units.get(parent), "name_ky": name_ky,
                      "name_ru": name_ru},
        )  # fmt: skip
    return units


def values_for(spec: dict, *, today=None) -> dict:
    """Everything the text templates need for one body, varied but repeatable per slug."""
    rng = random.Random(spec["slug"])  # noqa: S311 (demo figures, not secrets)
    today = today or timezone.localdate()
    values = dict(spec)
    values.update(
        village_ru=spec["short_ru"], year=today.year + 1, house=rng.randint(1, 60),
        km=rng.choice(["1,2", "1,8", "2,5", "3,1", "0,9"]), metres=rng.randrange(800, 4000, 50),
        families=rng.randrange(45, 320, 5), people=rng.randrange(35, 140), teams=rng.randint(6, 14),
        proposals=rng.randint(7, 25), school=rng.randint(1, 4), trees=rng.randrange(150, 900, 10),
        members=rng.randint(7, 12), women=rng.randint(3, 6), hours_ky=texts.HOURS_KY,
        hours_ru=texts.HOURS_RU, translit=spec["short_ky"].translate(texts.TRANSLIT),
        revenue=f"{rng.randrange(18_000_000, 60_000_000, 10_000):,}".replace(",", " "),
    )  # fmt: skip
    values["expenditure"] = values["revenue"]
    values["address_ky"] = texts.ADDRESS_KY.format(**values)
    values["address_ru"] = texts.ADDRESS_RU.format(**values)
    return values


def create_demo_body(*, spec: dict, parent: Territory) -> Body:
    """The body of one ayil aymak (its territory unit included), with its empty site."""
    values = values_for(spec)
    aymak, _created = Territory.objects.update_or_create(
        code=spec["code"],
        defaults={"level": Territory.Level.AYIL_AYMAK, "parent": parent,
                  "name_ky": spec["name_ky"], "name_ru": spec["name_ru"]},
    )  # fmt: skip
    details = {
        "population": spec["population"], "head_name": spec["head"], "phone": spec["phone"],
        "email": f"{spec['slug']}@example.org", "address_ky": values["address_ky"],
        "address_ru": values["address_ru"], "hours_ky": texts.HOURS_KY, "hours_ru": texts.HOURS_RU,
    }  # fmt: skip
    return create_body(
        data=BodyIn(
            territory=aymak,
            kind=Body.Kind.AYIL_OKMOTU,
            slug=spec["slug"],
            languages=LANGUAGES,
            names={"ky": spec["name_ky"], "ru": spec["name_ru"]},
            details=details,
        )
    )


def homes_of(body: Body) -> dict[str, BodyHomePage]:
    homes = BodyHomePage.objects.filter(body=body).select_related("locale")
    return {home.locale.language_code: home for home in homes}


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def _translated(body, section_model, build) -> dict[str, Page]:
    """Add one page under `section_model` in each language; `build(language)` makes it."""
    homes, original, pages = homes_of(body), None, {}
    for language in body.language_list:
        section = section_model.objects.child_of(homes[language]).first()
        page = build(language)
        page.locale_id = section.locale_id
        if original is not None:
            page.translation_key = original.translation_key
        section.add_child(instance=page)
        pages[language] = _publish(page)
        original = original or page
    return pages


def _edit_sections(body, model, change) -> None:
    """Change the existing page of type `model` in each language and publish it."""
    for language, home in homes_of(body).items():
        page = home if model is BodyHomePage else model.objects.child_of(home).first()
        change(page, language)
        _publish(page)


def fill_site(
    *, body: Body, values: dict, news: int = 4, gallery: bool = True, sections: bool = True
) -> None:
    """Fill a body's site: home text, `news` news items, an announcement and a PDF document;
    with `sections` also leadership, contacts and a vacancy; with `gallery` a photo gallery."""
    fill = values.copy()
    fill.setdefault("name_ky", body.name_ky)
    fill.setdefault("name_ru", body.name_ru)

    def home(page, language):
        page.intro = getattr(texts, f"HOME_INTRO_{language.upper()}")
        page.body_text = getattr(texts, f"HOME_{language.upper()}").format(**fill)

    _edit_sections(body, BodyHomePage, home)
    add_news(body=body, values=fill, count=news)
    add_announcement(body=body, values=fill)
    add_document(body=body, values=fill)
    if sections:
        fill_leadership(body=body, values=fill)
        fill_council(body=body, values=fill)
        fill_contacts(body=body, values=fill)
        add_vacancy(body=body)
    if gallery:
        add_gallery(body=body, values=fill)
        add_look(body=body, values=fill)


def add_news(*, body: Body, values: dict, count: int) -> None:
    """`count` news items, a different selection and order of the templates for each body."""
    rng = random.Random(body.slug)  # noqa: S311 (demo dates, not secrets)
    start = rng.randrange(len(texts.NEWS))
    now = timezone.now()
    for n in range(count):
        item = texts.NEWS[(start + n * 3) % len(texts.NEWS)]
        published = now - timedelta(days=n * 6 + rng.randint(0, 4), hours=rng.randint(0, 8))

        def build(language, item=item, published=published):
            return NewsPage(
                title=item[f"title_{language}"].format(**values), slug=item["slug"],
                intro=item[f"intro_{language}"].format(**values),
                body=item[f"body_{language}"].format(**values), first_published_at=published,
            )  # fmt: skip

        _translated(body, NewsIndexPage, build)


def add_announcement(*, body: Body, values: dict) -> None:
    item = texts.ANNOUNCEMENT
    day = timezone.localdate() + timedelta(days=10 + len(body.slug))
    start = timezone.make_aware(datetime.combine(day, time(14, 0)), timezone.get_current_timezone())

    def build(language):
        return AnnouncementPage(
            title=item[f"title_{language}"].format(**values), slug="budget-hearing",
            intro=item[f"intro_{language}"].format(**values),
            body=item[f"body_{language}"].format(**values), event_start=start,
            event_end=start + timedelta(hours=2),
            event_place=item[f"place_{language}"].format(**values),
        )  # fmt: skip

    _translated(body, AnnouncementIndexPage, build)


def _picture(body: Body, name: str, data: bytes, title: str) -> Image:
    """An image of the body's collection made of `data`."""
    image = Image(
        title=title, collection=body.collection, file=ImageFile(ContentFile(data), name=name)
    )
    image._set_image_file_metadata()
    image.save()
    return image


def fill_leadership(*, body: Body, values: dict) -> None:
    """The head (first, with a photo: the home page shows them) and the deputy head."""
    words = texts.LEADERSHIP
    photo = _picture(
        body, f"{body.slug}-head.jpg", portrait_jpeg(seed=f"{body.slug}-head"), values["head"]
    )

    def change(page, language):
        page.structure = words[f"structure_{language}"]
        page.people = [
            Person(
                name=values[role], position=words[f"{role}_{language}"], phone=values["phone"],
                email=f"{body.slug}@example.org", reception_hours=words[f"{role}_hours_{language}"],
                duties=words[f"{role}_duties_{language}"], photo=photo if role == "head" else None,
            )
            for role in ("head", "deputy")
        ]  # fmt: skip

    _edit_sections(body, LeadershipPage, change)


def fill_council(*, body: Body, values: dict) -> None:
    """The council's page: its deputies (the chair and the secretary with photos) and its
    standing commissions; its sessions and decisions come from the calendar and the registry."""
    words = texts.COUNCIL
    photos = {
        name: _picture(body, f"{body.slug}-deputy-{n}.jpg",
                       portrait_jpeg(seed=f"{body.slug}-{name}"), name)
        for n, (name, position, _number) in enumerate(words["deputies"])
        if position in ("chair", "secretary")
    }  # fmt: skip
    village = {"ky": values.get("village", ""), "ru": values.get("village_ru", "")}

    def change(page, language):
        page.title = words[f"title_{language}"]
        page.about = words[f"about_{language}"].format(**values)
        page.deputies = [
            Deputy(
                name=name, position=words[f"{position}_{language}"] if position else "",
                constituency=words[f"district_{language}"].format(
                    number=number, village=village[language]),
                photo=photos.get(name), reception_hours=words[f"hours_{language}"],
            )
            for name, position, number in words["deputies"]
        ]  # fmt: skip
        page.commissions = [
            Commission(
                name=item[f"name_{language}"], chair=item["chair"],
                members="\n".join(item["members"]), remit=item[f"remit_{language}"],
            )
            for item in words["commissions"]
        ]  # fmt: skip

    _edit_sections(body, CouncilPage, change)


def add_look(*, body: Body, values: dict) -> None:
    """A banner photo on the home and, for every other body, an emblem of its own (the rest
    show the default one, a sun in the country's colours)."""
    banner = _picture(body, f"{body.slug}-banner.jpg",
                      landscape_jpeg(seed=f"{body.slug}-banner", variant=0, size=(1200, 400)),
                      values.get("name_ky", body.slug))  # fmt: skip
    own = random.Random(body.slug).random() < 0.5  # noqa: S311 (which demo body, not secrets)
    emblem = _picture(body, f"{body.slug}-emblem.png", emblem_png(seed=body.slug),
                      body.name_ky) if own else None  # fmt: skip

    def change(page, language):
        page.banner, page.emblem = banner, emblem
        page.banner_alt = texts.BANNER_ALT[language].format(**values)

    _edit_sections(body, BodyHomePage, change)


def fill_contacts(*, body: Body, values: dict) -> None:
    def change(page, language):
        page.body = texts.CONTACTS[f"body_{language}"].format(**values)

    _edit_sections(body, ContactPage, change)


def add_vacancy(*, body: Body) -> None:
    words, deadline = texts.VACANCY, timezone.localdate() + timedelta(days=30)

    def build(language):
        return VacancyPage(
            title=words[f"title_{language}"], slug="accountant", intro=words[f"intro_{language}"],
            body=words[f"body_{language}"], deadline=deadline,
        )  # fmt: skip

    _translated(body, VacancyIndexPage, build)


def add_gallery(*, body: Body, values: dict) -> None:
    words = texts.GALLERY
    images = []
    for n, (alt_ky, _alt_ru) in enumerate(words["images"]):
        data = landscape_jpeg(seed=body.slug, variant=n)
        image = Image(
            title=alt_ky, collection=body.collection,
            file=ImageFile(ContentFile(data), name=f"{body.slug}-{n + 1}.jpg"),
        )  # fmt: skip
        image._set_image_file_metadata()
        image.save()
        images.append(image)

    def build(language):
        alts = [pair[LANGUAGES.index(language)] for pair in words["images"]]
        return GalleryPage(
            title=words[f"title_{language}"].format(**values), slug="views",
            intro=words[f"intro_{language}"],
            gallery_images=[
                GalleryImage(image=image, alt_text=alt, sort_order=n)
                for n, (image, alt) in enumerate(zip(images, alts, strict=True))
            ],
        )  # fmt: skip

    _translated(body, GalleryIndexPage, build)


def add_document(*, body: Body, values: dict) -> Document:
    words = texts.DOCUMENT
    pdf = text_pdf([line.format(**values) for line in words["pdf_lines"]])
    document = Document(
        title=words["title"].format(**values), description=words["description"],
        collection=body.collection,
        file=ContentFile(pdf, name=f"{body.slug}-budget-draft-{values['year']}.pdf"),
    )  # fmt: skip
    document._set_document_file_metadata()
    document.save()
    return document


def ensure_logins(*, password: str) -> list[DemoLogin]:
    """Create or reset the demo logins, all with `password`."""
    users = get_user_model().objects
    for login in LOGINS:
        user = users.filter(username=login.username).first() or users.model(
            username=login.username, email=f"{login.username}@example.org"
        )
        user.set_password(password)
        user.is_superuser = user.is_staff = login.username == "admin"
        user.save()
        if login.username == "supervisor":
            user.groups.add(grant_supervisor_reading())
        elif login.role == "monitoring group member":
            # A resident who signs in on the public site only: no admin access, no staff role.
            body = Body.objects.get(slug=login.body_slug)
            JmegMember.objects.get_or_create(user=user, defaults={"body": body})
        elif login.body_slug:
            body = Body.objects.get(slug=login.body_slug)
            admin = login.role == "body administrator"
            role = Membership.Role.ADMIN if admin else Membership.Role.EDITOR
            set_staff_role(user=user, body=body, role=role)
    return LOGINS


def load_demo(*, password: str, stdout=None) -> list[Body]:
    """The platform's home, the demo territory, bodies with filled sites, and the logins.

    Safe to run again: a body that exists already is left as it is; logins get `password`.
    """
    ensure_platform_home(languages=[code for code, _name in settings.LANGUAGES])
    units = ensure_territory()
    created = []
    for spec in texts.BODIES:
        if Body.objects.filter(slug=spec["slug"]).exists():
            continue
        with transaction.atomic(), indexed_once():
            body = create_demo_body(spec=spec, parent=units[spec["rayon"]])
            fill_site(body=body, values=values_for(spec), news=3 + len(created) % 2)
            demo_transparency.add_evidence(body=body, pattern=len(created) % 3)
        created.append(body)
        if stdout is not None:
            stdout.write(f"  {body.name_ky} / {body.name_ru}: /{body.slug}/ky/")
    specs = {spec["slug"]: spec for spec in texts.BODIES}
    for body in Body.objects.filter(slug__in=list(specs)):
        ensure_demo_budgets(body=body)
        citizens.ensure(body=body, values=values_for(specs[body.slug]))
        demo_requests.ensure(body=body)
        demo_subscriptions.ensure(body=body)
        demo_participation.ensure(body=body)
    ensure_logins(password=password)
    for body in Body.objects.filter(slug__in=list(specs)):
        demo_plans.ensure(body=body)
    demo_social_order.ensure(password=password)
    demo_transparency.compute()
    return created
