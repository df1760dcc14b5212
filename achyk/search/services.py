"""Writes to the search index: what a page, a document or an act's record shows the public,
in stems.

Called by the receivers in `signals.py`; `rebuild()` indexes everything again (the
`rebuild_search_index` command). Every function is idempotent: indexing an item that is
not public removes its entry.
"""

import html

from django.db import transaction
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import Page

from achyk.bodies.tenancy import body_for_page
from achyk.content.models import BodyHomePage, DocumentIndexPage
from achyk.documents.models import Act, Document, act_path
from achyk.participation.events.models import Event
from achyk.participation.needs.models import NeedsStudy
from achyk.plans.models import Action, Plan
from achyk.requests.models import Request
from achyk.social_order.contracts import Contract
from achyk.social_order.models import Call, CallState

from . import text
from .models import Kind, SearchEntry

#: Text kept for snippets; the stems cover the whole text, up to MAX_TERMS characters of
#: distinct stems (PostgreSQL refuses a tsvector over 1 MB: a long act must still save).
MAX_STORED_TEXT = 100_000
MAX_TERMS = 200_000
#: Fields of page types that readers see as text (rich text included).
PAGE_TEXT_FIELDS = ("intro", "body", "body_text", "event_place", "structure", "about")
DOCUMENT_KINDS = (Kind.DOCUMENT, Kind.ACT)


def plain(value: str) -> str:
    """Rich text or HTML as the words a reader sees."""
    return html.unescape(strip_tags(value.replace("<", " <"))).strip()


def _page_text(page: Page) -> str:
    parts = [getattr(page, name, None) for name in PAGE_TEXT_FIELDS]
    parts = [plain(part) for part in parts if isinstance(part, str) and part]
    people = page.people.all() if hasattr(page, "people") else ()  # leadership pages
    parts += [f"{person.name} {person.position} {person.duties}" for person in people]
    deputies = page.deputies.all() if hasattr(page, "deputies") else ()  # the council's page
    parts += [f"{deputy.name} {deputy.position} {deputy.constituency}" for deputy in deputies]
    commissions = page.commissions.all() if hasattr(page, "commissions") else ()
    parts += [f"{item.name} {item.chair} {item.members} {item.remit}" for item in commissions]
    return "\n".join(part for part in parts if part)


def _without_script_prefix(path: str) -> str:
    """The address from the root of the site, whatever request is being served."""
    prefix = get_script_prefix()
    return "/" + path[len(prefix) :] if path and path.startswith(prefix) else path


def _page_is_public(page: Page) -> bool:
    return page.depth > 1 and page.live and not page.get_view_restrictions().exists()


def _capped(terms: str) -> str:
    return terms[:MAX_TERMS].rsplit(" ", 1)[0] if len(terms) > MAX_TERMS else terms


def _write(*, kind: str, object_id: int, body, language: str, title: str, body_text: str,
           url: str, date) -> SearchEntry:  # fmt: skip
    # PostgreSQL cannot store NUL in text; a file's extracted text might carry one.
    title, body_text = title.replace("\x00", ""), body_text.replace("\x00", "")
    terms = _capped(text.terms(f"{title}\n{body_text}", language))
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind, object_id=object_id,
        defaults={
            "body": body, "language": language, "title": title[:500],
            "text": body_text[:MAX_STORED_TEXT], "url": url[:1000], "date": date,
            "terms": terms,
        },
    )  # fmt: skip
    return entry


def index_page(page: Page) -> SearchEntry | None:
    """Index `page` if it is public (live, not private, not the tree's root); else forget it."""
    page = page.specific_deferred if type(page) is Page else page
    if not _page_is_public(page):
        remove_page(page_id=page.pk)
        return None
    _site_id, _root, path = Page.get_url_parts(page) or (None, "", "")
    path = _without_script_prefix(path)
    if not path:
        remove_page(page_id=page.pk)
        return None
    with transaction.atomic():
        return _write(
            kind=Kind.PAGE, object_id=page.pk, body=body_for_page(page),
            language=page.locale.language_code, title=page.title, body_text=_page_text(page),
            url=path, date=page.last_published_at or page.first_published_at,
        )  # fmt: skip


def index_page_tree(page: Page) -> None:
    """Index `page` and every page under it (after a move, or a change of view restriction)."""
    for each in page.get_descendants(inclusive=True).specific():
        index_page(each)


def remove_page(*, page_id: int) -> None:
    SearchEntry.objects.filter(kind=Kind.PAGE, object_id=page_id).delete()


