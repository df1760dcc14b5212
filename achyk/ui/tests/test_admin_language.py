"""The admin speaks the clerk's language: a body editor whose admin language is Kyrgyz (or
Kazakh) sees the screens of everyday work with next to no word in Latin script.

Wagtail ships no Kyrgyz or Kazakh catalogue; ours are in achyk/ui/admin_locale. Each screen is
rendered as the editor gets it, its visible text taken (tags, scripts, styles, comments and
attribute values dropped), and the words in Latin script counted against the words in all.
A short allow-list keeps proper names and units (Achyk, Wagtail, PDF, JPEG, px, MB, ...).
The catalogues themselves keep every placeholder and their language's plural forms, and their
committed .mo files are what msgfmt makes of the .po files."""

import gettext
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file_jpeg
from wagtail.users.models import UserProfile

from achyk.content.models import VacancyIndexPage
from achyk.content.tests import factories as content_factories
from achyk.images.models import Image
from achyk.ui.tests.catalogues import read

#: Words in Latin script that are right in any language: names, formats, units.
ALLOWED = {
    "achyk", "wagtail", "pdf", "jpeg", "jpg", "png", "gif", "webp", "avif", "svg", "heic",
    "docx", "xlsx", "doc", "xls", "odt", "ods", "csv", "zip", "txt", "rtf", "ppt", "pptx",
    "px", "kb", "mb", "gb", "url", "html", "utc", "id", "seo", "og", "e", "mail", "email",
    "ky", "ru", "kk", "en", "x",
    # The English language's own name, as the language menus list every language.
    "english",
}  # fmt: skip
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
LATIN = re.compile(r"[A-Za-z]")
#: Addresses (/burana/ky/, https://...) and file names (surot.jpg) are not words.
ADDRESS = re.compile(
    r"\w+://\S*|(?<!\S)/\S*|\S+\.(?:jpe?g|png|gif|webp|avif|svg|pdf|docx?|xlsx?|od[ts]|csv|zip)\b"
)
#: Per screen, the share of visible words in Latin script (percent) the screen stays under.
THRESHOLDS = {
    "login": 1.0, "dashboard": 1.0, "explorer": 1.0, "add subpage": 1.0, "new page": 1.0,
    "invalid page": 1.0, "editor": 1.0,
    "images": 1.0, "image upload": 1.0, "documents": 1.0, "document upload": 1.0,
    "account": 1.0, "page history": 1.0, "translate": 1.0, "image edit": 1.0,
    "document edit": 1.0, "forms": 1.0, "site history": 1.0, "bin": 1.0,
    # Wagtail's page search names no kind of item in its count ("1-2 of 2 None" in English
    # too): that "None" is one word of about a hundred.
    "search": 1.1,
}  # fmt: skip


#: Words each language's screens must show: Kazakh falls back to the default language
#: (Kyrgyz) where a string has no Kazakh, which counting Latin words would not notice.
SHOWN = {
    "ky": {"editor": ["Долбоорду сактоо", "Жарыялоо", "Илгерилетүү"],
           "explorer": ["Барактын учурдагы абалы", "жарыяланган"],
           "dashboard": ["Башкы панель"], "images": ["Сүрөттөр"],
           "add subpage": ["Түзүлө турган барактын түрүн тандаңыз."]},
    "kk": {"editor": ["Жобаны сақтау", "Жариялау", "Ілгерілету"],
           "explorer": ["Беттің ағымдағы күйі", "жарияланған"],
           "dashboard": ["Басқару тақтасы"], "images": ["Суреттер"],
           "add subpage": ["Жасалатын беттің түрін таңдаңыз."]},
}  # fmt: skip


#: What a page saved with errors says.
INVALID = {
    "ky": ["Текшерүүдөгү каталардан улам барак түзүлгөн жок.", "Бул талааны толтуруу милдеттүү."],
    "kk": ["Тексерудегі қателерге байланысты бет жасалмады.", "Бұл өрісті толтыру міндетті."],
}
#: "Loading…" in the catalogue of the admin's scripts.
LOADING = {"ky": "Жүктөлүүдө…", "kk": "Жүктелуде…"}


