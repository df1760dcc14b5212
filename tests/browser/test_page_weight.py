"""A resident on a slow mobile connection: the first load of every public page type, the
page's HTML, its stylesheet and the body's emblem, weighs at most 50 KB compressed, in the
standard version and the version for the visually impaired.

What the browser fetched on a phone (390 px) with an empty cache is counted, each file's body
compressed as the web server sends it (gzip, level 6); photos (news, the banner, portraits,
galleries) are counted apart and printed, since a reader may turn them off and they load as
they come into view.
"""

import gzip

import pytest
from test_axe import LARGE_PRINT, build_site
from test_layout import build_more

from achyk.ui.accessibility import COOKIE_NAME

pytestmark = pytest.mark.browser

BUDGET = 50 * 1024
PHOTO_TYPES = ("image/jpeg", "image/webp", "image/png", "image/gif")


class FirstLoads:
    """A phone's tab (390 px) that loads every page as a first visit: the browser's cache is
    off (DevTools' "Disable cache") and the cookies are cleared before each load, so nothing
    is reused from the page before. One tab per version serves every page, instead of a new
    browser context for each load."""

    def __init__(self, chromium, base_url, *, mode):
        self.base_url, self.mode = base_url, mode
        self.context = chromium.new_context(base_url=base_url,
                                            viewport={"width": 390, "height": 800})  # fmt: skip
        self.page = self.context.new_page()
        self.devtools = self.context.new_cdp_session(self.page)
        self.devtools.send("Network.enable")
        self.devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.responses = []
        self.page.on("response", lambda response: self.responses.append(response))

    def weigh(self, path):
        """(bytes counted, bytes of photos, [(kind, url, bytes)]) of the first load of `path`."""
        self.context.clear_cookies()
        if self.mode == "visually impaired":
            self.context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT,
                                       "url": self.base_url}])  # fmt: skip
        self.page.goto("about:blank")
        self.devtools.send("Network.clearBrowserCache")
        self.responses.clear()
        assert self.page.goto(path).status == 200, path
        self.page.wait_for_load_state("load")
        self.context.in_flight.wait(self.context)  # the photos in view load after "load"
        counted, photos, files = 0, 0, []
        for response in list(self.responses):
            if 300 <= response.status < 400:
                continue  # a redirect (the emblem's address): no body, its target is counted
            size = len(gzip.compress(response.body(), compresslevel=6))
            before = response.request.redirected_from
            emblem = before is not None and before.url.endswith("/emblem/")
            kind = response.headers.get("content-type", "").split(";")[0]
            if kind in PHOTO_TYPES and not emblem:
                photos += size
                files.append(("photo", response.url, size))
            else:
                counted += size
                files.append(("emblem" if emblem else kind, response.url, size))
        return counted, photos, files


def test_first_load_of_every_page_type_fits_the_budget(chromium, live_site, body_a):
    paths = {  # build_site gives the body its emblem, a banner, the head and the council
        f"{name} ({language})": path
        for name, by_language in build_site(body_a).items()
        for language, path in sorted(by_language.items())
        if name != "404"
    }
    paths.update(build_more(body_a))  # the registry, the budget with charts, transparency, ...
    over, report = [], []
    for mode in ("standard", "visually impaired"):
        tab = FirstLoads(chromium, live_site.url, mode=mode)
        try:
            for name, path in paths.items():
                counted, photos, files = tab.weigh(path)
                kinds = sorted({kind for kind, _url, _size in files})
                report.append(f"{mode:18} {counted / 1024:5.1f} KB + photos "
                              f"{photos / 1024:6.1f} KB {name} {kinds}")  # fmt: skip
                assert any(kind == "text/css" for kind, *_rest in files), f"{path}: no stylesheet"
                if path.startswith(f"/{body_a.slug}/"):  # a body's page shows its emblem
                    assert any(kind == "emblem" for kind, *_rest in files), f"{path}: no emblem"
                if counted > BUDGET:
                    over.append(f"{mode}: {name} {path} weighs {counted / 1024:.1f} KB: {files}")
        finally:  # its pages' requests answered before the database is emptied
            tab.context.close()
    print("\nFirst load at 390 px, compressed (version, HTML+CSS+emblem, photos, page)\n"
          + "\n".join(report))  # fmt: skip
    assert not over, "\n".join(over)