def index_document(*, document_id: int) -> SearchEntry | None:
    """Index a document the public can read (its body's, published, not archived); else forget
    it.

    Read afresh from the database: its text is written apart from its other fields.
    """
    document = Document.objects.select_related("body").filter(pk=document_id).first()
    if document is None or document.body_id is None or not document.is_published:
        remove_document(document_id=document_id)
        return None
    if document.is_archived:
        remove_document(document_id=document_id)
        return None
    act = Act.objects.select_related("type").filter(pk=document.act_id).first()
    parts = [document.description, document.text]
    kind, title, url = Kind.DOCUMENT, document.title, _without_script_prefix(document.url)
    language = document.language or document.body.default_language
    act_path = act and _act_path(act, language)
    if act_path:
        kind, title, url = Kind.ACT, act.label(language), act_path
        parts = [act.type.name, act.signatory, *parts]
    with transaction.atomic():
        SearchEntry.objects.filter(kind__in=DOCUMENT_KINDS, object_id=document.pk).exclude(
            kind=kind
        ).delete()
        return _write(
            kind=kind, object_id=document.pk, body=document.body, language=document.language,
            title=title, body_text="\n".join(part for part in parts if part),
            url=url, date=document.created_at,
        )  # fmt: skip


def _act_path(act: Act, language: str) -> str | None:
    """The act's page from its site's root (/ky/documents/acts/<id>-<slug>/), or None while
    the body has no documents section in that language."""
    home = BodyHomePage.objects.filter(body_id=act.body_id, locale__language_code=language).first()
    section = home and DocumentIndexPage.objects.live().child_of(home).first()
    if section is None:
        return None
    _site_id, _root, path = Page.get_url_parts(section) or (None, "", "")
    return _without_script_prefix(path) + act_path(act) if path else None


def remove_document(*, document_id: int) -> None:
    SearchEntry.objects.filter(kind__in=DOCUMENT_KINDS, object_id=document_id).delete()


def index_act(*, act_id: int) -> list[SearchEntry]:
    """Index the registry record of an act (title, number, type, date, who adopted and signed
    it, status, topics) in each language of its body where it has no public file: a file's
    entry finds the act where there is one, and an act with no file at all is still found in
    every language its page is read in. Forgets the records of a deleted act."""
    act = Act.objects.select_related("type", "body").filter(pk=act_id).first()
    if act is None:
        remove_act(act_id=act_id)
        return []
    covered = set(act.files.public().values_list("language", flat=True))
    languages = [] if "" in covered else [c for c in act.body.language_list if c not in covered]
    entries = []
    with transaction.atomic():
        for language in languages:
            path = _act_path(act, language)
            if path:
                entries.append(_write_record(act, language, path))
        SearchEntry.objects.filter(kind=Kind.ACT_RECORD, object_id=act.pk).exclude(
            language__in=[entry.language for entry in entries]
        ).delete()
    return entries


def _write_record(act: Act, language: str, path: str) -> SearchEntry:
    with translation.override(language):
        parts = [
            act.type.name, act.number and f"№ {act.number}",
            act.adopted_on and act.adopted_on.strftime("%d.%m.%Y"),
            act.get_adopted_by_display(), act.signatory, act.get_status_display(),
            " ".join(act.tags.names()),
        ]  # fmt: skip
    body_text = "\n".join(str(part) for part in parts if part)
    title, body_text = act.label(language).replace("\x00", ""), body_text.replace("\x00", "")
    entry, _created = SearchEntry.objects.update_or_create(
        kind=Kind.ACT_RECORD, object_id=act.pk, language=language,
        defaults={
            "body": act.body, "title": title[:500], "text": body_text, "url": path[:1000],
            "date": act.published_at, "terms": text.terms(f"{title}\n{body_text}", language),
        },
    )  # fmt: skip
    return entry


def remove_act(*, act_id: int) -> None:
    SearchEntry.objects.filter(kind=Kind.ACT_RECORD, object_id=act_id).delete()


# --- Items of the modules (plans, participation, social order, requests) -----------------
#
# Their public pages are read in every language of the body, each text falling back to
# another language where it has none in the one read (`TranslatedFieldsMixin`): an item
# has one entry per language of its body, holding what its page shows in that language,
# and the entries of an item that is not public (a draft, an unpublished or withdrawn one)
# are deleted. Another body's items never reach a body's search: entries carry their body.
# Items of a body taken off the platform stay indexed and are left out by the search itself
# (`selectors.search`), so they come back with the body.


def _public_path(language: str, name: str, **kwargs) -> str:
    """The public address of a module's view from the body's site root (/ky/plans/5/)."""
    with translation.override(language):
        return _without_script_prefix(reverse(name, kwargs=kwargs))


