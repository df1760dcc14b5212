"""Services of the bulk import: many files and a CSV of their metadata, all or nothing.

`stage_import` checks every file by its content (`ui.uploads.check_document`) and every row of
the CSV (`bulk.check`) and saves nothing in the registry: when all is well it stages the CSV
and the files (`ui.staging`, area "staging" of the default storage, so every application
server reads what another one staged), owned by the user and the body, and returns its id
with the verdict for the preview. `run_import` takes
that id (another user's or another body's id is answered like a missing one), checks the rows
again against the registry as it is now, and creates the acts and their language versions in
one transaction; the staged files are removed once they are saved (`ui.staging` sweeps those
older than a day).
"""

from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from achyk.bodies.models import Body
from achyk.ui import staging
from achyk.ui.uploads import check_document

from ..models import TITLE_LANGUAGES, Act, ActStatus, AdoptedBy, Document, DocumentType
from ..services import ActIn, attach_file, create_act, link_acts
from . import bulk


class ImportNotFound(Exception):
    """No staged import of this id for this user and body (gone, or someone else's)."""


class ImportRefused(Exception):
    """The staged import no longer passes the checks; `verdict` says why."""

    def __init__(self, verdict: bulk.Verdict):
        super().__init__("import refused")
        self.verdict = verdict


STAGING = "staging"
#: The staged CSV's name: a "/" is in no uploaded file's name.
SHEET = "/sheet.csv"


def staging_root() -> Path:
    """Where staged imports lie when the default storage is local disk (MEDIA_ROOT)."""
    return Path(settings.MEDIA_ROOT) / STAGING


def rules_for(body: Body) -> bulk.Rules:
    """What the rows of `body`'s import may say, and the numbers its registry already holds."""
    taken = {
        (code, number.casefold(), adopted_on.year)
        for code, number, adopted_on in Act.objects.filter(body=body)
        .exclude(number="")
        .exclude(adopted_on=None)
        .values_list("type__code", "number", "adopted_on")
    }
    return bulk.Rules(
        types=set(DocumentType.objects.values_list("code", flat=True)),
        statuses=set(ActStatus.values),
        adopters=set(AdoptedBy.values),
        languages=body.language_list,
        taken=taken,
        registry=registry_for(body),
    )


def _numbered(number: str, date):
    acts = Act.objects.filter(number__iexact=number)
    return acts.filter(adopted_on=date) if date else acts


def registry_for(body: Body) -> bulk.Registry:
    """How the references of an import's `amends` and `repeals` columns are looked up: in
    `body`'s acts; other bodies' acts (public in the registry anyway) only to say why a
    reference cannot be linked."""

    def body_of(act_id: int) -> bool | None:
        owner = Act.objects.filter(pk=act_id).values_list("body_id", flat=True).first()
        return None if owner is None else owner == body.pk

    return bulk.Registry(
        find=lambda number, date: list(
            _numbered(number, date).filter(body=body).values_list("pk", flat=True)[:2]
        ),
        body_of=body_of,
        elsewhere=lambda number, date: _numbered(number, date).exclude(body=body).exists(),
    )


def file_name(upload) -> str:
    return PurePath(upload.name or "").name


def _file_errors(files) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for upload in files:
        name = file_name(upload)
        if name in errors:
            errors[name].append(_("Two uploaded files have this name."))
            continue
        errors[name] = []
        try:
            check_document(upload)
        except ValidationError as error:
            errors[name].extend(error.messages)
    return errors


def judge(*, body: Body, sheet: bytes, files) -> bulk.Verdict:
    """The verdict on an import, without staging or saving anything."""
    file_errors = _file_errors(files)
    try:
        rows = bulk.read_sheet(sheet)
    except bulk.SheetError as error:
        return bulk.Verdict(rows=[], file_errors=file_errors, errors=[str(error)])
    return bulk.check(rows, file_errors, rules_for(body))


