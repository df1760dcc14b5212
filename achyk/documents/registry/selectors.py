"""The public registry of acts (актылардын реестри / реестр актов): filters, reads and links.

`RegistryFilter` reads the query string of a registry address (type, year, status, adopted_by,
language, sort; on the platform also body and territory); a value it does not know becomes a
message for the reader, never an error page, and the filters it does know still apply.
`entries(body=..., filters=...)` is the selector every view of the registry reads (the list of
a body's documents page, the platform's list, the feeds and the exports), so all of them give
the same acts for the same address. `canonical_query(filters)` is that address's query string
in one stable order.
"""

from django import forms
from django.conf import settings
from django.db.models import F, Prefetch
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body, Territory

from ..models import Act, ActStatus, AdoptedBy, Document, DocumentType, prime_section_urls

#: The query parameters of a registry address, in the order links write them.
PARAMETERS = ("body", "territory", "type", "year", "status", "adopted_by", "language", "sort")
SORTS = (("-date", _("newest first")), ("date", _("oldest first")))
DEFAULT_SORT = "-date"
PAGE_SIZE = 20
#: Acts the list's pages reach (500 pages): the platform holds a million, and counting them
#: all on each page read costs more than the page; past it, the reader narrows with filters.
MAX_LISTED = 10_000


def _blank(choices):
    return [("", _("all")), *choices]


class RegistryFilter(forms.Form):
    """The filters of a registry address. `platform=True` adds the body and territory filters."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(ActStatus.choices))
    adopted_by = forms.ChoiceField(
        label=_("Adopted by"), required=False, choices=_blank(AdoptedBy.choices)
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=_blank(settings.LANGUAGES)
    )
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)

    def __init__(self, data=None, *, platform: bool = False, body: Body | None = None):
        data = data.copy() if data is not None else {}
        if data.get("status"):
            data["status"] = data["status"].replace("-", "_")  # in-force reads as in_force
        super().__init__(data)
        self.platform = platform
        self.fields["type"].choices = _blank(
            (kind.code, kind.name) for kind in DocumentType.objects.all()
        )
        if body is not None:
            self.fields["language"].choices = _blank(
                (code, name) for code, name in settings.LANGUAGES if code in body.language_list
            )
        if platform:
            self.fields["body"] = forms.SlugField(label=_("Body"), required=False)
            self.fields["territory"] = forms.CharField(
                label=_("Territory (SOATE code)"), required=False, max_length=20
            )

    def clean_body(self):
        slug = self.cleaned_data.get("body")
        if not slug:
            return None
        body = Body.objects.filter(slug=slug, is_active=True).first()
        if body is None:
            raise forms.ValidationError(_("There is no body with the address name “%(slug)s”."),
                                        params={"slug": slug})  # fmt: skip
        return body

    def clean_territory(self):
        code = self.cleaned_data.get("territory")
        if not code:
            return None
        territory = Territory.objects.filter(code=code).first()
        if territory is None:
            raise forms.ValidationError(_("There is no territory with the code “%(code)s”."),
                                        params={"code": code})  # fmt: skip
        return territory

    @property
    def values(self) -> dict:
        """The valid filters only (an invalid one is left out, and reported by `errors`)."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "") and name not in self.errors
        }

    def messages(self) -> list[str]:
        """What is wrong with the address, one sentence per filter, for the reader."""
        self.is_valid()
        return [
            f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        ]


def canonical_query(filters: dict, **extra) -> str:
    """The query string of `filters` (as `RegistryFilter.values` gives them), stable order."""
    pairs = []
    for name in PARAMETERS:
        value = {**filters, **extra}.get(name)
        if value in (None, "") or (name == "sort" and value == DEFAULT_SORT):
            continue
        value = getattr(value, "slug", None) or getattr(value, "code", None) or value
        pairs.append((name, value))
    if extra.get("page") not in (None, 1, "1"):
        pairs.append(("page", extra["page"]))
    return urlencode(pairs)


def _territory_ids(territory: Territory) -> list[int]:
    ids, level = [territory.pk], [territory.pk]
    while level:
        level = list(Territory.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        ids += level
    return ids


def public_files():
    """The files readers may download: not archived, in the order of languages."""
    return Document.objects.public().order_by("language", "pk")


def share_bodies(acts, bodies: dict | None = None):
    """`acts` with one Body object per body, so that what a body caches (the address of its
    documents section, used by every act's link) is looked up once, not once per act."""
    bodies = {} if bodies is None else bodies
    for act in acts:
        act.body = bodies.setdefault(act.body_id, act.body)
        yield act


def with_addresses(acts) -> list:
    """`acts` as a list whose links are ready: the documents sections of all their bodies
    looked up together (a platform page lists acts of many bodies)."""
    bodies: dict = {}
    acts = list(share_bodies(acts, bodies))
    prime_section_urls(bodies.values(), get_language())
    return acts


def loose_documents(*, body: Body):
    """The body's public documents that are not a version of an act (notices, forms, ...)."""
    return public_files().filter(body=body, act__isnull=True).order_by("-created_at", "-pk")


def entries(*, body: Body | None, filters: dict):
    """Acts of `body` (of every active body when None) matching `filters`, sorted by date."""
    acts = Act.objects.select_related("type")
    acts = acts.filter(body=body) if body is not None else acts.of_active_bodies()
    if filters.get("body"):
        acts = acts.filter(body=filters["body"])
    if filters.get("territory"):
        acts = acts.filter(body__territory_id__in=_territory_ids(filters["territory"]))
    if filters.get("type"):
        acts = acts.filter(type__code=filters["type"])
    if filters.get("year"):
        acts = acts.filter(adopted_on__year=filters["year"])
    for name in ("status", "adopted_by"):
        if filters.get(name):
            acts = acts.filter(**{name: filters[name]})
    if filters.get("language"):  # codes are two letters: "ru" is never part of another
        acts = acts.filter(languages__contains=filters["language"])
    if filters.get("sort") == "date":
        order = [F("adopted_on").asc(nulls_last=True), "pk"]
    else:
        order = [F("adopted_on").desc(nulls_last=True), "-pk"]
    return acts.order_by(*order).prefetch_related(
        "body__site", Prefetch("files", queryset=public_files(), to_attr="public_files")
    )
