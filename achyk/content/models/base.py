"""What every page of a body's site shares: its body, its dates, its paging."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from achyk.bodies.models import slug_path
from achyk.bodies.tenancy import body_for_page
from achyk.ui.richtext import SanitisedRichTextField

from ..forms import BodyPageForm
from ..visibility import restricted_paths

#: Rich text editors get no embeds or raw HTML: what they write is stored whitelisted, and
#: whatever reaches the field by other ways is sanitised by it (achyk.ui.richtext).
RICH_TEXT_FEATURES = [
    "h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "blockquote", "link",
    "document-link", "image",
]  # fmt: skip
PAGE_SIZE = 10
#: Where a page routed for a request holds it (`BasePage.route`).
ROUTED_REQUEST = "_achyk_routed_request"


def rich_text(verbose_name, **kwargs):
    return SanitisedRichTextField(verbose_name, blank=True, features=RICH_TEXT_FEATURES, **kwargs)


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """One page of `queryset` for the `?page=` parameter; bad numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class BasePage(Page):
    """A page of a body's site. Its body is the one whose home page is its depth-2 ancestor."""

    intro = models.TextField(_("summary"), blank=True, max_length=600)

    search_fields = Page.search_fields
    content_panels = Page.content_panels + ["intro"]
    base_form_class = BodyPageForm

    class Meta:
        abstract = True

    @cached_property
    def site_body(self):
        return body_for_page(self)

    @property
    def published_at(self):
        return self.first_published_at

    @property
    def updated_at(self):
        return self.last_published_at or self.latest_revision_created_at

    def route(self, request, path_components):
        """Wagtail's routing, which also tells the page it routes to which request it serves
        (`get_view_restrictions`)."""
        self.__dict__[ROUTED_REQUEST] = request
        return super().route(request, path_components)

    def __getstate__(self):
        """A page kept or copied leaves the request it was routed for behind."""
        state = super().__getstate__()
        state.pop(ROUTED_REQUEST, None)
        return state

    def get_view_restrictions(self):
        """Wagtail's `Page.get_view_restrictions` in one query instead of two: the
        restrictions of this page and of each page above it (found by their tree paths), an
        alias standing for its source page as in Wagtail's. A page routed for a reader's
        request asks none when no page of its tree path is among the request's restricted
        paths (`content.visibility`, read once per request, which the page's lists use too)."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        request = self.__dict__.get(ROUTED_REQUEST)
        if request is not None and not set(paths).intersection(restricted_paths(request)):
            return PageViewRestriction.objects.none()
        checked = Page.objects.filter(path__in=paths).values(page=Coalesce("alias_of_id", "id"))
        return PageViewRestriction.objects.filter(page_id__in=checked)

    def get_url_parts(self, request=None):
        """Pages of a body without its own host name are addressed under the platform (/<slug>/).

        Inside the body's own site (the request is for this body) Wagtail's relative URL
        already carries the prefix; elsewhere (admin, feeds, the platform's home) the page is
        addressed at the platform's base URL.
        """
        parts = super().get_url_parts(request)
        reading = getattr(request, "site_body", None)
        if parts is not None and reading is not None and parts[0] == reading.site_id:
            return parts  # a page of the body being read: no need to look its body up
        body = self.site_body
        if parts is None or body is None or body.hostname:
            return parts
        if request is not None and getattr(request, "site_body", None) == body:
            return parts
        site_id, _root_url, page_path = parts
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        if request is not None:
            base = f"{request.scheme}://{request.get_host()}"
        return site_id, base, slug_path(body.slug, page_path)
