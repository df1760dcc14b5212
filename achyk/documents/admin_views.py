"""Wagtail's document add and edit views, warning when the file's act still lacks a version in
a language the law requires (and that readers do not see a file without a title and a
language): on the form (the act's list names what each act lacks; the edit
form says it above the fields) and, after a save, as a message. The save is never blocked.

Registered before Wagtail's own routes (`wagtail_hooks.py`), so `wagtaildocs:add` and
`wagtaildocs:edit` reach them; everything else is Wagtail's view unchanged.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.documents.views import documents

from . import notices
from .models import DocumentType


def _act_chosen(form):
    data = getattr(form, "cleaned_data", None) or {}
    return data.get("act") if form.is_bound else form.instance.act


class WarnMissingVersionsMixin:
    def save_instance(self):
        document = super().save_instance()
        if not document.is_published:
            messages.warning(
                self.request,
                _("Readers do not see this document until it has a title and a language."),
            )
        act = document.act
        if act is not None:
            act.refresh_from_db()
            warning = notices.missing_versions(act, named=True)
            if warning:
                messages.warning(self.request, warning)
        return document

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        act = _act_chosen(form) if form is not None and "act" in form.fields else None
        context["missing_versions"] = notices.missing_versions(act)
        return context


class DocumentCreateView(WarnMissingVersionsMixin, documents.CreateView):
    """`?act_type=<code>` chooses the new act's type (the monitor's to-do list links here)."""

    template_name = "documents/admin/document_add.html"

    def get_initial(self):
        initial = super().get_initial()
        code = self.request.GET.get("act_type", "")
        document_type = DocumentType.objects.filter(code=code).first() if code else None
        if document_type is not None:
            initial["act_type"] = document_type.pk
        return initial


class DocumentEditView(WarnMissingVersionsMixin, documents.EditView):
    template_name = "documents/admin/document_edit.html"
