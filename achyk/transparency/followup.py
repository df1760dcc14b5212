"""What people do with the monitor's findings: JMEG members flag evidence, staff answer, and
digests remember what they already told a body's admins.

Models of the `transparency` app (imported by `models.py`), kept apart from the register and
the scores, which they only read.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body
from achyk.bodies.tenancy import BodyOwnedQuerySet


class JmegMember(models.Model):
    """A member of a body's joint monitoring and evaluation group (БМжБ тобунун мүчөсү /
    член группы СМиО): a resident with a sign-in but no admin access, who may flag the
    body's evidence on its public transparency page. Access closes with `user.is_active`."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="jmeg_members", verbose_name=_("body")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jmeg_member",
        verbose_name=_("user"),
    )  # fmt: skip
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("registered by"),
    )  # fmt: skip
    added_at = models.DateTimeField(_("registered"), default=timezone.now)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["body", "user__last_name", "user__username"]
        verbose_name = _("JMEG member")
        verbose_name_plural = _("JMEG members")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class EvidenceFlag(models.Model):
    """A JMEG member's remark that a piece of evidence is wrong or incomplete (эскертүү /
    замечание), and the body's public answer."""

    class Kind(models.TextChoices):
        WRONG = "wrong", _("wrong")
        INCOMPLETE = "incomplete", _("incomplete")
        MISSING = "missing", _("not found where it should be")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="evidence_flags", verbose_name=_("body")
    )
    duty_code = models.SlugField(_("duty"), max_length=50)
    language = models.CharField(_("language"), max_length=5, blank=True)
    evidence_url = models.CharField(_("evidence address"), max_length=500, blank=True)
    evidence_title = models.CharField(_("evidence"), max_length=300, blank=True)
    kind = models.CharField(_("what is wrong"), max_length=12, choices=Kind.choices)
    comment = models.TextField(_("comment"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("flagged by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("answered by"),
    )  # fmt: skip
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag on evidence")
        verbose_name_plural = _("flags on evidence")
        indexes = [models.Index(fields=["body", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.duty_code}: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class DigestMark(models.Model):
    """One piece of news a digest told a body's admins: duty `duty_code` in `language`
    became `state` ("due", "stale", "missing"), due on `due_on`. The next digest leaves out
    what is marked, so the same news is never sent twice."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="digest_marks", verbose_name=_("body")
    )
    duty_code = models.SlugField(_("duty"), max_length=50)
    language = models.CharField(_("language"), max_length=5)
    state = models.CharField(_("state"), max_length=10)
    due_on = models.DateField(_("due"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("digest news")
        verbose_name_plural = _("digest news")
        indexes = [models.Index(fields=["body", "duty_code", "language"])]

    def __str__(self) -> str:
        return f"{self.body_id} {self.duty_code} [{self.language}] {self.state}"
