"""Documents of bodies (документтер / документы).

The custom Wagtail document model from the first migration on, so that the registry of legal
acts (type, number, date of adoption, signatory, status, language versions) extends it in place.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.documents.models import DocumentQuerySet as WagtailDocumentQuerySet

from achyk.bodies import routing
from achyk.bodies.models import Body, TranslatedFieldsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet
from achyk.pagecache.parts import kept_with_body


class Language(models.TextChoices):
    KY = "ky", _("Kyrgyz")
    RU = "ru", _("Russian")
    KK = "kk", _("Kazakh")
    EN = "en", _("English")


class DocumentQuerySet(BodyOwnedQuerySet, WagtailDocumentQuerySet):
    def public(self):
        """What readers may see: documents published (given a title and a language) and not
        archived."""
        return self.filter(is_archived=False, is_published=True)

    def public_for_body(self, body):
        """What readers of the body's site see: its public documents, newest first."""
        return self.public().filter(body=body).order_by("-created_at")


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
    #: False for an upload whose title and language the uploader has not given yet (a bulk
    #: upload names each file after itself): readers do not see it until they are given.
    is_published = models.BooleanField(
        _("published"), default=True, editable=False,
        help_text=_("Readers see a document once it has a title and a language."),
    )  # fmt: skip
    act = models.ForeignKey(
        "Act", null=True, blank=True, on_delete=models.SET_NULL, related_name="files",
        verbose_name=_("legal act"),
    )  # fmt: skip
    language = models.CharField(_("language"), max_length=2, choices=Language, blank=True)
    text = models.TextField(_("text"), blank=True, editable=False)
    has_text_layer = models.BooleanField(
        _("has a text layer"), null=True, editable=False,
        help_text=_("Empty: not extracted yet or not a text format."),
    )  # fmt: skip

    admin_form_fields = WagtailDocument.admin_form_fields + (
        "description", "is_archived", "act", "language",
    )  # fmt: skip

    objects = DocumentQuerySet.as_manager()

    @classmethod
    def from_db(cls, db, field_names, values):
        document = super().from_db(db, field_names, values)
        # The act it was read with: a file moved to another act changes the languages of both.
        document.loaded_act_id = document.__dict__.get("act_id")
        return document

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["act", "language"],
                condition=models.Q(act__isnull=False),
                name="documents_document_one_file_per_language",
            )
        ]

    def save(self, *args, **kwargs):
        self.body = Body.objects.filter(collection_id=self.collection_id).first()
        super().save(*args, **kwargs)

    @property
    def extension(self) -> str:
        return self.file_extension.upper()


class DocumentType(TranslatedFieldsMixin, models.Model):
    """A type of legal act or document (документтин түрү / вид документа): data, not code.

    Seeded with the common types by a data migration; platform admins add more in the admin.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_ky = models.CharField(_("name in Kyrgyz"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back like every translated name, then to
        the code."""
        return self.translated("name") or self.code

    #: Types are platform-wide: a name missing in the reader's language falls back to Russian,
    #: which every jurisdiction on the platform publishes in.
    default_language = "ru"


class AdoptedBy(models.TextChoices):
    COUNCIL = "council", _("local council")
    HEAD = "head", _("head of the body")
    EXECUTIVE = "executive", _("executive body")
    GATHERING = "gathering", _("village gathering")
    OTHER = "other", _("other")


class ActStatus(models.TextChoices):
    DRAFT = "draft", _("draft for discussion")
    IN_FORCE = "in_force", _("in force")
    AMENDED = "amended", _("amended")
    REPEALED = "repealed", _("repealed")
    EXPIRED = "expired", _("expired")


#: The languages an act has a title column for.
TITLE_LANGUAGES = ("ky", "ru", "kk")


class ActQuerySet(BodyOwnedQuerySet):
    def public_for_body(self, body):
        """What readers of the body's site see: its acts, newest adoption first."""
        return (
            self.filter(body=body)
            .select_related("type")
            .order_by(models.F("adopted_on").desc(nulls_last=True), "-pk")
        )


