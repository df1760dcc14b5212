"""Reads of the registry of acts; another body's act is answered like a missing one (404)."""

from django.db.models import Prefetch
from django.http import Http404

from achyk.bodies.models import COUNTRY_LANGUAGES, Body

from .models import Act, ActChange, ActRelation, Document


def act_for(user, pk) -> Act:
    """The act `pk` if `user` may reach it in the admin, else 404."""
    act = Act.objects.for_user(user).filter(pk=pk).first()
    if act is None:
        raise Http404
    return act


def public_files(act: Act):
    return act.files.public().order_by("language")


def public_act(body: Body, pk: int) -> Act:
    """The act `pk` of `body` with what its public page shows, or 404 (also for another body's)."""
    relations = ActRelation.objects.select_related("from_act", "to_act")
    act = (
        Act.objects.filter(body=body, pk=pk)
        .select_related("type")
        .prefetch_related(
            "tags",
            Prefetch(
                "files",
                queryset=Document.objects.public().order_by("language"),
                to_attr="public_files",
            ),
            Prefetch("outgoing", queryset=relations, to_attr="outgoing_links"),
            Prefetch("incoming", queryset=relations, to_attr="incoming_links"),
            Prefetch(
                "changes", queryset=ActChange.objects.select_related("user"), to_attr="history"
            ),
        )  # fmt: skip
        .first()
    )
    if act is None:
        raise Http404
    return act


def required_languages(body: Body) -> list[str]:
    """The languages the law wants a body's acts in: ky and ru for a Kyrgyz body, kk and ru for
    a Kazakh one (the body's own languages for a country the platform has no rule for)."""
    required = COUNTRY_LANGUAGES.get(body.country)
    return list(required[0]) if required else body.language_list


def missing_languages(act: Act, present=None) -> list[str]:
    """The required languages (`required_languages`) with no public file of `act`; `present`
    gives the languages of its files when they are already read."""
    if present is None:
        present = act.files.public().values_list("language", flat=True)
    present = set(present)
    return [code for code in required_languages(act.body) if code not in present]


def text_file(files, language: str):
    """The file whose text a reader of `language` sees: theirs if it has text, else any."""
    with_text = [document for document in files if document.text]
    for document in with_text:
        if document.language == language:
            return document
    return with_text[0] if with_text else None
