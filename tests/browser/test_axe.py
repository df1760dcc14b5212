"""axe-core on every public page type, in Kyrgyz and Russian, in the standard version and the
version for the visually impaired: no violation of impact "serious" or "critical".

Minor and moderate findings are printed (run with -s) so they can be reported and worked down.
"""

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.ui.accessibility import COOKIE_NAME

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
LARGE_PRINT = "s=l.c=high.p=wide.i=1"


def build_site(body):
    """One item of every page type in ky and ru; returns {page type: {language: path}}."""
    urls = {name: {} for name in [
        "platform home", "body home", "news index", "news page", "announcements", "announcement",
        "standard page", "gallery index", "gallery", "documents", "leadership", "contacts",
        "vacancies", "vacancy", "feedback form", "untranslated page", "404",
    ]}  # fmt: skip
    f.document(body, title="Бюджет 2026")
    for language in ["ky", "ru"]:
        prefix = f"/{body.slug}/{language}"
        f.news(body, language, slug="news-item", image=f.image(body), image_alt="Айыл",
               document=f.document(body))  # fmt: skip
        f.announcement(body, language, slug="meeting")
        f.standard(body, language, slug="about", title="Айыл аймак жөнүндө")
        f.gallery(body, language, slug="nooruz", title="Нооруз")
        f.vacancy(body, language, slug="accountant", title="Бухгалтер")
        f.leadership(body, language)
        reception = f.section(body, language, content.FeedbackFormPage)
        content.FeedbackFormField.objects.create(
            page=reception, label="Аты-жөнү / ФИО", field_type="singleline", required=True
        )
        content.FeedbackFormField.objects.create(
            page=reception, label="Кайрылуу / Обращение", field_type="multiline", required=True
        )
        only_here = f.news(body, language, slug="only-here")
        other = "ru" if language == "ky" else "ky"
        paths = {
            "platform home": f"/{language}/", "body home": f"{prefix}/",
            "news index": f"{prefix}/news/", "news page": f"{prefix}/news/news-item/",
            "announcements": f"{prefix}/announcements/",
            "announcement": f"{prefix}/announcements/meeting/", "standard page": f"{prefix}/about/",
            "gallery index": f"{prefix}/gallery/", "gallery": f"{prefix}/gallery/nooruz/",
            "documents": f"{prefix}/documents/", "leadership": f"{prefix}/leadership/",
            "contacts": f"{prefix}/contacts/", "vacancies": f"{prefix}/vacancies/",
            "vacancy": f"{prefix}/vacancies/accountant/", "feedback form": f"{prefix}/reception/",
            "untranslated page": f"/{body.slug}/{other}/untranslated/{only_here.pk}/",
            "404": f"{prefix}/no-such-page/",
        }  # fmt: skip
        for name, path in paths.items():
            # the untranslated notice is read in the *other* language
            urls[name][other if name == "untranslated page" else language] = path
    return urls


def test_no_serious_or_critical_accessibility_violations_on_any_page_type(
    chromium, live_site, body_a
):
    urls = build_site(body_a)
    blocking, report = [], []
    for mode in ["standard", "visually impaired"]:
        context = chromium.new_context(base_url=live_site.url)
        if mode == "visually impaired":
            context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}])
        page = context.new_page()
        for name, by_language in urls.items():
            for language, path in sorted(by_language.items()):
                found, line = check(page, name, language, path)
                blocking += found
                report.append(f"{mode:18} {line}")
        context.close()
    print("\naxe-core results (page type, language, counts by impact, rules)\n" + "\n".join(report))
    assert not blocking, "\n".join(blocking)


def check(page, name, language, path):
    response = page.goto(path)
    assert response.status == (404 if name == "404" else 200), path
    assert page.get_attribute("html", "lang") == language, path
    results = Axe().run(page).response
    assert results["passes"], f"axe-core did not run on {path}"
    violations = results["violations"]
    impacts = Counter(v["impact"] for v in violations)
    line = (
        f"{language} {name:18} minor={impacts['minor']} moderate={impacts['moderate']} "
        f"serious={impacts['serious']} critical={impacts['critical']} "
        f"{sorted({v['id'] for v in violations})}"
    )
    blocking = [
        f"{language} {name} {path}: {v['id']} ({v['impact']}): {v['help']} "
        f"{[node['target'] for node in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    return blocking, line
