"""The search index (издөө / поиск): one entry per public page or document, in stemmed words."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body
from achyk.bodies.tenancy import BodyOwnedQuerySet


class Kind(models.TextChoices):
    PAGE = "page", _("page")
    DOCUMENT = "document", _("document")
    ACT = "act", _("legal act")
    #: An act's registry record (its metadata) in a language it has no public file in.
    ACT_RECORD = "act_record", _("legal act")
    #: Items of the modules, one entry per language of their body (`services.index_plan`...).
    PLAN = "plan", _("plan")
    PLAN_ACTION = "plan_action", _("action")
    NEEDS_STUDY = "needs_study", _("needs study")
    EVENT = "event", _("public event")
    SOCIAL_CALL = "social_call", _("call for projects")
    SOCIAL_CONTRACT = "social_contract", _("contract")
    REQUEST = "request", _("request for information")


class SearchEntry(models.Model):
    """What search knows of one public item: its title, plain text and stems, address and date.

    Kept by `services` from the signals of pages and documents: an item that is not public
    (a draft, an unpublished or private page, an archived document) has no entry. `terms`
    holds the stems of the title and text (`text.terms`); the full-text index over it is a
    SQLite FTS5 table or, on PostgreSQL, a GIN index on the column `terms_vector` that the
    database computes from `terms` (migrations 0002 and 0004; not a field of this model).
    `language` is empty for a document whose language is not known: it is found in every
    language. An act's record (`Kind.ACT_RECORD`, `object_id` = the act) has one entry per
    language, hence `language` in the unique constraint; so has an item of the modules (a plan,
    an action, a needs study, an event, a call, a contract, a request: one per language of
    its body).
    """

    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entries",
        verbose_name=_("body"),
    )  # fmt: skip
    language = models.CharField(_("language"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    terms = models.TextField(blank=True)
    url = models.CharField(_("address"), max_length=1000)
    date = models.DateTimeField(_("date"), null=True, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_one_entry_per_item_language"
            )
        ]
        indexes = [
            models.Index(fields=["language", "body", "date"]),
            # The order of results (selectors.search), platform-wide and on a body's site.
            models.Index(
                models.F("date").desc(), models.F("id").desc(), name="search_entry_newest"
            ),
            models.Index(
                "body",
                models.F("date").desc(),
                models.F("id").desc(),
                name="search_entry_body_newest",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title
