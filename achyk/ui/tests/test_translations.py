"""Every string of our own UI is translatable, and the Kyrgyz and Russian catalogues are
complete (no untranslated, no fuzzy entry), up to date with the source and compiled. Kazakh
and English may lag: their coverage is printed, never failed on."""

import gettext
import re
import shutil

import pytest
from django.core.management import call_command

from achyk.ui.tests.catalogues import LOCALE_DIR, catalogue, read

COMPLETE = ["ky", "ru"]
ALL = ["ky", "ru", "kk", "en"]
NPLURALS = {"ky": 1, "ru": 4, "kk": 2, "en": 2}
# The same as `make messages` (Makefile: MESSAGES_IGNORE).
IGNORE = [
    "var/*", "bench/*", "tests/*", "docs/*", "*/tests/*", "*.egg-info/*",
    "achyk/bodies/templates/wagtailadmin/base.html",
]  # fmt: skip
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w*\}")


@pytest.mark.parametrize("language", COMPLETE)
def test_catalogue_is_complete(language):
    _header, entries = read(catalogue(language))
    untranslated = [e.msgid for e in entries if not e.translated]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ALL)
def test_catalogue_has_the_plural_forms_of_its_language(language):
    header, entries = read(catalogue(language))
    assert header["Language"] == language
    assert f"nplurals={NPLURALS[language]};" in header["Plural-Forms"]
    for entry in entries:
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == list(range(NPLURALS[language])), entry.msgid


@pytest.mark.parametrize("language", ALL)
def test_translations_keep_every_placeholder(language):
    _header, entries = read(catalogue(language))
    for entry in entries:
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in filter(None, entry.msgstr.values()):
            assert set(PLACEHOLDER.findall(text)) <= wanted, (entry.msgid, text)
            if language != "ky" or entry.msgid_plural is None:
                assert set(PLACEHOLDER.findall(text)) >= wanted - {""}, (entry.msgid, text)


@pytest.mark.parametrize("language", ALL)
def test_compiled_catalogue_matches_its_source(language):
    """The committed .mo is what `make messages` compiles from the .po (run it if this fails)."""
    _header, entries = read(catalogue(language))
    with open(catalogue(language).with_suffix(".mo"), "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    for entry in entries:
        if not entry.translated or "fuzzy" in entry.flags:
            continue
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            assert mo._catalog.get(msgid) == entry.msgstr[0], entry.msgid
        else:
            for index, text in entry.msgstr.items():
                assert mo._catalog.get((msgid, index)) == text, entry.msgid


def test_catalogues_are_up_to_date_with_the_source(settings, tmp_path, monkeypatch):
    """`make messages` would add no string and drop none: every translatable string of the
    source is in the catalogues. Needs GNU gettext (xgettext, msgmerge)."""
    assert shutil.which("xgettext") and shutil.which("msgmerge"), (
        "GNU gettext is needed to extract strings: apt-get install gettext"
    )
    monkeypatch.chdir(LOCALE_DIR.parents[1])
    settings.LOCALE_PATHS = [tmp_path]
    # Skipping achyk/locale keeps makemessages from writing into the committed catalogues.
    call_command("makemessages", locale=["ru"], ignore_patterns=[*IGNORE, "achyk/locale"],
                 verbosity=0, no_obsolete=True)  # fmt: skip
    _header, fresh = read(tmp_path / "ru" / "LC_MESSAGES" / "django.po")
    _header, committed = read(catalogue("ru"))
    fresh_keys, committed_keys = {e.key for e in fresh}, {e.key for e in committed}
    assert sorted(fresh_keys - committed_keys, key=str) == [], "new strings: run `make messages`"
    assert sorted(committed_keys - fresh_keys, key=str) == [], "stale strings: run `make messages`"


def test_coverage_of_kazakh_and_english_is_reported(capsys):
    lines = []
    for language in ALL:
        _header, entries = read(catalogue(language))
        done = sum(1 for e in entries if e.translated and "fuzzy" not in e.flags)
        lines.append(f"{language}: {done}/{len(entries)} ({done * 100 // max(len(entries), 1)}%)")
    with capsys.disabled():
        print("\ncatalogue coverage: " + ", ".join(lines))
    assert lines


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("ky", ["Жаңылыктар", "Кулактандыруулар", "Документтер", "Байланыш", "Бош орундар",
                "Жетекчилик жана түзүм", "Негизги мазмунга өтүү",
                "Көрүүсү начар адамдар үчүн версия"]),
        ("ru", ["Новости", "Объявления", "Документы", "Контакты", "Вакансии",
                "Руководство и структура", "Перейти к основному содержанию",
                "Версия для слабовидящих"]),
    ],
)  # fmt: skip
def test_body_home_shows_navigation_in_the_language_of_the_address(
    client, body_a, language, labels
):
    html = client.get(f"/burana/{language}/").content.decode()
    assert f'<html lang="{language}"' in html
    for label in labels:
        assert label in html, label


def test_kazakh_body_home_shows_kazakh_navigation(client, platform):
    from achyk.bodies.tests import factories

    factories.body(slug="alatau", country="KZ", name="Алатау")
    html = client.get("/alatau/kk/").content.decode()
    assert '<html lang="kk"' in html
    for label in ["Жаңалықтар", "Хабарландырулар", "Құжаттар", "Байланыстар"]:
        assert label in html, label