class VisibleText(HTMLParser):
    """The text a reader sees: data outside <script>, <style>, <template> and <head>, hidden
    menus, tabs and panels included, which a click opens; not the counters of the side panels'
    buttons, which a script fills before they show ("None" until then). The options of the
    time-zone menu are left out too: their names (Asia/Bishkek) are the identifiers of the IANA
    database, in Latin script in every language."""

    HIDDEN = {"script", "style", "template", "head", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        hides = (
            tag in self.HIDDEN
            or has(attrs, "data-side-panel-toggle-counter")
            or (tag == "select" and ("name", "locale-current_time_zone") in attrs)
        )
        self.open.append((tag, hides))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not any(hides for _tag, hides in self.open):
            self.parts.append(data)


def has(attrs, name: str) -> bool:
    return any(key == name for key, _value in attrs)


def words(html: str) -> list[str]:
    """The words of the visible text, addresses and file names left out."""
    parser = VisibleText()
    parser.feed(html)
    return WORD.findall(ADDRESS.sub(" ", " ".join(parser.parts)))


def latin(found: list[str]) -> list[str]:
    return [w for w in found if LATIN.search(w) and w.lower() not in ALLOWED]


def screens(client, body, editor, language):
    """(name, html) of each everyday screen, as the editor gets it."""
    home = body.site.root_page
    news = content_factories.news(body, "ky", title="Жаңылык ң ө ү", intro="Кыскача мазмуну")
    image = Image.objects.create(
        title="Сүрөт", collection=body.collection,
        file=get_test_image_file_jpeg(filename="сүрөт.jpg"),
    )  # fmt: skip
    document = content_factories.document(body, title="Токтом ң", name="токтом.pdf")
    login = client.get(reverse("wagtailadmin_login"))
    yield "login", login
    client.force_login(editor)
    yield "dashboard", client.get(reverse("wagtailadmin_home"))
    yield "explorer", client.get(reverse("wagtailadmin_explore", args=[home.pk]))
    # A home holds one section of each kind: with the vacancies' section gone, two kinds of
    # page may be added and the chooser shows; with one kind, it leads straight to its form.
    vacancies = home.get_children().type(VacancyIndexPage).get()
    vacancies.delete()
    yield "add subpage", client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))
    new_page = client.get(
        reverse("wagtailadmin_pages:add", args=["content", "standardpage", home.pk])
    )
    yield "new page", new_page
    yield "invalid page", client.post(new_page.request["PATH_INFO"], {"title": ""})
    yield "editor", client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
    yield "page history", client.get(reverse("wagtailadmin_pages:history", args=[news.pk]))
    yield (
        "translate",
        client.get(reverse("simple_translation:submit_page_translation", args=[news.pk])),
    )
    yield "images", client.get(reverse("wagtailimages:index"))
    yield "image edit", client.get(reverse("wagtailimages:edit", args=[image.pk]))
    yield "image upload", client.get(reverse("wagtailimages:add_multiple"))
    yield "documents", client.get(reverse("wagtaildocs:index"))
    yield "document upload", client.get(reverse("wagtaildocs:add_multiple"))
    yield "document edit", client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    yield "forms", client.get(reverse("wagtailforms:index"))
    yield "site history", client.get(reverse("wagtailadmin_reports:site_history"))
    yield "bin", client.get(reverse("bin:index"))
    yield "account", client.get(reverse("wagtailadmin_account"))
    yield "search", client.get(reverse("wagtailadmin_pages:search"), {"q": "жаңылык"})


@pytest.mark.parametrize("language", ["ky", "kk"])
def test_everyday_admin_screens_read_in_the_editors_language(client, body_a, editor_a, language):
    profile = UserProfile.get_for_user(editor_a)
    profile.preferred_language = language
    profile.save()
    client.cookies["django_language"] = language
    figures, over = [], []
    for name, response in screens(client, body_a, editor_a, language):
        assert response.status_code == 200, name
        html = response.content.decode()
        assert f'lang="{language}"' in html, name
        for label in SHOWN[language].get(name, []) + INVALID[language] * (name == "invalid page"):
            assert label in html, (name, label)
        found = words(html)
        foreign = latin(found)
        share = 100 * len(foreign) / max(len(found), 1)
        figures.append(f"{name}: {len(foreign)}/{len(found)} ({share:.1f} %)")
        if share >= THRESHOLDS[name]:
            over.append((name, round(share, 1), sorted(set(foreign))))
    # The strings of the admin's scripts come from the same catalogues (djangojs).
    scripts = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert json.dumps(LOADING[language])[1:-1] in scripts
    print(f"\nLatin-script words in the admin ({language}): " + "; ".join(figures))
    for name, share, foreign in over:
        print(f"  {name} ({share} %): {' '.join(foreign)}")
    assert over == []


NPLURALS = {"ky": 1, "kk": 2}
ADMIN_LOCALE = Path(__file__).resolve().parents[1] / "admin_locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


@pytest.mark.parametrize(
    ("language", "domain"), [(lang, dom) for lang in NPLURALS for dom in ["django", "djangojs"]]
)
def test_admin_catalogues_keep_placeholders_plural_forms_and_are_compiled(language, domain):
    path = ADMIN_LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    header, entries = read(path)
    assert header["Language"] == language
    assert f"nplurals={NPLURALS[language]};" in header["Plural-Forms"]
    with open(path.with_suffix(".mo"), "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    for entry in entries:
        assert entry.translated and "fuzzy" not in entry.flags, entry.msgid
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == list(range(NPLURALS[language])), entry.msgid
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in entry.msgstr.values():
            assert set(PLACEHOLDER.findall(text)) <= wanted, (entry.msgid, text)
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            assert mo._catalog.get(msgid) == entry.msgstr[0], entry.msgid
        else:
            for index, text in entry.msgstr.items():
                assert mo._catalog.get((msgid, index)) == text, entry.msgid
