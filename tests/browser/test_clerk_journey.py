"""A village clerk works in Kyrgyz: from the dashboard's to-do list she publishes a news item
with a photo and its Russian translation, leaves a news item half-written and starts it
again, uploads an act titled in both languages; each line of the list opens the exact form
and clears once done; no admin screen she sees shows a word of English."""

import re
from urllib.parse import quote, unquote

import pytest
from django.utils import translation
from playwright.sync_api import expect
from steps import choose_by_upload, photo_loads, sign_in
from wagtail.users.models import UserProfile

from achyk.bodies.tests import factories as body_factories
from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.documents.models import Act
from achyk.transparency import services, wording
from achyk.transparency.models import Duty, Score
from achyk.transparency.tests import factories as duties
from achyk.ui.tests.test_admin_language import VisibleText, latin, words

pytestmark = pytest.mark.browser

NEWS_DUTY, ACTS_DUTY = "Жаңылыктарды жарыялоо", "Айылдык кеңештин токтомдору"
ACT_TYPE = "council-resolution"


@pytest.fixture
def clerk(live_site, body_a):
    """A staff editor of body_a whose admin speaks Kyrgyz, and the body's duties to publish
    news and the council's resolutions, counted once before she signs in."""
    user = body_factories.staff(body_a, username="айгүл")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ky"
    profile.save()
    Score.objects.all().delete()  # the test's own register instead of the seeded one
    Duty.objects.all().delete()
    duties.duty(code="news", keys="page:news", title_ky=NEWS_DUTY, order=1)
    duties.duty(code="resolutions", keys=f"doctype:{ACT_TYPE}", title_ky=ACTS_DUTY, order=2)
    services.recompute()
    return user


def in_kyrgyz(message: str) -> str:
    with translation.override("ky"):
        return translation.gettext(message)


#: The keys of the keyboard-shortcuts dialog (Ctrl, Shift, Esc, K), drawn as keycaps.
KEYCAPS = re.compile(r"<kbd\b[^>]*>.*?</kbd>", re.S)
#: The date picker's "Save Selected", in English in its code: never shown, as Wagtail does not
#: turn the picker's apply button on (`reads_kyrgyz` checks it stays hidden).
NEVER_SHOWN = ".xdsoft_save_selected"
APPLY_BUTTON = re.compile(r"<button[^>]*xdsoft_save_selected[^>]*>.*?</button>", re.S)


def reads_kyrgyz(page) -> None:
    """The admin screen shown, as its scripts left it, speaks Kyrgyz: no word in Latin script
    beyond the allow-list of the admin-language test (names, formats, units), the keycaps of
    the shortcuts dialog and the date picker's button that is never shown."""
    page.wait_for_load_state("load")
    assert page.get_attribute("html", "lang") == "ky", page.url
    for hidden in page.locator(NEVER_SHOWN).all():
        expect(hidden).to_be_hidden()
    html = APPLY_BUTTON.sub(" ", KEYCAPS.sub(" ", page.content()))
    foreign = latin(words(html))
    assert foreign == [], f"{page.url}: {sorted(set(foreign))} in {in_context(html, foreign)}"


def in_context(html: str, found: list[str]) -> list[str]:
    """Each word with the visible text around it: where on the screen to look."""
    parser = VisibleText()
    parser.feed(html)
    text = re.sub(r"\s+", " ", " ".join(parser.parts))
    return [
        text[max(m.start() - 60, 0) : m.end() + 60]
        for m in (re.search(rf"\b{re.escape(word)}\b", text) for word in dict.fromkeys(found))
        if m
    ]


def todo_line(page, duty_title):
    """The line of the dashboard's to-do panel about `duty_title`."""
    panel = page.locator("section", has=page.get_by_role(
        "heading", name=in_kyrgyz("Transparency: what to publish")
    ))  # fmt: skip
    return panel.locator("li", has_text=duty_title)


#: Notes when the editor's form begins to watch for edits: Wagtail takes the form as it is
#: two seconds after it is drawn as the starting point, and autosaves what changed since.
WATCH_EDITS = """
document.addEventListener("w-unsaved:watch-edits", (event) => {
  event.target.setAttribute("data-achyk-watching", "");
});
"""


