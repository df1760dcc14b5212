"""The admin works under its Content-Security-Policy, which allows no inline script.

Wagtail starts its date pickers, inline panels and choosers with inline scripts; the project
replaces them by carriers that one static script starts (achyk/ui/admin_scripts.py). An editor
walks every kind of admin screen that carries them: the page editor with inline panels (a
gallery's images, a form's fields) and date pickers, image, document and page choosers opened
as modals (with their upload forms), bulk uploads, and the registry's and the hearings' forms.
Each widget is used, so a widget that was never started fails the test; the conftest fails it
on any violation of the policy, and this module on any script error.
"""

import io

import pytest
from PIL import Image as PILImage
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from steps import PDF, choose_by_upload, publish, sign_in

from achyk.budget.hearings.models import Hearing
from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.documents.models import Act, Document
from achyk.images.models import Image

pytestmark = pytest.mark.browser


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "mektep.jpg"
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), (40, 120, 200)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def act(tmp_path):
    path = tmp_path / "toktom.pdf"
    path.write_bytes(PDF)
    return path


@pytest.fixture(autouse=True)
def _one_request_at_a_time(settings):
    """No background saves or presence pings of the editor: the test database (SQLite in
    memory) refuses requests that overlap a write, which these would make at random times."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000


@pytest.fixture
def admin_page(browser_page):
    """The browser tab; the test fails on any script error of its pages."""
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(f"{browser_page.url}: {error}"))
    yield browser_page
    assert errors == [], "\n".join(errors)


def pick_a_date(page, selector):
    """Opens the date picker of the field and clicks a day (and a time, if it asks for one):
    the field gets the date and the picker closes, uncovering the next fields. The click is
    repeated once if the page, still settling, moved the focus away and closed the picker."""
    picker = page.locator(".xdsoft_datetimepicker >> visible=true")
    page.fill(selector, "")
    for _attempt in range(2):
        page.click(selector)
        try:
            picker.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            continue
    picker.locator(".xdsoft_date:not(.xdsoft_other_month)").nth(9).click()
    times = picker.locator(".xdsoft_timepicker >> visible=true").locator(".xdsoft_time")
    if times.count():
        times.nth(20).click()
    assert page.input_value(selector)
    expect(picker).to_have_count(0)


def choose_in_modal(page, field):
    """Opens the chooser of `field` and picks the first item its modal lists."""
    page.click(f"#id_{field}-chooser .unchosen [data-chooser-action-choose]")
    page.locator(".modal [data-chooser-modal-choice]").first.click()
    page.wait_for_selector(f"#id_{field}-chooser:not(.blank)")


def test_page_editor_inline_panels_pickers_and_choosers(admin_page, editor_a, photo, act):
    body = editor_a.membership.body
    page = admin_page
    galleries = f.section(body, "ky", content.GalleryIndexPage)
    news = f.section(body, "ky", content.NewsIndexPage)
    vacancies = f.section(body, "ky", content.VacancyIndexPage)
    sign_in(page, editor_a.username)

    # A gallery: the inline panel's first row, a row it adds, each with its image chooser.
    page.goto(f"/admin/pages/add/content/gallerypage/{galleries.pk}/")
    page.fill("#id_title", "Айыл күнү")
    choose_by_upload(page, "gallery_images-0-image", "image", "Мектеп", photo)
    page.fill("#id_gallery_images-0-alt_text", "Мектептин имараты")
    page.click("#id_gallery_images-ADD")
    choose_in_modal(page, "gallery_images-1-image")
    page.fill("#id_gallery_images-1-alt_text", "Ошол эле имарат")
    publish(page)
    gallery = content.GalleryPage.objects.get(title="Айыл күнү")
    assert gallery.gallery_images.count() == 2

    # A news item: the document chooser's upload form carries a date picker of its own.
    page.goto(f"/admin/pages/add/content/newspage/{news.pk}/")
    page.fill("#id_title", "Токтом кабыл алынды")
    page.fill("#id_intro", "Кеңештин токтому")
    page.click("#id_document-chooser .unchosen [data-chooser-action-choose]")
    page.click("#tab-label-upload")
    pick_a_date(page, "#id_document-chooser-upload-act_adopted_on")
    page.click(".modal button.close")
    choose_in_modal(page, "image")
    page.fill("#id_image_alt", "Мектеп")
    choose_by_upload(page, "document", "document", "Токтом №8", act)
    publish(page)
    assert content.NewsPage.objects.get(title="Токтом кабыл алынды").document.title == "Токтом №8"

    # A vacancy's closing date; the form page's fields, an inline panel without choosers.
    page.goto(f"/admin/pages/add/content/vacancypage/{vacancies.pk}/")
    pick_a_date(page, "#id_deadline")
    reception = f.section(body, "ky", content.FeedbackFormPage)
    page.goto(f"/admin/pages/{reception.pk}/edit/")
    rows = page.locator("#id_form_fields-FORMS > [data-inline-panel-child]")
    before = rows.count()
    page.click("#id_form_fields-ADD")
    page.click("#id_form_fields-ADD")
    page.fill(f"#id_form_fields-{before + 1}-label", "Аты-жөнү")
    assert rows.count() == before + 2

    # The page chooser of a copy: its modal browses the body's tree and offers the sections
    # a gallery may go to.
    page.goto(f"/admin/pages/{gallery.pk}/copy/")
    page.click("#id_new_parent_page-chooser .chosen [data-w-dropdown-target=toggle]")
    page.click("#id_new_parent_page-chooser [data-chooser-action-choose] >> visible=true")
    page.click(f".modal a.choose-page[data-id='{galleries.pk}']")
    page.locator(".modal").wait_for(state="hidden")
    assert page.input_value("#id_new_parent_page") == str(galleries.pk)


def test_bulk_uploads_registry_and_hearing_forms(admin_page, editor_a, photo, act):
    page = admin_page
    sign_in(page, editor_a.username)

    page.goto("/admin/documents/multiple/add/")
    page.set_input_files("#fileupload", str(act))
    form = page.locator("#upload-list form").first
    form.wait_for()
    pick_a_date(page, "#upload-list input[name$='act_adopted_on']")
    assert Document.objects.filter(body=editor_a.membership.body).count() == 1

    page.goto("/admin/images/multiple/add/")
    page.set_input_files("#fileupload", str(photo))
    page.locator("#upload-list form").first.wait_for()
    assert Image.objects.filter(body=editor_a.membership.body).count() == 1

    page.goto("/admin/acts/new/")
    page.fill("#id_title_ky", "Бюджет жөнүндө")
    page.fill("#id_number", "12")
    page.select_option("#id_type", index=1)
    pick_a_date(page, "#id_adopted_on")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_url("**/admin/acts/")
    assert Act.objects.filter(title="Бюджет жөнүндө").exists()

    page.goto("/admin/budget-hearings/new/")
    pick_a_date(page, "#id_starts_at")
    choose_in_modal(page, "draft_document")
    page.click("[role=tab] >> nth=2")
    page.click("#id_proposals-ADD")
    assert page.locator("#id_proposals-FORMS > [data-inline-panel-child]").count() == 1
    assert not Hearing.objects.exists()
