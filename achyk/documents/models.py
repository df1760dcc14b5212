"""Documents of bodies (документтер / документы).

The custom Wagtail document model from the first migration on, so that the registry of legal
acts (type, number, date of adoption, signatory, status, language versions) extends it in place.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.documents.models import DocumentQuerySet as WagtailDocumentQuerySet

from achyk.bodies.models import Body
from achyk.bodies.tenancy import BodyOwnedQuerySet


class DocumentQuerySet(BodyOwnedQuerySet, WagtailDocumentQuerySet):
    def public_for_body(self, body):
        """What readers of the body's site see: its documents that are not archived."""
        return self.filter(body=body, is_archived=False).order_by("-created_at")


class Document(AbstractDocument):
    """A document published by a body: a file with its title and dates."""

    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="documents",
        editable=False, verbose_name=_("body"),
    )  # fmt: skip
    # Our own reverse names, beside the unused concrete model Wagtail also installs.
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="uploaded_documents",
    )
    uploaded_by_user.wagtail_reference_index_ignore = True
    tags = TaggableManager(
        help_text=None, blank=True, verbose_name=_("tags"), related_name="body_documents"
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    is_archived = models.BooleanField(
        _("archived"), default=False,
        help_text=_("Archived documents are hidden from the public site and can be restored."),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    admin_form_fields = WagtailDocument.admin_form_fields + ("description", "is_archived")

    objects = DocumentQuerySet.as_manager()

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def save(self, *args, **kwargs):
        self.body = Body.objects.filter(collection_id=self.collection_id).first()
        super().save(*args, **kwargs)

    @property
    def extension(self) -> str:
        return self.file_extension.upper()
