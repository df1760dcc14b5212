"""Initiative groups (демилгелүү топ / инициативная группа) and the monitoring group
(БМжБ тобу / группа СМиО) of a body: members with their roles and gender, names shown only
with consent, the priority or project each group takes on, and the gathering that approved
the list."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..common import Published, translated_fields


class GroupKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative group")
    MONITORING = "monitoring", _("Monitoring and evaluation group")


class Group(Published, ClusterableModel):
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="citizen_groups",
        verbose_name=_("body"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    locals().update(translated_fields("name", _("name"), max_length=200))
    priority = models.ForeignKey(
        "participation.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups",
        verbose_name=_("priority it takes on"),
    )
    locals().update(translated_fields("project", _("project"), max_length=2000, text=True))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "participation.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_groups",
        verbose_name=_("approved by the gathering"),
    )

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("citizens' group")
        verbose_name_plural = _("initiative and monitoring groups")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def project(self) -> str:
        return self.translated("project")

    def clean(self):
        if not (self.name_ky or self.name_ru or self.name_kk):
            raise ValidationError(_("Name the group in at least one language."))
        for field in ("priority", "approved_by"):
            target = getattr(self, field)
            if target is not None and self.body_id and target.body_id != self.body_id:
                raise ValidationError({field: _("Choose one of this body's own.")})


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")


class Member(models.Model):
    group = ParentalKey(Group, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    name_public = models.BooleanField(
        _("agreed to show the name"),
        default=False,
        help_text=_("Without consent the public page shows only the role and gender."),
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.name