def stage_import(*, body: Body, user, sheet: bytes, files) -> tuple[str | None, bulk.Verdict]:
    """Check the import; when it passes, keep its files for `run_import` and return their id."""
    verdict = judge(body=body, sheet=sheet, files=files)
    if not verdict.ok:
        return None, verdict
    uploads = {file_name(upload): upload for upload in files}
    owner = {"user": user.pk, "body": body.pk}
    staged = staging.stage(STAGING, owner=owner, files={SHEET: sheet, **uploads})
    return staged.id, verdict


def _staged(*, body: Body, user, upload_id: str) -> staging.Staged:
    try:
        return staging.find(STAGING, upload_id, owner={"user": user.pk, "body": body.pk})
    except staging.StagedNotFound as error:
        raise ImportNotFound from error


def discard_import(*, body: Body, user, upload_id: str) -> None:
    staging.discard(_staged(body=body, user=user, upload_id=upload_id))


def run_import(*, body: Body, user, upload_id: str) -> list[Act]:
    """Save the staged import `upload_id` of `user` in `body`: every act or none."""
    staged = _staged(body=body, user=user, upload_id=upload_id)
    paths = {name: staged.path(name) for name in staged.files if name != SHEET}
    with transaction.atomic():
        rows = bulk.read_sheet(staged.read(SHEET))
        verdict = bulk.check(rows, {name: [] for name in paths}, rules_for(body))
        if not verdict.ok:
            raise ImportRefused(verdict)
        acts = _save(body=body, user=user, rows=verdict.rows, paths=paths)
    transaction.on_commit(lambda: staging.discard(staged))
    return acts


def _save(*, body: Body, user, rows: list[bulk.Row], paths: dict[str, str]) -> list[Act]:
    types = {kind.code: kind for kind in DocumentType.objects.all()}
    groups: dict[tuple, list[bulk.Row]] = {}
    for row in rows:
        groups.setdefault(row.act_key, []).append(row)
    acts, made = [], {}
    for key, versions in groups.items():
        main = next(
            (r for r in versions if r.get("language") == body.default_language), versions[0]
        )
        titles = {  # each language version's row names the act in its language
            f"title_{row.get('language')}": row.get("title")
            for row in versions
            if row.get("language") in TITLE_LANGUAGES
        }
        act = create_act(body=body, by=user, data=ActIn(
            type=types[main.get("type")], title=main.get("title"), **titles,
            number=main.get("number"),
            adopted_on=main.adopted_on, adopted_by=main.get("adopted_by") or AdoptedBy.COUNCIL,
            signatory=main.get("signatory"), status=main.get("status") or ActStatus.IN_FORCE,
            tags=main.tags,
        ))  # fmt: skip
        for row in versions:
            document = _document(body=body, user=user, row=row, path=paths[row.get("filename")])
            attach_file(act=act, document=document, language=row.get("language"), by=user)
        acts.append(act)
        made[key] = act
    _link(body=body, user=user, groups=groups, made=made)
    return acts


def _link(*, body: Body, user, groups: dict[tuple, list[bulk.Row]], made: dict) -> None:
    """The links the rows name, once per act, to acts of this import or of the body only."""
    for key, versions in groups.items():
        wanted = dict.fromkeys(link for row in versions for link in row.links)
        for kind, (source, target) in wanted:
            to_act = made[target] if source == "row" else Act.objects.get(pk=target, body=body)
            link_acts(from_act=made[key], to_act=to_act, kind=kind, by=user)


def _document(*, body: Body, user, row: bulk.Row, path: str) -> Document:
    document = Document(title=row.get("title"), collection_id=body.collection_id,
                        uploaded_by_user=user)  # fmt: skip
    with default_storage.open(path, "rb") as data:
        document.file.save(row.get("filename"), File(data), save=False)
        document._set_document_file_metadata()
        document.save()
    if row.tags:
        document.tags.set(row.tags)
    return document
