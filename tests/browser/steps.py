"""Steps the browser tests share: in the admin, signing in, choosing a file by uploading it in
a chooser, publishing a page from its editor; on the public site, waiting for a photo."""

from achyk.bodies.tests import factories as body_factories

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sign_in(page, username):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", body_factories.PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")


def choose_by_upload(page, field, prefix, title, path):
    """Open the chooser of `field`, upload a new file in its Upload tab; the chooser picks it."""
    page.click(f"#id_{field}-chooser .unchosen [data-chooser-action-choose]")
    page.click("#tab-label-upload")
    page.fill(f"#id_{prefix}-chooser-upload-title", title)
    page.set_input_files(f"#id_{prefix}-chooser-upload-file", str(path))
    page.fill(f"#id_{prefix}-chooser-upload-title", title)
    page.click("#tab-upload form button[type=submit]")
    page.wait_for_selector(f"#id_{field}-chooser:not(.blank)")


def publish(page):
    page.click('footer .w-dropdown-button > button[name="action-publish"]')  # the main button
    page.wait_for_url("**/admin/pages/*/")


def photo_loads(page, alt):
    """The page's photo described by `alt` arrives and decodes."""
    image = page.locator(f'main figure img[alt="{alt}"]')
    image.scroll_into_view_if_needed()
    # The photo is lazy-loaded: wait until it has arrived and decoded (a broken one never does).
    image.evaluate(
        "img => img.complete && img.naturalWidth > 0 || new Promise((resolve, reject) => {"
        " img.addEventListener('load', () => resolve(true));"
        " img.addEventListener('error', () => reject(new Error('photo failed: ' + img.src))); })"
    )
    assert image.evaluate("img => img.naturalWidth") > 0
