"""Bodies (ЖӨБ органы / органы МСУ, state bodies), their territory and their staff.

A body is one tenant of the platform: one Wagtail Site (its home page in each of its
languages), one Collection for its images and documents, and two groups (admins, editors)
that hold its page and collection permissions. See docs/adr/0001-tenancy.md.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .roles import Role, sees_all_bodies

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# First path segments that belong to the platform itself, never to a body's slug.
RESERVED_SLUGS = frozenset(
    LANGUAGE_CODES
    + [
        "admin", "django-admin", "static", "media", "documents", "images", "accessibility",
        "api", "feeds", "search", "login", "logout", "healthz", "readyz", "robots.txt",
        "favicon.ico",
    ]
)  # fmt: skip


class Country(models.TextChoices):
    KG = "KG", _("Kyrgyzstan")
    KZ = "KZ", _("Kazakhstan")


#: Languages a body publishes in, by country: (required, optional). Kyrgyz is the default
#: language of Kyrgyz bodies and Russian is mandatory; Kazakh bodies publish in kk and ru.
COUNTRY_LANGUAGES = {
    Country.KG: (["ky", "ru"], ["en"]),
    Country.KZ: (["kk", "ru"], ["en"]),
}
COUNTRY_TIME_ZONES = {Country.KG: "Asia/Bishkek", Country.KZ: "Asia/Almaty"}


class TranslatedFieldsMixin:
    """Reads `<field>_<language>` columns for the active language, falling back in order."""

    def translated(self, field: str, language: str | None = None) -> str:
        for code in self._languages_to_read(language or translation.get_language() or "ky"):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return ""

    def _languages_to_read(self, language: str):
        """The reader's language, then the row's own, then the others. Lazily: a body's row
        reads its body for its own language (`BodyTextsMixin`), which a list of rows written
        in the reader's language would otherwise do once a row."""
        yield language
        yield getattr(self, "default_language", "ky")
        yield from ("ru", "ky", "kk", "en")


class BodyTextsMixin(TranslatedFieldsMixin):
    """Texts of a row a body owns (a `body` foreign key): they fall back to the body's own
    language first."""

    @property
    def default_language(self) -> str:
        return self.body.default_language if self.body_id else "ky"


class BodyTitledMixin(BodyTextsMixin):
    """A body's row titled in each language (`title_ky`, `title_ru`, ...)."""

    @property
    def title(self) -> str:
        return self.translated("title")


