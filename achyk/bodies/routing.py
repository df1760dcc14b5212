"""Which body a request is for, remembered by each process between requests.

Finding the body of a host, or of a path's first segment, is a query, and building it in the
ORM took about three quarters of a page cache hit (docs/benchmarks.md). The answer changes
only when a body or a site does, so each process keeps the answers it found under the
routing version held in the cache (`bodies:routing`, shared by every process with Redis):
saving or deleting a body or a site moves the version at once and again after its
transaction commits (a request that read the old row meanwhile may have kept it under the
new version), and each process drops what it kept on its next request. A request costs one
read of the version from the cache instead of the query. The body of a host and the body of
a slug are kept apart, so a host asked for many paths holds one answer. The body whose site
shows a home page (`body_of_home`, which the admin asks of every page it checks) is kept the
same way.

Each request gets its own copy of the body and of its site, so nothing a request does to
them reaches another. When the cache does not answer, the database is asked each time. A process
whose cache is its own memory (no REDIS_URL) does not see the bumps of other processes
(`manage.py` commands): what it keeps is found again after KEEP_SECONDS at the latest.
"""

import copy
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from .models import RESERVED_SLUGS, Body

T = TypeVar("T")

VERSION_KEY = "bodies:routing"
#: Answers kept are found again after this many seconds at the latest.
KEEP_SECONDS = 60
#: At most this many answers per process: any first segment of a path is asked about (a
#: slug that names no body is kept as None).
MAX_ANSWERS = 10_000

#: (version, when it was started, {("host", host) or ("slug", slug): body or None})
_kept: tuple[int | None, float, dict] = (None, 0.0, {})


#: A request's attribute holding the routing version read for it (`find_body(version=...)`),
#: so that the version is read from the cache once per request, with what is read beside it.
VERSION_READ = "_achyk_routing_version"


def address_of(request) -> tuple[str, str]:
    """The host a request asks (no port) and the first segment of its path: what a body is
    found by."""
    host = request.get_host().rsplit(":", 1)[0].lower()
    return host, request.path_info.lstrip("/").partition("/")[0]


def find_body(host: str, slug: str, version: int | None = None) -> tuple[Body | None, bool]:
    """The active body served at `host`, else the one whose slug is `slug`; whether it was
    found by its host. A fresh instance for each call, its site read with it. `version`, if
    given, is the routing version just read from the cache, which is then not read again."""
    answers = _answers(version)
    body = _answer(answers, "host", host)
    if body is not None:
        return _copy(body), True
    return _copy(_answer(answers, "slug", slug)), False


def kept(host: str, slug: str) -> tuple[int, Body | None, bool] | None:
    """What this process keeps of the body of `host` or `slug`, without asking the cache or
    the database: (the version it was kept under, the body or None, found by its host), or
    None if it keeps no answer. The answer holds if the version is still the cache's."""
    version, since, answers = _kept
    if version is None or time.monotonic() - since > KEEP_SECONDS:
        return None
    by_host = answers.get(("host", host), _UNKNOWN)
    if by_host is not None:  # a body served at the host, or no answer kept for it
        return None if by_host is _UNKNOWN else (version, by_host, True)
    by_slug = answers.get(("slug", slug), _UNKNOWN)
    return None if by_slug is _UNKNOWN else (version, by_slug, False)


#: What `kept` finds for an address this process keeps no answer for.
_UNKNOWN = object()


def body_of_home(home_path: str) -> Body | None:
    """The body whose site's home page (in any language) is at tree path `home_path` (depth
    2), or None: kept like the body of a host, since it changes only when a body or a site
    does. A fresh instance for each call."""
    return _copy(_answer(_answers(), "home", home_path))


def _answer(answers: dict | None, kind: str, value: str) -> Body | None:
    """The body of this host or slug: kept in `answers`, else found (and kept, if it can be).
    Kept apart, so that the many paths asked of one host keep one answer, not one each."""
    key = (kind, value)
    if answers is not None and key in answers:
        return answers[key]
    body = {"host": _by_host, "slug": _by_slug, "home": _by_home}[kind](value)
    if answers is not None:
        answers[key] = body
    return body


def _by_host(host: str) -> Body | None:
    return Body.objects.select_related("site").filter(site__hostname=host, is_active=True).first()


def _by_slug(slug: str) -> Body | None:
    if not slug or slug in RESERVED_SLUGS:
        return None
    return Body.objects.select_related("site").filter(slug=slug, is_active=True).first()


def _by_home(home_path: str) -> Body | None:
    from wagtail.models import Page

    homes = Page.objects.filter(path=home_path).values("translation_key")
    return (
        Body.objects.select_related("site")
        .filter(site__root_page__translation_key__in=homes)
        .first()
    )