class Act(models.Model):
    """A legal act or document of a body (укук актысы / правовой акт) in the registry.

    Its files are its language versions (`Document.act`, one per language); its number, date,
    author, signatory and status are the legal metadata the transparency monitor counts.
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="acts", verbose_name=_("body")
    )
    type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="acts", verbose_name=_("type")
    )
    #: The title in the body's default language, kept by `save` from its `title_<code>`: what
    #: the slug, the admin's search and every reader without a title of their own read.
    title = models.CharField(_("title"), max_length=500)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500, blank=True)
    number = models.CharField(_("number"), max_length=50, blank=True)
    adopted_on = models.DateField(_("date of adoption"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=20, choices=AdoptedBy.choices, default=AdoptedBy.COUNCIL
    )
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActStatus.choices, default=ActStatus.IN_FORCE
    )
    tags = TaggableManager(
        help_text=None, blank=True, verbose_name=_("topics"), related_name="acts"
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    #: The languages of its public files, sorted and space-separated ("ky ru"), kept by
    #: `refresh_languages` whenever a file is saved or deleted: the registry's language filter
    #: reads this column instead of looking for a file of each act among a million files.
    languages = models.CharField(
        _("languages of its files"), max_length=20, blank=True, default="", editable=False
    )

    objects = ActQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("legal act")
        verbose_name_plural = _("legal acts")
        indexes = [models.Index(fields=["body", "type", "adopted_on"])]

    def __str__(self):
        return self.label()

    def save(self, *args, **kwargs):
        self._keep_main_title()
        super().save(*args, **kwargs)

    def get_absolute_url(self, language: str | None = None) -> str | None:
        """The act's page in the body's documents section (`language`, or the body's default):
        `<section>/acts/<id>-<slug>/`. None while the body has no documents section."""
        section_url = self._section_url(language or get_language())
        return section_url + act_path(self) if section_url else None

    def _keep_main_title(self) -> None:
        """`title` is the title in the body's default language; an act made with `title` only
        (an import, an older caller) gets it as that language's title."""
        titles = {code: getattr(self, f"title_{code}") for code in TITLE_LANGUAGES}
        default = self.body.default_language if self.body_id else ""
        if titles.get(default):
            self.title = titles[default]
        elif not any(titles.values()):
            if self.title and default in TITLE_LANGUAGES:
                setattr(self, f"title_{default}", self.title)
        elif not self.title:
            self.title = next(value for value in titles.values() if value)

    def title_in(self, language: str | None = None) -> str:
        """The title in `language` (the active one when not given), else the main title."""
        code = language or get_language() or ""
        own = getattr(self, f"title_{code}", "") if code in TITLE_LANGUAGES else ""
        return own or self.title

    @property
    def local_title(self) -> str:
        """The title in the active language: what a page in that language shows."""
        return self.title_in()

    def label(self, language: str | None = None) -> str:
        """The title in `language` (the active one) with the number: "Title № 12"."""
        title = self.title_in(language)
        return f"{title} № {self.number}" if self.number else title

    def _section_url(self, language: str) -> str | None:
        body = self.body
        language = language if language in body.language_list else body.default_language
        cache = body.__dict__.setdefault("_documents_section_urls", {})
        if language not in cache:
            # kept with the body's pages (pagecache.parts): a change to its pages or sites
            # makes it be looked up again
            cache[language] = kept_with_body(
                body.pk, f"documents-section:{language}",
                lambda: prime_section_urls([body], language) or cache[language],
            )  # fmt: skip
        return cache[language]

    @property
    def slug(self) -> str:
        """Decorative: the permanent address is the id; a changed title only redirects."""
        return act_slug(self.title)


def act_path(act=None, *, pk: int | None = None, title: str = "") -> str:
    """An act's address relative to its body's documents section, `acts/<id>-<slug>/` (the
    route of `content.DocumentIndexPage`): of `act`, or of the act `pk` titled `title`."""
    if act is not None:
        pk, title = act.pk, act.title
    return "acts/" + str(pk) + "-" + act_slug(title) + "/"


def act_slug(title: str) -> str:
    """Decorative: the permanent address is the id; a changed title only redirects."""
    return slugify(title, allow_unicode=True)[:80] or "act"


def prime_section_urls(bodies, language: str) -> None:
    """Looks up the documents section of many bodies at once, so that a page listing acts of
    many bodies (the platform registry) reads a fixed number of queries, not a few per body.
    Each body keeps the address of its section per language (None while it has none)."""
    pending: dict[str, dict[int, Body]] = {}
    for body in bodies:
        code = language if language in body.language_list else body.default_language
        if code not in body.__dict__.setdefault("_documents_section_urls", {}):
            body.__dict__["_documents_section_urls"][code] = None
            if body.site_id:
                pending.setdefault(code, {})[body.site.root_page_id] = body
    if not pending:
        return
    # Wagtail reads the root paths of every site on the platform (two per body) for each page
    # whose address it gives, from the cache, unless the page already holds them: those of
    # these bodies' sites alone, read once for all the pages.
    sites = {body.site.pk: body.site for by_root in pending.values() for body in by_root.values()}
    root_paths = routing.site_root_paths(*sites.values())
    for code, by_root in pending.items():
        for root_id, page in _sections(by_root, code).items():
            body = by_root[root_id]
            page.__dict__["site_body"] = body  # the page's own body: saves looking it up
            page._wagtail_cached_site_root_paths = root_paths
            body.__dict__["_documents_section_urls"][code] = page.get_url()


def _sections(by_root: dict, language: str) -> dict:
    """{site root id: the first live documents section under its home page in `language`}."""
    from wagtail.models import Page  # the section is a content page; no import of content

    # every language version of the site roots (the roots among them), in one query
    keys = Page.objects.filter(pk__in=by_root).values("translation_key")
    rows = Page.objects.filter(translation_key__in=keys).values_list(
        "pk", "path", "depth", "translation_key", "locale__language_code"
    )
    roots, home_paths = {}, {}
    for pk, path, depth, key, code in rows:
        if pk in by_root:
            roots[key] = (pk, path, depth)
        if code == language:
            home_paths[key] = path
    condition = models.Q(pk__in=[])
    homes = {}  # the home's path in `language` (else the root's own) -> site root id
    for key, (pk, path, depth) in roots.items():
        home = home_paths.get(key, path)
        homes[home] = pk
        condition |= models.Q(path__startswith=home, depth=depth + 1)
    sections = Page.objects.live().filter(condition).filter(
        content_type__app_label="content", content_type__model="documentindexpage",
        locale__language_code=language,
    ).order_by("path").specific()  # fmt: skip
    found = {}
    for page in sections:
        root = next(pk for home, pk in homes.items() if page.path.startswith(home))
        found.setdefault(root, page)
    return found


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    REPEALS = "repeals", _("repeals")


class ActRelation(models.Model):
    """`from_act` amends or repeals `to_act`; both acts belong to `body`."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+", editable=False)
    from_act = models.ForeignKey(
        Act, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("act")
    )
    to_act = models.ForeignKey(
        Act, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("target act")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RelationKind.choices)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("link between acts")
        verbose_name_plural = _("links between acts")
        constraints = [
            models.UniqueConstraint(
                fields=["from_act", "to_act", "kind"], name="documents_actrelation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_act=models.F("to_act")),
                name="documents_actrelation_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.from_act} → {self.get_kind_display()} → {self.to_act}"


class ActChange(models.Model):
    """One entry of an act's history: who changed what, and when (өзгөртүүлөр / изменения).

    Stored as an action and its details, and put in words when shown, so that each reader
    reads the history in their own language.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("added to the registry")
        CHANGED = "changed", _("changed")
        LINKED = "linked", _("linked to another act")
        UNLINKED = "unlinked", _("link removed")
        FILE = "file", _("file of a language version")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+", editable=False)
    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("by"),
    )  # fmt: skip
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=20, choices=Action, default=Action.CHANGED)
    #: created: {}; changed: {"fields": [names]}; linked: {"kind", "target"};
    #: file: {"language", "title"}
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of an act")
        verbose_name_plural = _("changes of acts")

    def __str__(self):
        return self.description

    @property
    def description(self) -> str:
        """What changed, in the active language."""
        details = self.details or {}
        if self.action == self.Action.CREATED:
            return gettext("Added to the registry")
        if self.action in (self.Action.LINKED, self.Action.UNLINKED):
            kind = capfirst(RelationKind(details.get("kind", RelationKind.AMENDS)).label)
            if self.action == self.Action.UNLINKED:
                return gettext("Link removed: %(kind)s %(act)s") % {
                    "kind": kind, "act": details.get("target", ""),
                }  # fmt: skip
            return f"{kind}: {details.get('target', '')}"
        if self.action == self.Action.FILE:
            language = Language(details["language"]).label if details.get("language") else ""
            return gettext("File of the %(language)s version: %(title)s") % {
                "language": language, "title": details.get("title", ""),
            }  # fmt: skip
        names = [_field_label(name) for name in details.get("fields", [])]
        return gettext("Changed: %(fields)s") % {"fields": ", ".join(names)}


def _field_label(name: str) -> str:
    try:
        return str(Act._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def refresh_languages(act_ids) -> None:
    """Set `Act.languages` of the acts `act_ids` from their public (not archived) files."""
    ids = {act_id for act_id in act_ids if act_id is not None}
    if not ids:
        return
    found: dict[int, set[str]] = {act_id: set() for act_id in ids}
    files = Document.objects.filter(act_id__in=ids).public().exclude(language="")
    for act_id, language in files.values_list("act_id", "language"):
        found[act_id].add(language)
    for act_id, languages in found.items():
        Act.objects.filter(pk=act_id).update(languages=" ".join(sorted(languages)))
