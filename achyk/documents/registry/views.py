"""Public views of the registry: the platform's list, feeds and exports of any registry address.

On a body's site (/<slug>/<lang>/registry/...) every view reads that body's acts only; on the
platform (/<lang>/registry/...) every active body's, with the body and territory filters. A
body's own list is its documents page (`content.DocumentIndexPage`), so the platform's list
sends a body's readers there. Invalid filters give the list with a message, and a 400 with the
same message for feeds and exports: never a 500. None of these views is kept by the page
cache (`achyk.pagecache` keeps Wagtail pages and the news feeds only), so they are always fresh.
"""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from achyk.ui.paginators import CappedPaginator

from .. import exports
from . import selectors as registry

FEED_SIZE = 30


def read_filters(request):
    """(body, form) for the request: the body being read, or None on the platform."""
    body = getattr(request, "site_body", None)
    form = registry.RegistryFilter(request.GET, platform=body is None, body=body)
    return body, form


def listing_context(request, *, body, form, base_url: str) -> dict:
    """What the registry's list shows: the filter form, the page of acts, links that keep
    the filters (pages, feeds, exports), and the reader's messages about bad filters."""
    filters = form.values
    page = _page(request, registry.entries(body=body, filters=filters))
    query = registry.canonical_query(filters)
    links = {name: reverse(f"registry_{name}") + (f"?{query}" if query else "")
             for name in ("rss", "atom", "csv", "json")}  # fmt: skip
    context = {
        "registry_form": form,
        "registry_messages": form.messages(),
        "registry_page": page,
        "registry_links": links,
        "registry_page_urls": {
            number: f"{base_url}?{registry.canonical_query(filters, page=number)}".rstrip("?")
            for number in _nearby(page)
        },
    }
    if body is not None and not filters:
        context["other_documents"] = Paginator(registry.loose_documents(body=body), 20).get_page(
            request.GET.get("documents_page")
        )
    return context


def _page(request, acts):
    paginator = CappedPaginator(acts, registry.PAGE_SIZE, cap=registry.MAX_LISTED)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = registry.with_addresses(page.object_list)
    return page


def _nearby(page) -> list[int]:
    numbers = {1, page.paginator.num_pages, page.number}
    if page.has_previous():
        numbers.add(page.previous_page_number())
    if page.has_next():
        numbers.add(page.next_page_number())
    return sorted(numbers)


def registry_list(request):
    """The platform's registry; on a body's site, the body's documents page keeps the query."""
    body, form = read_filters(request)
    if body is not None:
        target = _body_documents_url(request, body)
        if target:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(target + (f"?{query}" if query else ""))
    context = listing_context(request, body=body, form=form, base_url=request.path)
    return render(request, "documents/registry.html", context)


def _body_documents_url(request, body) -> str | None:
    from wagtail.models import Locale, Page

    page = (
        Page.objects.live().public().filter(
            content_type__model="documentindexpage", locale=Locale.get_active(),
            path__startswith=body.site.root_page.path[: Page.steplen * 2],
        ).first()
    )  # fmt: skip
    return page.get_url(request) if page else None


def _bad_request(form) -> HttpResponseBadRequest:
    text = "\n".join([_("This registry address has filters that cannot be used:"),
                      *form.messages()])  # fmt: skip
    return HttpResponseBadRequest(text + "\n", content_type="text/plain; charset=utf-8")


def _title(body) -> str:
    if body is None:
        return _("Registry of legal acts of all bodies")
    return _("%(body)s: registry of legal acts") % {"body": body.name}


class RegistryRssFeed(Feed):
    """The newest acts of a registry address, as RSS."""

    def __call__(self, request, *args, **kwargs):
        body, form = read_filters(request)
        if form.messages():
            return _bad_request(form)
        self.request, self.body, self.form = request, body, form
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        return self.form.values

    def title(self, filters):
        return _title(self.body)

    def link(self, filters):
        query = registry.canonical_query(filters)
        return reverse("registry") + (f"?{query}" if query else "")

    def description(self, filters):
        return _title(self.body)

    def items(self, filters):
        acts = registry.entries(body=self.body, filters=filters)[:FEED_SIZE]
        return registry.with_addresses(acts)

    def item_title(self, act):
        number = f" № {act.number}" if act.number else ""
        return f"{act.type.name}{number}: {act.local_title}"

    def item_description(self, act):
        parts = [act.get_adopted_by_display(), act.signatory, act.get_status_display()]
        return " · ".join(part for part in parts if part)

    def item_link(self, act):
        return exports.act_url(self.request, act)

    def item_pubdate(self, act):
        return act.published_at

    def item_updateddate(self, act):
        return act.updated_at


class RegistryAtomFeed(RegistryRssFeed):
    feed_type = Atom1Feed
    subtitle = RegistryRssFeed.description


def _export(request, stream, content_type: str, extension: str):
    body, form = read_filters(request)
    if form.messages():
        return _bad_request(form)
    acts = registry.entries(body=body, filters=form.values)
    response = StreamingHttpResponse(stream(request, acts), content_type=content_type)
    name = f"registry-{body.slug if body else 'all'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_csv(request):
    """The acts of a registry address as CSV (UTF-8 with BOM, a header row), streamed."""
    return _export(request, exports.csv_lines, "text/csv; charset=utf-8", "csv")


def export_json(request):
    """The acts of a registry address as a JSON list with stable keys, streamed."""
    return _export(request, exports.json_chunks, "application/json", "json")
