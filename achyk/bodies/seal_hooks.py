"""Wagtail hooks of the tenant seal: listings, choosers, search, menus and the dashboard
show body staff their own body only. The URL seal is `seal.TenantSealMiddleware`.

Workflows are switched off (WAGTAIL_WORKFLOW_ENABLED = False) rather than sealed: Wagtail's
workflows and tasks are platform-wide objects (one task list, approval groups spanning
bodies, reports of every task state), while every body's editors already publish their own
pages. The seal closes the workflow routes to body staff as well. See docs/adr/0001-tenancy.md.
"""

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.models import Collection, Page

from .roles import body_of, is_sealed
from .services import body_home_pages

#: Menu items of platform-level places, by their `name`, hidden from body staff.
CLOSED_MENU_ITEMS = frozenset(
    {"sites", "locales", "groups", "collections", "workflows", "workflow-tasks", "redirects",
     "snippets", "page-types-usage", "workflow", "workflow_tasks", "users"}
)  # fmt: skip


def own_pages_q(user) -> Q:
    """Pages of the user's body: every page under its home page in each language."""
    body = body_of(user)
    if body is None or body.site_id is None:
        return Q(path="")
    paths = body_home_pages(body).values_list("path", flat=True)
    # Only indexed fields (path, depth) here: the same condition filters search results.
    condition = Q(path="")
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def seal_pages(pages, user, *, keep_root=True):
    if not is_sealed(user):
        return pages
    condition = own_pages_q(user)
    if keep_root:
        condition |= Q(depth=1)
    return pages.filter(condition)


@hooks.register("construct_explorer_page_queryset")
def seal_explorer(parent_page, pages, request):
    return seal_pages(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def seal_page_chooser(pages, request):
    return seal_pages(pages, request.user)


def own_collection_ids(user) -> list[int]:
    """The user's body's collection and the collections inside it."""
    body = body_of(user)
    if body is None or body.collection_id is None:
        return []
    own = Collection.objects.filter(path__startswith=body.collection.path)
    return list(own.values_list("pk", flat=True))


def seal_media(queryset, user):
    # By collection (an indexed field), so that the chooser's search keeps working.
    if not is_sealed(user):
        return queryset
    return queryset.filter(collection_id__in=own_collection_ids(user))


@hooks.register("construct_image_chooser_queryset")
def seal_image_chooser(images, request):
    return seal_media(images, request.user)


@hooks.register("construct_document_chooser_queryset")
def seal_document_chooser(documents, request):
    return seal_media(documents, request.user)


@hooks.register("filter_form_submissions_for_user")
def seal_form_pages(user, editable_forms):
    return seal_pages(editable_forms, user, keep_root=False)


@hooks.register("construct_main_menu")
def hide_platform_places(request, menu_items):
    if is_sealed(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in CLOSED_MENU_ITEMS]


@hooks.register("construct_settings_menu")
def hide_platform_settings(request, menu_items):
    if is_sealed(request.user):
        menu_items[:] = [item for item in menu_items if _is_open(item)]


@hooks.register("construct_reports_menu")
def hide_platform_reports(request, menu_items):
    if is_sealed(request.user):
        menu_items[:] = [item for item in menu_items if _is_open(item)]


def _is_open(item) -> bool:
    if item.name in CLOSED_MENU_ITEMS:
        return False
    url = getattr(item, "url", "") or ""
    return not any(f"/{name}/" in url for name in ("sites", "locales", "groups", "workflows"))


class BodyPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count, of the user's body only (Wagtail counts the whole tree)."""

    def get_context_data(self, parent_context):
        user = self.request.user
        body = body_of(user)
        root = body.site.root_page if body and body.site_id else None
        count = Page.objects.filter(own_pages_q(user)).count()
        return {"root_page": root, "total_pages": count, "site_name": body.name if body else ""}


@hooks.register("construct_homepage_summary_items", order=100)
def seal_summary(request, summary_items):
    if not is_sealed(request.user):
        return
    for index, item in enumerate(summary_items):
        if type(item) is PagesSummaryItem:
            summary_items[index] = BodyPagesSummaryItem(request)


@hooks.register("construct_admin_api", order=100)
def seal_admin_api(router):
    """Wagtail's admin API lists every image and document: ours lists the user's body's."""
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint("images", _sealed_endpoint(ImagesAdminAPIViewSet))
    router.register_endpoint("documents", _sealed_endpoint(DocumentsAdminAPIViewSet))


def _sealed_endpoint(viewset):
    class SealedEndpoint(viewset):
        def get_queryset(self):
            return super().get_queryset().for_user(self.request.user)

    SealedEndpoint.__name__ = f"Sealed{viewset.__name__}"
    return SealedEndpoint


@hooks.register("register_admin_urls")
def seal_tag_vocabularies():
    """Wagtail's media indexes and image chooser, with tags counted over the body's own."""
    from . import seal_tags

    return seal_tags.urlpatterns()
