"""The registry in the admin: the bulk import of acts (menu item and address), and the
document add and edit views that warn of missing language versions; the public download
serves only documents readers may see."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from achyk.bodies import roles
from achyk.bodies.kit import StaffMenuItem

from .admin_views import DocumentCreateView, DocumentEditView
from .imports.admin_views import ImportView


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("registry/import/", ImportView.as_view(), name="documents_import"),
        # Wagtail's own addresses, answered first (this app comes before wagtail.documents).
        path("documents/add/", DocumentCreateView.as_view()),
        path("documents/edit/<int:document_id>/", DocumentEditView.as_view()),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return StaffMenuItem(
        gettext_lazy("Import acts"), reverse("documents_import"), name="import-acts",
        icon_name="upload", order=410,
    )  # fmt: skip


@hooks.register("register_admin_viewset")
def register_registry_viewsets():
    from .viewsets import ActViewSet, DocumentTypeViewSet

    return [ActViewSet(), DocumentTypeViewSet()]


@hooks.register("before_serve_document")
def serve_only_public_documents(document, request):
    """`/documents/<id>/<name>` serves what readers may see: an archived document, or one of a
    body taken off the platform, answers 404 like a missing one, to everyone (ids are
    sequential, so anything else could be read by counting). Staff restore it to open it.
    An upload not yet published (no title and language given) opens for those who reach its
    body in the admin only."""
    if document.is_archived:
        raise Http404
    if not document.is_published and not (
        document.body_id is not None and roles.reaches_body(request.user, document.body)
    ):
        raise Http404
    if document.body_id is not None and not document.body.is_active:
        raise Http404