def watching_edits(page):
    expect(page.locator("#page-edit-form[data-achyk-watching]")).to_have_count(1)


def publish_first(page):
    """Publish is the editor's first, plain action: pressed without opening any menu."""
    main = page.locator("footer button").first
    expect(main).to_have_attribute("name", "action-publish")
    main.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def test_clerk_works_through_her_todo_list_in_kyrgyz(browser_page, body_a, clerk, files):
    photo, pdf = files
    news_ky = f.section(body_a, "ky", content.NewsIndexPage)
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())
    page.add_init_script(WATCH_EDITS)

    page.goto("/admin/login/")
    reads_kyrgyz(page)
    sign_in(page, "айгүл")
    reads_kyrgyz(page)

    # The news line's button opens the form of a news item in the Kyrgyz news section.
    todo_line(page, NEWS_DUTY).locator("a.button").click()
    page.wait_for_url(f"**/admin/pages/add/content/newspage/{news_ky.pk}/")
    reads_kyrgyz(page)
    page.fill("#id_title", "Мектеп оңдолду")
    page.fill("#id_intro", "Айылдагы мектеп жаңыланды")
    choose_by_upload(page, "image", "image", "Мектеп", photo)
    page.fill("#id_image_alt", "Жаңы мектептин имараты")
    publish_first(page)
    reads_kyrgyz(page)
    item = content.NewsPage.objects.get(title="Мектеп оңдолду")
    assert item.live and item.image.body == body_a

    # Its Russian translation, from the translate screen, which offers the body's other
    # language only.
    page.click(f'a[href$="/admin/pages/{item.pk}/edit/"]')  # the item, in its section's list
    page.wait_for_url(f"**/admin/pages/{item.pk}/edit/")
    reads_kyrgyz(page)
    page.click("header [data-w-dropdown-target=toggle]")  # its actions: the tooltip menu
    page.click(f'a[href*="/admin/translation/submit/page/{item.pk}/"]')
    page.wait_for_url(f"**/admin/translation/submit/page/{item.pk}/*")
    reads_kyrgyz(page)
    ru = f.home(body_a, "ru").locale_id
    offered = page.locator('input[name="locales"]')
    expect(offered).to_have_count(1)
    expect(offered).to_have_attribute("value", str(ru))
    offered.check()
    page.click("form[data-controller=w-bulk] input[type=submit]")
    page.wait_for_url("**/edit/")
    reads_kyrgyz(page)
    page.fill("#id_title", "Школа отремонтирована")
    page.fill("#id_image_alt", "Здание новой школы")
    publish_first(page)
    item_ru = content.NewsPage.objects.get(title="Школа отремонтирована")
    assert item_ru.live and item_ru.translation_key == item.translation_key

    page.goto("/burana/ky/news/")
    page.click("text=Мектеп оңдолду")
    page.wait_for_url(lambda url: unquote(url).endswith(f"/burana/ky/news/{item.slug}/"))
    expect(page.locator("h1")).to_have_text("Мектеп оңдолду")
    photo_loads(page, "Жаңы мектептин имараты")
    page.click('ul.langs a[hreflang="ru"]')
    page.wait_for_url(lambda url: unquote(url).endswith(f"/burana/ru/news/{item_ru.slug}/"))
    expect(page.locator("h1")).to_have_text("Школа отремонтирована")
    photo_loads(page, "Здание новой школы")

    # Done in both languages: the line is being recounted, or (counted at once) gone.
    page.goto("/admin/")
    reads_kyrgyz(page)
    news_line = todo_line(page, NEWS_DUTY)
    recounting = in_kyrgyz("Recount pending: the monitor is counting your latest change.")
    expect(news_line.filter(has_not_text=recounting)).to_have_count(0)

    # A news item begun and left: autosave keeps it as a draft.
    page.goto(f"/admin/pages/{news_ky.pk}/")
    reads_kyrgyz(page)
    page.locator(f'a[href$="/admin/pages/{news_ky.pk}/add_subpage/"]').first.click()
    page.wait_for_url(f"**/admin/pages/add/content/newspage/{news_ky.pk}/")
    watching_edits(page)
    page.fill("#id_title", "Суу түтүгү")
    page.fill("#id_intro", "Биринчи жолу башталды")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))  # the autosave made the draft
    left = content.NewsPage.objects.get(title="Суу түтүгү")
    assert not left.live
    page.goto("/admin/")

    # Begun again with the same title: offered to continue; published at once (the title
    # typed, then straight to Publish, which may race the form's first autosave), with no
    # error: one page published at an address of its own, the draft apart and not public.
    page.goto(f"/admin/pages/add/content/newspage/{news_ky.pk}/")
    reads_kyrgyz(page)
    unfinished = page.locator("[data-unfinished-pages]")
    expect(unfinished.locator(f'a[href$="/admin/pages/{left.pk}/edit/"]')).to_have_count(1)
    watching_edits(page)
    page.fill("#id_title", "Суу түтүгү")
    page.fill("#id_intro", "Суу түтүгү оңдолду")
    publish_first(page)
    reads_kyrgyz(page)
    again = content.NewsPage.objects.filter(title="Суу түтүгү")
    assert again.count() == 2 and again.live().count() == 1  # the one left, the one published
    fresh = again.live().get()
    page.goto("/burana/ky/news/")
    expect(page.locator("main a", has_text="Суу түтүгү")).to_have_count(1)
    expect(page.locator("main a", has_text="Суу түтүгү")).to_have_attribute(
        "href", f"/burana/ky/news/{quote(fresh.slug)}/"
    )
    assert page.request.get(f"/burana/ky/news/{left.slug}/").status == 404

    # The resolutions' line, about both languages, opens the upload of an act of that type.
    page.goto("/admin/")
    with translation.override("ky"):
        both = ", ".join(wording.language_names(["ky", "ru"]))
    expect(todo_line(page, ACTS_DUTY)).to_contain_text(both)
    todo_line(page, ACTS_DUTY).locator("a.button").click()
    page.wait_for_url(f"**/admin/documents/add/?act_type={ACT_TYPE}")
    reads_kyrgyz(page)
    expect(page.locator("#id_act_type option:checked")).not_to_have_text("---------")
    page.fill("#id_title", "Жер салыгы жөнүндө токтом")
    page.set_input_files("#id_file", str(pdf))
    page.select_option("#id_language", "ky")
    page.fill("#id_act_number", "12")
    page.fill("#id_act_signatory", "Асанов А.")
    page.click("#w-editor-form button[type=submit]")
    page.wait_for_url("**/admin/documents/")
    reads_kyrgyz(page)
    act = Act.objects.get(title_ky="Жер салыгы жөнүндө токтом")

    # Its Russian title, in the registry of acts.
    page.goto("/admin/acts/")
    reads_kyrgyz(page)
    page.click(f'main a[href*="/admin/acts/edit/{act.pk}/"]')
    page.wait_for_url(f"**/admin/acts/edit/{act.pk}/")
    reads_kyrgyz(page)
    page.fill("#id_title_ru", "Постановление о земельном налоге")
    page.click("#w-editor-form footer button[type=submit]")
    page.wait_for_url("**/admin/acts/")
    reads_kyrgyz(page)

    page.goto("/burana/ky/documents/")
    expect(page.locator("main")).to_contain_text("Жер салыгы жөнүндө токтом")
    page.goto("/burana/ru/documents/")
    expect(page.locator("main")).to_contain_text("Постановление о земельном налоге")
    expect(page.locator("main")).not_to_contain_text("Жер салыгы жөнүндө токтом")

    page.goto("/admin/")
    reads_kyrgyz(page)
    # The Kyrgyz version is in: the line, if not being recounted, is about Russian alone.
    acts_line = todo_line(page, ACTS_DUTY)
    with translation.override("ky"):
        kyrgyz, russian = wording.language_names(["ky", "ru"])
    expect(acts_line.filter(has_not_text=recounting).filter(has_text=kyrgyz)).to_have_count(0)
    expect(acts_line.filter(has_not_text=recounting)).to_contain_text(russian)