def _write_languages(*, kind: str, item, versions, date) -> list[SearchEntry]:
    """An entry per language of `item`'s body: `versions(language)` gives (title, text,
    address) as its page shows them in that language; entries of other languages go."""
    entries = []
    with transaction.atomic():
        for language in item.body.language_list:
            with translation.override(language):
                title, body_text, url = versions(language)
            title, body_text = title.replace("\x00", ""), body_text.replace("\x00", "")
            entry, _created = SearchEntry.objects.update_or_create(
                kind=kind, object_id=item.pk, language=language,
                defaults={
                    "body": item.body, "title": title[:500], "text": body_text[:MAX_STORED_TEXT],
                    "url": url[:1000], "date": date,
                    "terms": _capped(text.terms(f"{title}\n{body_text}", language)),
                },
            )  # fmt: skip
            entries.append(entry)
        SearchEntry.objects.filter(kind=kind, object_id=item.pk).exclude(
            language__in=item.body.language_list
        ).delete()
    return entries


def _remove(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _lines(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def index_plan(*, plan_id: int) -> list[SearchEntry]:
    """Index a published plan (СЭӨП / БАП): its title, period, kind and summary."""
    plan = Plan.objects.select_related("body").filter(pk=plan_id, is_published=True).first()
    if plan is None:
        remove_plan(plan_id=plan_id)
        return []

    def versions(language):
        return (
            f"{plan.translated('title', language) or plan.get_kind_display()} {plan.period}",
            _lines(plan.get_kind_display(), plan.translated("summary", language)),
            _public_path(language, "plans_plan", pk=plan.pk),
        )

    return _write_languages(kind=Kind.PLAN, item=plan, versions=versions, date=plan.published_at)


def remove_plan(*, plan_id: int) -> None:
    _remove(Kind.PLAN, plan_id)


def index_plan_action(*, action_id: int) -> list[SearchEntry]:
    """Index an action or step of a published plan: its number and title, the plan's title,
    the larger action it is a step of, who is responsible and the village."""
    action = _public_actions().filter(pk=action_id).first()
    if action is None:
        remove_plan_action(action_id=action_id)
        return []
    return _write_action(action)


def index_plan_actions(*, plan_id: int) -> None:
    """Index every action of a plan again (published: each found; withdrawn: none)."""
    public = set()
    for action in _public_actions().filter(plan_id=plan_id).iterator(chunk_size=500):
        _write_action(action)
        public.add(action.pk)
    others = Action.objects.filter(plan_id=plan_id).exclude(pk__in=public)
    SearchEntry.objects.filter(
        kind=Kind.PLAN_ACTION, object_id__in=others.values_list("pk", flat=True)
    ).delete()


def _public_actions():
    return Action.objects.select_related("body", "plan", "parent").filter(plan__is_published=True)


def _write_action(action: Action) -> list[SearchEntry]:
    def versions(language):
        plan, parent = action.plan, action.parent
        return (
            f"{action.code} {action.translated('title', language)}".strip(),
            _lines(
                f"{plan.translated('title', language) or plan.get_kind_display()} {plan.period}",
                parent and f"{parent.code} {parent.translated('title', language)}",
                action.responsible,
                action.settlement,
            ),  # fmt: skip
            _public_path(language, "plans_action", pk=action.pk),
        )

    date = action.plan.published_at
    return _write_languages(kind=Kind.PLAN_ACTION, item=action, versions=versions, date=date)


def remove_plan_action(*, action_id: int) -> None:
    _remove(Kind.PLAN_ACTION, action_id)


def index_needs_study(*, study_id: int) -> list[SearchEntry]:
    """Index a published needs study (СИНС): its title, method, who led it, its priorities."""
    study = (
        NeedsStudy.objects.select_related("body")
        .prefetch_related("priorities")
        .filter(pk=study_id, is_published=True)
        .first()
    )
    if study is None:
        remove_needs_study(study_id=study_id)
        return []

    def versions(language):
        priorities = [p.translated("title", language) for p in study.priorities.all()]
        return (
            study.translated("title", language),
            _lines(study.translated("method", language), study.led_by, *priorities),
            _public_path(language, "participation_study", pk=study.pk),
        )

    return _write_languages(
        kind=Kind.NEEDS_STUDY, item=study, versions=versions, date=study.published_at
    )


def remove_needs_study(*, study_id: int) -> None:
    _remove(Kind.NEEDS_STUDY, study_id)


def index_event(*, event_id: int) -> list[SearchEntry]:
    """Index a published public event: its title, kind, place, agenda and minutes."""
    event = Event.objects.select_related("body").filter(pk=event_id, is_published=True).first()
    if event is None:
        remove_event(event_id=event_id)
        return []

    def versions(language):
        return (
            event.translated("title", language),
            _lines(
                event.get_kind_display(),
                event.translated("place", language),
                event.translated("agenda", language),
                event.translated("minutes", language),
            ),  # fmt: skip
            _public_path(language, "participation_event", pk=event.pk),
        )

    return _write_languages(kind=Kind.EVENT, item=event, versions=versions, date=event.starts_at)


def remove_event(*, event_id: int) -> None:
    _remove(Kind.EVENT, event_id)


def index_social_call(*, call_id: int) -> list[SearchEntry]:
    """Index a call for projects of the social order once it is past its draft (what the
    public register shows): its title, topic, who may apply and the documents to attach."""
    public = Call.objects.exclude(state=CallState.DRAFT)
    call = public.select_related("body").filter(pk=call_id).first()
    if call is None:
        remove_social_call(call_id=call_id)
        return []

    def versions(language):
        return (
            call.translated("title", language),
            _lines(
                call.translated("topic", language),
                call.translated("eligibility", language),
                call.translated("documents", language),
            ),  # fmt: skip
            _public_path(language, "social_order_call", pk=call.pk),
        )

    date = call.published_at or call.opens_at
    return _write_languages(kind=Kind.SOCIAL_CALL, item=call, versions=versions, date=date)


def remove_social_call(*, call_id: int) -> None:
    _remove(Kind.SOCIAL_CALL, call_id)


def index_social_contract(*, contract_id: int) -> list[SearchEntry]:
    """Index a published contract of the social order as its page heads it (contract number
    and the project's title), with the organisation and the call."""
    contract = (
        Contract.objects.select_related("body", "application__organisation", "application__call")
        .filter(pk=contract_id, is_published=True)
        .first()
    )
    if contract is None:
        remove_social_contract(contract_id=contract_id)
        return []
    application = contract.application

    def versions(language):
        return (
            f"{gettext('Contract')} {contract}: {application.title}",
            _lines(
                application.organisation.name,
                application.call.translated("title", language),
                application.settlements,
            ),  # fmt: skip
            _public_path(language, "social_order_contract", pk=contract.pk),
        )

    return _write_languages(
        kind=Kind.SOCIAL_CONTRACT, item=contract, versions=versions, date=contract.published_at
    )


def remove_social_contract(*, contract_id: int) -> None:
    _remove(Kind.SOCIAL_CONTRACT, contract_id)


def index_request(*, request_id: int) -> list[SearchEntry]:
    """Index a request for information that staff made public and that has been answered:
    the question as published (without personal data) and the answer, as the register shows
    them."""
    answered = Request.objects.registered().filter(is_public=True, closed_on__isnull=False)
    item = answered.select_related("body").filter(pk=request_id).first()
    if item is None:
        remove_request(request_id=request_id)
        return []

    def versions(language):
        return (
            gettext("Request %(reference)s") % {"reference": item.reference},
            _lines(item.public_question, item.answer),
            _public_path(language, "requests_detail", reference=item.reference),
        )

    return _write_languages(kind=Kind.REQUEST, item=item, versions=versions, date=item.closed_at)


def remove_request(*, request_id: int) -> None:
    _remove(Kind.REQUEST, request_id)


#: What `rebuild()` indexes of the modules: (index function, its keyword, the candidates).
MODULE_ITEMS = (
    (index_plan, "plan_id", lambda: Plan.objects.filter(is_published=True)),
    (index_plan_action, "action_id", lambda: Action.objects.filter(plan__is_published=True)),
    (index_needs_study, "study_id", lambda: NeedsStudy.objects.filter(is_published=True)),
    (index_event, "event_id", lambda: Event.objects.filter(is_published=True)),
    (index_social_call, "call_id", lambda: Call.objects.exclude(state=CallState.DRAFT)),
    (index_social_contract, "contract_id", lambda: Contract.objects.filter(is_published=True)),
    (index_request, "request_id", lambda: Request.objects.filter(is_public=True)),
)


def rebuild() -> int:
    """Index every page and document again; returns how many entries there are."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for page in Page.objects.filter(depth__gt=1).live().public().specific():
            index_page(page)
        for document_id in Document.objects.public().values_list("pk", flat=True):
            index_document(document_id=document_id)
        for act_id in Act.objects.values_list("pk", flat=True):
            index_act(act_id=act_id)
        for index, keyword, candidates in MODULE_ITEMS:
            for pk in candidates().values_list("pk", flat=True):
                index(**{keyword: pk})
    return SearchEntry.objects.count()
