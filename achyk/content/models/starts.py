"""The page each opening of the "add" form made (`page_starts.py`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class PageStart(models.Model):
    """One opening of a page's "add" form (барак түзүү / создание страницы), marked by a token
    the form carries, and the page its first save made. The form's autosave and its Publish can
    both reach the "add" address; the second of them edits this page instead of adding one."""

    token = models.UUIDField(_("token"), primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(Page, null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("page start")
        verbose_name_plural = _("page starts")

    def __str__(self):
        return str(self.token)
