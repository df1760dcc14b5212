"""The Bin in the admin: what was deleted, with Restore for staff and Purge for body admins."""

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.models import Page

from achyk.bodies.kit import ForbiddenMixin, TitledScreen, forbidden
from achyk.bodies.roles import is_platform_admin, may_delete_for_good, may_write, sees_all_bodies
from achyk.bodies.tenancy import body_for_page

from . import selectors, services
from .models import BinEntry


class BinView(ForbiddenMixin, TitledScreen, TemplateView):
    """Base of the bin's views: refused actions answer 403 with a plain page."""

    page_title = gettext_lazy("Bin")
    header_icon = "bin"


class BinIndexView(BinView):
    template_name = "bin/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        entries = list(selectors.entries_for(user)[:200])
        for entry in entries:
            entry.may_restore = may_write(user, entry.body)
            entry.may_purge = may_delete_for_good(user, entry.body)
        documents = list(selectors.archived_documents_for(user).select_related("body")[:200])
        for document in documents:
            document.may_restore = may_write(user, document.body)
            document.may_purge = may_delete_for_good(user, document.body)
        return {
            **super().get_context_data(**kwargs), "entries": entries, "documents": documents,
            "show_body": sees_all_bodies(user),
        }  # fmt: skip


class EntryView(BinView):
    """`pk` names a bin entry (`model` tells the tenant seal)."""

    model = BinEntry

    def prepare(self, request, **kwargs):
        self.entry = selectors.entry_for(request.user, kwargs["pk"])


class RestoreView(EntryView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not may_write(request.user, self.entry.body):
            raise PermissionDenied
        page = services.restore_from_bin(entry=self.entry, by=request.user)
        messages.success(request, _("'%(title)s' is restored.") % {"title": page.title})
        return redirect("bin:index")


class PurgeView(EntryView):
    template_name = "bin/confirm_purge.html"
    page_title = gettext_lazy("Delete for good")

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        if not may_delete_for_good(request.user, self.entry.body):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "entry": self.entry}

    def post(self, request, *args, **kwargs):
        title = self.entry.title
        services.purge_from_bin(entry=self.entry, by=request.user)
        messages.success(request, _("'%(title)s' is deleted for good.") % {"title": title})
        return redirect("bin:index")


class DocumentView(BinView):
    http_method_names = ["post"]
    action = "archive"

    def prepare(self, request, **kwargs):
        self.document = selectors.document_for(request.user, kwargs["document_id"])

    def post(self, request, *args, **kwargs):
        document, user = self.document, request.user
        allowed = may_delete_for_good if self.action == "purge" else may_write
        if not allowed(user, document.body):
            raise PermissionDenied
        title = document.title
        getattr(services, f"{self.action}_document")(document=document, by=user)
        messages.success(request, DOCUMENT_MESSAGES[self.action] % {"title": title})
        return redirect("bin:index")


DOCUMENT_MESSAGES = {
    "archive": gettext_lazy("'%(title)s' is archived: hidden from the public site."),
    "restore": gettext_lazy("'%(title)s' is restored: readers see it again."),
    "purge": gettext_lazy("'%(title)s' is deleted for good."),
}


def confirm_move_to_bin(request, page):
    """The answer of Wagtail's delete action for a body's page: confirm, then move to bin."""
    if request.method == "POST":
        try:
            services.move_page_to_bin(page=page, by=request.user)
        except services.BinError as error:
            messages.error(request, str(error))
            return redirect("wagtailadmin_explore", page.get_parent().pk)
        messages.success(
            request,
            _("'%(title)s' is in the bin. You can restore it from there.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    going = services.pages_going_with(page)
    return TemplateResponse(
        request,
        "bin/confirm_move.html",
        {"page": page, "count": going.count(), "header_title": _("Delete"), "live": page.live},
    )


def admin_only_delete(wagtail_view, model_label: str, kwarg: str, *, own_uploads=False):
    """Wagtail's delete view of documents or images, for body admins only.

    Wagtail lets whoever may change a document or image delete it; here editors archive and
    only a body's admins delete for good. With `own_uploads`, the uploader may also delete
    (the "delete" button of a file just uploaded in the multiple-upload form).
    """

    def view(request, *args, **kwargs):
        model = apps.get_model(getattr(settings, model_label))
        obj = get_object_or_404(model.objects.for_user(request.user), pk=kwargs[kwarg])
        own = own_uploads and obj.uploaded_by_user_id == request.user.pk
        if not (own or may_delete_for_good(request.user, obj.body)):
            return forbidden(request)
        return wagtail_view(request, *args, **kwargs)

    return view


def admin_only_page_delete(wagtail_view):
    """Wagtail's delete view of what a page holds (the submissions of a form page: the
    residents' appeals), for the page's body admins only; they have no bin to come back from."""

    def view(request, *args, **kwargs):
        page = get_object_or_404(Page, pk=kwargs["page_id"])
        body = body_for_page(page)
        if body is None:
            allowed = is_platform_admin(request.user)
        else:
            allowed = may_delete_for_good(request.user, body)
        if not allowed:
            return forbidden(request)
        return wagtail_view(request, *args, **kwargs)

    return view
