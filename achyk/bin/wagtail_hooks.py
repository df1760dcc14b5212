"""The bin plugged into Wagtail: deleting a body's page moves it to the bin."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.contrib.forms.views import DeleteSubmissionsView
from wagtail.documents import get_document_model
from wagtail.documents.views import documents as documents_views
from wagtail.documents.views import multiple as documents_multiple
from wagtail.images.views import images as images_views
from wagtail.images.views import multiple as images_multiple
from wagtail.models import Page

from achyk.bodies.kit import StaffMenuItem, forbidden
from achyk.bodies.roles import body_of, may_delete_for_good, may_write, sees_all_bodies
from achyk.bodies.tenancy import body_for_page

from . import services, views
from .models import BinnedPage

DOCUMENT, IMAGE = "WAGTAILDOCS_DOCUMENT_MODEL", "WAGTAILIMAGES_IMAGE_MODEL"

#: `pk` names a bin entry (the views say their `model`); `document_id` a document.
bin_urls = [
    path("", views.BinIndexView.as_view(), name="index"),
    path("<int:pk>/restore/", views.RestoreView.as_view(), name="restore"),
    path("<int:pk>/purge/", views.PurgeView.as_view(), name="purge"),
    path(
        "document/<int:document_id>/archive/",
        views.DocumentView.as_view(action="archive"),
        name="archive_document",
    ),
    path(
        "document/<int:document_id>/restore/",
        views.DocumentView.as_view(action="restore"),
        name="restore_document",
    ),
    path(
        "document/<int:document_id>/purge/",
        views.DocumentView.as_view(action="purge"),
        name="purge_document",
    ),
]


#: Wagtail's delete routes of documents and images, answered first by the same views behind
#: a check that the user is a body admin (registered before Wagtail's own, so they win).
guarded_delete_urls = [
    path(
        "documents/delete/<int:document_id>/",
        views.admin_only_delete(documents_views.DeleteView.as_view(), DOCUMENT, "document_id"),
    ),
    path(
        "documents/multiple/<int:doc_id>/delete/",
        views.admin_only_delete(
            documents_multiple.DeleteView.as_view(), DOCUMENT, "doc_id", own_uploads=True
        ),
    ),
    path(
        "forms/submissions/<int:page_id>/delete/",
        views.admin_only_page_delete(DeleteSubmissionsView.as_view()),
    ),
    path(
        "images/<int:image_id>/delete/",
        views.admin_only_delete(images_views.DeleteView.as_view(), IMAGE, "image_id"),
    ),
    path(
        "images/multiple/<int:image_id>/delete/",
        views.admin_only_delete(
            images_multiple.DeleteView.as_view(), IMAGE, "image_id", own_uploads=True
        ),
    ),
]


@hooks.register("register_admin_urls")
def register_bin_urls():
    return [path("bin/", include((bin_urls, "bin"), namespace="bin")), *guarded_delete_urls]


@hooks.register("register_admin_menu_item")
def register_bin_menu_item():
    return StaffMenuItem(
        gettext_lazy("Bin"), reverse("bin:index"), name="bin", icon_name="bin", order=900
    )


@hooks.register("before_delete_page")
def move_to_bin_instead_of_deleting(request, page):
    """A body's page is never deleted at once: it goes to the bin (platform pages do not)."""
    if body_for_page(page) is None:
        return None
    if page.depth <= 2:
        messages.error(request, _("The home page of a body cannot be deleted."))
        return redirect("wagtailadmin_explore", page.pk)
    return views.confirm_move_to_bin(request, page)


@hooks.register("before_bulk_action")
def bin_pages_deleted_in_bulk(request, action_type, objects, action_class_instance):
    """Deleting several pages at once moves each of them to the bin as well. Documents deleted
    in bulk by an editor are archived (the bin lists them); body admins delete them for good.
    Other body-owned objects (images, acts, ...) are deleted in bulk by body admins only."""
    if action_type != "delete":
        return None
    files = [obj for obj in objects if hasattr(obj, "body_id") and not isinstance(obj, Page)]
    if files and all(_archivable_by(request.user, obj) for obj in files):
        return _archive_in_bulk(request, files, action_class_instance)
    if any(not may_delete_for_good(request.user, obj.body) for obj in files):
        return forbidden(request)
    pages = [obj for obj in objects if isinstance(obj, Page) and body_for_page(obj) is not None]
    if not pages:
        return None
    for page in pages:
        if page.depth > 2 and not hasattr(page, "bin_record"):
            services.move_page_to_bin(page=page, by=request.user)
    messages.success(request, _("The pages are in the bin. You can restore them from there."))
    return redirect(action_class_instance.next_url or reverse("bin:index"))


def _archivable_by(user, obj) -> bool:
    """A document the user may archive but not delete for good: an editor's."""
    return (
        isinstance(obj, get_document_model())
        and may_write(user, obj.body)
        and not may_delete_for_good(user, obj.body)
    )


def _archive_in_bulk(request, documents, action_class_instance):
    for document in documents:
        services.archive_document(document=document, by=request.user)
    messages.success(
        request,
        _("The documents are archived: hidden from the public site. The bin lists them."),
    )
    return redirect(action_class_instance.next_url or reverse("bin:index"))


@hooks.register("construct_admin_api")
def bin_pages_deleted_through_the_admin_api(router):
    """The admin API's page actions (`/admin/api/main/pages/<id>/action/<name>/`): *delete*
    moves a body's page to the bin, like the delete view; no action reaches a binned page."""
    from .api import BinAwarePagesAPIViewSet

    router.register_endpoint("pages", BinAwarePagesAPIViewSet)


def without_binned(pages, user):
    """`pages` less those in the bin. An id list, not a join: the admin's page search can
    filter only on the indexed fields of pages (their id is one). Body staff see their own
    body's pages only, so only their own bin is read, not the whole platform's."""
    binned = BinnedPage.objects.all()
    if not sees_all_bodies(user):
        binned = binned.filter(entry__body=body_of(user))
    ids = list(binned.values_list("page_id", flat=True))
    return pages.exclude(pk__in=ids) if ids else pages


@hooks.register("construct_explorer_page_queryset")
def hide_binned_pages_from_explorer(parent_page, pages, request):
    return without_binned(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_binned_pages_from_choosers(pages, request):
    return without_binned(pages, request.user)


@hooks.register("before_edit_page")
def send_binned_pages_to_the_bin(request, page):
    if hasattr(page, "bin_record"):
        messages.warning(request, _("This page is in the bin. Restore it to edit it."))
        return redirect("bin:index")
    return None
