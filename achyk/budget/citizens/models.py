"""Citizens' Budget (жарандык бюджет / гражданский бюджет): a body's budget told to residents.

A body's staff assemble one per year and stage from the budget data and plain-language text,
section by section, in each of the body's languages. The sections follow those the Ministry
of Finance's system uses for local self-government bodies. Figures are never typed: the
public page and the PDF read them from the budget (`citizens.page`).
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import BodyTextsMixin

from ..publishing import PublishedQuerySet, PublishedRecordMixin

#: Languages a text block is written in (Kazakh for bodies in Kazakhstan).
TEXT_LANGUAGES = ("ky", "ru", "kk")
#: The most a text block holds: the PDF must fit one or two A4 pages.
TEXT_MAX = 1500


class CitizensStage(models.TextChoices):
    DRAFT = "draft", _("Draft budget")
    APPROVED = "approved", _("Approved budget")
    EXECUTED = "executed", _("Budget execution")


class Section(models.TextChoices):
    """The sections of a Citizens' Budget, in their order."""

    CONTACTS = "contacts", _("Contacts")
    GENERAL = "general", _("General information")
    PRIORITIES = "priorities", _("Development priorities")
    EXECUTION = "execution", _("Budget execution")
    DRAFT = "draft", _("Draft budget")
    APPROVED = "approved", _("Approved budget")
    INVESTMENTS = "investments", _("Extra-budgetary investments")


def _text(section: str, language: str):
    names = {"ky": _("Kyrgyz"), "ru": _("Russian"), "kk": _("Kazakh")}
    return models.TextField(
        format_lazy("{} ({})", Section(section).label, names[language]),
        blank=True,
        max_length=TEXT_MAX,
    )


class CitizensBudget(PublishedRecordMixin, BodyTextsMixin, models.Model):
    """One Citizens' Budget of a body: a year, a stage, and a text block per section and
    language. Published ones are read at /<slug>/<lang>/budget/<year>/citizens/<stage>/."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="citizens_budgets",
        verbose_name=_("body"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("budget year"))
    stage = models.CharField(_("stage"), max_length=10, choices=CitizensStage.choices)
    contacts_ky = _text("contacts", "ky")
    contacts_ru = _text("contacts", "ru")
    contacts_kk = _text("contacts", "kk")
    general_ky = _text("general", "ky")
    general_ru = _text("general", "ru")
    general_kk = _text("general", "kk")
    priorities_ky = _text("priorities", "ky")
    priorities_ru = _text("priorities", "ru")
    priorities_kk = _text("priorities", "kk")
    execution_ky = _text("execution", "ky")
    execution_ru = _text("execution", "ru")
    execution_kk = _text("execution", "kk")
    draft_ky = _text("draft", "ky")
    draft_ru = _text("draft", "ru")
    draft_kk = _text("draft", "kk")
    approved_ky = _text("approved", "ky")
    approved_ru = _text("approved", "ru")
    approved_kk = _text("approved", "kk")
    investments_ky = _text("investments", "ky")
    investments_ru = _text("investments", "ru")
    investments_kk = _text("investments", "kk")
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-year", "stage"]
        verbose_name = _("Citizens' Budget")
        verbose_name_plural = _("Citizens' Budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "stage"], name="budget_citizens_one_per_year_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_stage_display()}"

    def text(self, section: str, language: str) -> str:
        """The block of `section` written in `language` (no fallback: a missing translation
        is shown as missing, not in another language)."""
        return getattr(self, f"{section}_{language}", "") or ""

    def languages_written(self) -> list[str]:
        """The body's languages in which at least one block is written."""
        return [
            code
            for code in self.body.language_list
            if code in TEXT_LANGUAGES and any(self.text(s, code) for s in Section.values)
        ]
