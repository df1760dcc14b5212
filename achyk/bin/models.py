"""The bin (себет / корзина): deleted pages wait here until restored or purged.

Deleting a body's page moves it, its translations and their descendants to the bin: they are
unpublished and hidden from the admin's explorer, and a record keeps which of them were live.
Restoring publishes those again; purging (body admins only) deletes them for good.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body
from achyk.bodies.tenancy import BodyOwnedQuerySet


class BinEntry(models.Model):
    """One deletion: the page a staff member deleted, with everything that went with it."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="bin_entries", verbose_name=_("body")
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    title = models.CharField(_("title"), max_length=255)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("deleted by"),
    )  # fmt: skip
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-deleted_at", "-pk"]
        verbose_name = _("bin entry")
        verbose_name_plural = _("bin")

    def __str__(self) -> str:
        return self.title


class BinnedPage(models.Model):
    """A page in the bin, and whether it was live when it was deleted."""

    entry = models.ForeignKey(BinEntry, on_delete=models.CASCADE, related_name="pages")
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="bin_record"
    )
    was_live = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.page_id} in {self.entry_id}"
