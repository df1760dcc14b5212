"""Writes to the registry of acts: each one a transaction that also records who changed what."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from achyk.bodies.models import Body

from .models import Act, ActChange, ActRelation, ActStatus, AdoptedBy, Document, DocumentType

#: The act's fields whose changes the history names.
TRACKED_FIELDS = ("type", "title_ky", "title_ru", "title_kk", "number", "adopted_on",
                  "adopted_by", "signatory", "status")  # fmt: skip


@dataclass
class ActIn:
    """A new act; `title` is its title in the body's default language, unless the titles per
    language say otherwise (`Act.save` keeps the two together)."""

    type: DocumentType
    title: str = ""
    title_ky: str = ""
    title_ru: str = ""
    title_kk: str = ""
    number: str = ""
    adopted_on: date | None = None
    adopted_by: str = AdoptedBy.COUNCIL
    signatory: str = ""
    status: str = ActStatus.IN_FORCE
    tags: list[str] = field(default_factory=list)


def record_change(*, act: Act, by, action: str, **details) -> ActChange:
    """One line of the act's history; `by` is the staff member (None: the platform)."""
    user = by if by is not None and by.is_authenticated else None
    return ActChange.objects.create(
        body_id=act.body_id, act=act, user=user, action=action, details=details
    )


@transaction.atomic
def create_act(*, body: Body, data: ActIn, by=None) -> Act:
    act = Act.objects.create(
        body=body, type=data.type, title=data.title, title_ky=data.title_ky,
        title_ru=data.title_ru, title_kk=data.title_kk, number=data.number,
        adopted_on=data.adopted_on, adopted_by=data.adopted_by, signatory=data.signatory,
        status=data.status,
    )  # fmt: skip
    if data.tags:
        act.tags.set(data.tags)
    record_change(act=act, by=by, action=ActChange.Action.CREATED)
    return act


@transaction.atomic
def update_act(*, act: Act, changes: dict, by=None) -> Act:
    """Apply `changes` ({field: value}) and record the names of the fields that changed.
    `title` is the title in the body's default language."""
    default = f"title_{act.body.default_language}"
    if "title" in changes and hasattr(act, default) and default not in changes:
        changes = {default if name == "title" else name: value for name, value in changes.items()}
    changed = [name for name, value in changes.items() if getattr(act, name) != value]
    for name in changed:
        setattr(act, name, changes[name])
    if changed:
        act.save()
        record_change(act=act, by=by, action=ActChange.Action.CHANGED, fields=changed)
    return act


@transaction.atomic
def link_acts(*, from_act: Act, to_act: Act, kind: str, by=None) -> ActRelation:
    """`from_act` amends or repeals `to_act` (same body); the target's status follows."""
    if from_act.body_id != to_act.body_id or from_act.pk == to_act.pk:
        raise ValidationError(_("An act can only amend or repeal another act of the same body."))
    relation, _created = ActRelation.objects.get_or_create(
        body_id=from_act.body_id, from_act=from_act, to_act=to_act, kind=kind
    )
    status = ActStatus.REPEALED if kind == "repeals" else ActStatus.AMENDED
    record_change(
        act=from_act, by=by, action=ActChange.Action.LINKED, kind=kind, target=str(to_act)
    )
    if to_act.status != status and to_act.status != ActStatus.REPEALED:
        update_act(act=to_act, changes={"status": status}, by=by)
    return relation


@transaction.atomic
def attach_file(*, act: Act, document: Document, language: str, by=None) -> Document:
    """Make `document` the `language` version of `act`, replacing the former one."""
    if document.body_id != act.body_id:
        raise ValidationError(_("The file belongs to another body."))
    act.files.filter(language=language).exclude(pk=document.pk).update(act=None)
    document.act, document.language = act, language
    document.save(update_fields=["act", "language"])
    record_change(
        act=act, by=by, action=ActChange.Action.FILE, language=language, title=document.title
    )
    Act.objects.filter(pk=act.pk).update(updated_at=document.updated_at)
    return document


@transaction.atomic
def unlink_acts(*, relation: ActRelation, by=None) -> None:
    """Remove a link made by mistake; the target's status is left to the editor."""
    record_change(
        act=relation.from_act, by=by, action=ActChange.Action.UNLINKED, kind=relation.kind,
        target=str(relation.to_act),
    )  # fmt: skip
    relation.delete()