class Territory(TranslatedFieldsMixin, models.Model):
    """Unit of territory (аймак / территория): country → oblast → rayon → ayil aymak or town.

    Territory changes with reforms (ayil aymaks are being merged), so a unit is never deleted:
    it gets `valid_until` and, where known, a `successor`.
    """

    class Level(models.TextChoices):
        COUNTRY = "country", _("Country")
        OBLAST = "oblast", _("Oblast (region)")
        CITY = "city", _("City of republican significance")
        RAYON = "rayon", _("Rayon (district)")
        TOWN = "town", _("Town")
        AYIL_AYMAK = "ayil_aymak", _("Ayil aymak (rural municipality)")

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("part of"),
    )  # fmt: skip
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(
        _("SOATE / KATO code"), max_length=20, unique=True,
        validators=[RegexValidator(r"^\d{2,20}$", _("The code is made of digits only."))],
        help_text=_("The national classifier code of the territorial unit (СОАТЕ, КАТО)."),
    )  # fmt: skip
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    valid_until = models.DateField(_("abolished on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors",
        verbose_name=_("merged into"),
    )  # fmt: skip

    class Meta:
        ordering = ["code"]
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territory")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.translated("name")

    def ancestors(self) -> list["Territory"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class BodyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, query: str):
        """Bodies whose name in any language contains every word of `query`, in any case."""
        result = self
        for word in query.casefold().split()[:10]:
            result = result.filter(search_text__contains=word)
        return result

    def for_user(self, user):
        """Bodies whose admin data `user` may see: all for platform admins and supervisors."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if sees_all_bodies(user):
            return self.all()
        return self.filter(memberships__user=user)


class Body(TranslatedFieldsMixin, models.Model):
    """A public body hosted on the platform: an ayil okmotu (айыл өкмөтү), a town or a state
    body."""

    class Kind(models.TextChoices):
        AYIL_OKMOTU = "ayil_okmotu", _("Ayil okmotu (rural municipality)")
        TOWN = "town", _("Town (mayor's office)")
        COUNCIL = "council", _("Local council")
        STATE_BODY = "state_body", _("State body")

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("territory")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    slug = models.SlugField(
        _("address name"), max_length=60, unique=True,
        help_text=_("Latin letters, digits and hyphens: the body's address on the platform."),
    )  # fmt: skip
    hostname = models.CharField(
        _("own host name"), max_length=255, unique=True, null=True, blank=True,
        validators=[RegexValidator(r"^[a-z0-9.-]+$", _("Enter a host name such as burana.kg."))],
        help_text=_("Optional: the body's own domain, e.g. burana.kg, pointed at the platform."),
    )  # fmt: skip
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    languages = models.CharField(
        _("languages"), max_length=20, help_text=_("Comma-separated language codes, e.g. ky,ru.")
    )
    default_language = models.CharField(_("default language"), max_length=5)
    time_zone = models.CharField(_("time zone"), max_length=40, default="Asia/Bishkek")
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    head_name = models.CharField(_("head (full name)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address_ky = models.CharField(_("address (Kyrgyz)"), max_length=300, blank=True)
    address_ru = models.CharField(_("address (Russian)"), max_length=300, blank=True)
    address_kk = models.CharField(_("address (Kazakh)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    hours_ky = models.CharField(_("working hours (Kyrgyz)"), max_length=300, blank=True)
    hours_ru = models.CharField(_("working hours (Russian)"), max_length=300, blank=True)
    hours_kk = models.CharField(_("working hours (Kazakh)"), max_length=300, blank=True)
    hours_en = models.CharField(_("working hours (English)"), max_length=300, blank=True)
    site = models.OneToOneField(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="body",
        editable=False,
    )  # fmt: skip
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="body", editable=False,
    )  # fmt: skip
    admins_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="admins_of_body",
        editable=False,
    )  # fmt: skip
    editors_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="editors_of_body",
        editable=False,
    )  # fmt: skip
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Every name, case-folded: SQLite's LIKE folds only ASCII, and readers type "көк" for "Көк".
    search_text = models.TextField(editable=False, default="")

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        names = [self.slug, self.name_ky, self.name_ru, self.name_kk, self.name_en]
        self.search_text = " ".join(names).casefold()
        super().save(*args, **kwargs)

    def get_absolute_url(self, language: str | None = None) -> str:
        """The body's home under the platform's address, e.g. /burana/ky/."""
        return self.public_url(language)

    def public_url(self, language: str | None = None, name: str = "wagtail_serve", *args,
                   **kwargs) -> str:  # fmt: skip
        """A public address of the body under the platform's address: the URL `name` of the
        public site reversed in `language` (a language the body does not publish in gives its
        default one), e.g. `public_url("ky", "budget_year", year=2026)` is
        /burana/ky/budget/2026/. Without a name, the body's home; `public_url("ky",
        "wagtail_serve", "news/")` is a page below it."""
        language = language if language in self.language_list else self.default_language
        return public_url(self.slug, language, name, *args, **kwargs)

    def clean(self):
        errors = {}
        if self.slug and self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address name is reserved by the platform.")
        codes = self.language_list
        unknown = [code for code in codes if code not in LANGUAGE_CODES]
        if unknown or not codes:
            errors["languages"] = _("Choose languages among: %(codes)s.") % {
                "codes": ", ".join(LANGUAGE_CODES)
            }
        elif self.country in COUNTRY_LANGUAGES:
            missing = [c for c in COUNTRY_LANGUAGES[self.country][0] if c not in codes]
            if missing:
                errors["languages"] = _("The law requires these languages: %(codes)s.") % {
                    "codes": ", ".join(missing)
                }
        if codes and self.default_language not in codes:
            errors["default_language"] = _("The default language must be one of its languages.")
        if self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = _("Unknown time zone.")
        if self.default_language and not getattr(self, f"name_{self.default_language}", ""):
            errors[f"name_{self.default_language}"] = _("Name the body in its default language.")
        if errors:
            raise ValidationError(errors)

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def address(self) -> str:
        return self.translated("address")

    @property
    def hours(self) -> str:
        return self.translated("hours")

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def site_hostname(self) -> str:
        return self.hostname or f"{self.slug}.{settings.ACHYK_SITES_DOMAIN}"

    def admin_url(self) -> str:
        return reverse("bodies_admin:edit", args=[self.pk])


def public_url(slug: str, language: str, name: str = "wagtail_serve", *args, **kwargs) -> str:
    """`Body.public_url` for a body known by its slug alone (lists of many bodies' rows).

    The body's slug is the first segment of the address and works like a script prefix
    (`middleware.BodyMiddleware`): the URL is reversed without the prefix of the request being
    served, if any, and put under the body's slug."""
    if name == "wagtail_serve" and not args and not kwargs:
        args = ("",)
    with translation.override(language):
        return slug_path(slug, reverse(name, args=args or None, kwargs=kwargs or None))


def slug_path(slug: str, path: str) -> str:
    """`path`, an address of the public site reversed in any request (under the script prefix
    of the body being served, if any), put under the body of `slug`: /ky/news/ -> /burana/ky/news/.
    """
    return "/" + slug + "/" + path.removeprefix(get_script_prefix()).lstrip("/")


class Membership(models.Model):
    """A staff member of one body (кызматкер / сотрудник), with a role in its admin panel."""

    Role = Role

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership",
        verbose_name=_("user"),
    )  # fmt: skip
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("body")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.body.slug} ({self.role})"