def site_root_paths(*sites) -> list:
    """The root paths of `sites` (each site's home page in every language), most specific
    first, as `Site.get_site_root_paths()` gives them for every site: what Wagtail needs to
    give an address to a page of these sites. One query, whatever the number of sites on the
    platform (Wagtail's own list holds them all, read whole from the cache). Those of one
    site are kept on that `Site` object (a request's own copy, `_copy`), so the pages of a
    request that ask again for its body's site read them once."""
    if len(sites) == 1 and ROOT_PATHS in sites[0].__dict__:
        return sites[0].__dict__[ROOT_PATHS]
    paths = _read_root_paths(sites)
    if len(sites) == 1:
        sites[0].__dict__[ROOT_PATHS] = paths
    return paths


#: Where a `Site` object keeps its root paths once read (`site_root_paths`).
ROOT_PATHS = "_achyk_root_paths"


def _read_afresh(body: Body, name: str, read: Callable[[], T]) -> T:
    return read()


#: How what a body's pages decide (the root paths of its site, its root page) is kept between
#: requests: `keeper(body, name, read)` gives `read()`'s answer, or a copy kept under `name`
#: since the body's pages last changed. By default it is read for each request; the page
#: cache, which learns of every change to a body's pages, keeps it (`pagecache.apps`).
keeper: Callable[[Body, str, Callable[[], T]], T] = _read_afresh


def body_root_paths(body: Body) -> list:
    """The root paths of the body's site (`site_root_paths`), kept by `keeper`: what the
    pages a request for the body links need. The body must have a site."""
    site = body.site
    if ROOT_PATHS not in site.__dict__:
        site.__dict__[ROOT_PATHS] = keeper(body, "root-paths", lambda: _read_root_paths([site]))
    return site.__dict__[ROOT_PATHS]


def keep_root_page(body: Body) -> None:
    """Gives the body's site its root page (the home in the site's first language, where
    Wagtail starts to route a page's address), kept by `keeper`: a copy for this request,
    instead of a query. It is kept as its own page type (`specific`), which Wagtail routes
    from and serves when the home itself is asked for, with the relations its type names in
    `read_with_root` (what the home shows of them): no query for any. The body must have a
    site."""
    site = body.site
    site.root_page = keeper(body, "root-page", lambda: _read_root_page(site.root_page_id))


def _read_root_page(page_id: int):
    """The root page as its own type, in the two queries Wagtail's `specific` asks, its
    `read_with_root` relations joined to the second: a page that is not the home, rendered
    with nothing kept, reads no more than it did from Wagtail."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page_id)
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    related = getattr(model, "read_with_root", ())
    return model.objects.select_related(*related).get(pk=page_id)


def _read_root_paths(sites) -> list:
    from django.db.models import OuterRef, Subquery
    from wagtail.models import Page
    from wagtail.models.sites import SiteRootPath

    by_root = {site.root_page_id: site for site in sites}
    roots = Page.objects.filter(pk__in=by_root)
    root_of = roots.filter(translation_key=OuterRef("translation_key")).values("pk")[:1]
    homes = (
        Page.objects.filter(translation_key__in=roots.values("translation_key"))
        .annotate(root_id=Subquery(root_of))
        .order_by("-url_path")
        .values_list("url_path", "locale__language_code", "root_id")
    )
    return [
        SiteRootPath(by_root[root].pk, url_path, by_root[root].root_url, language)
        for url_path, language, root in homes
    ]


def _copy(body: Body | None) -> Body | None:
    """A copy of a kept body and of its site: every field is a plain value (a string, a
    number, a date), so the copies share nothing a request could change."""
    if body is None:
        return None
    fresh = copy.copy(body)
    if body.site is not None:
        fresh.site = copy.copy(body.site)
        fresh.site.__dict__.pop(ROOT_PATHS, None)  # read afresh by each request
    return fresh


def _answers(version: int | None = None) -> dict | None:
    """The answers kept under the current version (`version` if it was just read); None when
    the cache does not answer."""
    global _kept
    if version is None:
        version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)  # never a version used before
        version = cache.get(VERSION_KEY)
        if version is None:
            return None
    kept_version, since, answers = _kept
    now = time.monotonic()
    if kept_version != version or now - since > KEEP_SECONDS or len(answers) >= MAX_ANSWERS:
        answers = {}
        _kept = (version, now, answers)
    return answers


def _bump() -> None:
    # Announced to every process (`cache.watch()`): copies kept under the old version end.
    cache.bump(VERSION_KEY, start=time.time_ns(), timeout=None)


def changed(**kwargs) -> None:
    """A body or a site was saved or deleted: every process finds bodies afresh, now and
    once the change is committed."""
    _bump()
    transaction.on_commit(_bump, robust=True)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Site

    for model in (Body, Site):
        for signal in (post_save, post_delete):
            uid = f"achyk.bodies.routing.{model._meta.label}"
            signal.connect(changed, sender=model, dispatch_uid=uid)
