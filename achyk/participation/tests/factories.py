"""Participation's objects for tests; every translated text is hostile (markup, quotes,
Kyrgyz letters)."""

import datetime

from django.utils import timezone

from achyk.participation.models import (
    Checklist,
    Event,
    FocusGroup,
    Group,
    Member,
    NeedsStudy,
    Priority,
    Problem,
    Settlement,
)

HOSTILE = '<script>alert("ө")</script> "Үңкүр" & \'Ө\''


def settlement(body, *, name="Чым-Коргон", population=3000):
    return Settlement.objects.create(body=body, name_ky=name, name_ru=name, population=population)


def study(body, *, published=True, **fields):
    fields.setdefault("title_ky", f"Муктаждыктарды изилдөө 2026 {HOSTILE}")
    fields.setdefault("title_ru", f"СИНС 2026 {HOSTILE}")
    return NeedsStudy.objects.create(
        body=body,
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 4, 30),
        is_published=published,
        **fields,
    )


def checklist(body, **fields):
    fields.setdefault("title_ky", "Жалпы суроолор")
    fields.setdefault("questions_ky", "Айылдын эң чоң көйгөйү эмне?\nЭмнени биринчи чечүү керек?")
    fields.setdefault("questions_ru", "Какая главная проблема села?\nЧто решить в первую очередь?")
    return Checklist.objects.create(body=body, **fields)


def focus_group(item, *, category="women", days=0, women=(2, 5, 8, 3), men=(1, 2, 3, 1), **fields):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    counts = {}
    for band, w, m in zip(("u18", "18_29", "30_59", "60"), women, men, strict=True):
        counts[f"women_{band}"], counts[f"men_{band}"] = w, m
    fields.setdefault("place_ky", "Маданият үйү")
    fields.setdefault("place_ru", "Дом культуры")
    fields.setdefault("held", True)
    return FocusGroup.objects.create(
        body=item.body,
        study=item,
        category=category,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **counts,
        **fields,
    )


def problem(group, *, text="Ичүүчү суу жетишпейт", sector="water", **fields):
    return Problem.objects.create(
        focus_group=group, text_ky=text, text_ru=text, sector=sector, **fields
    )


def priority(item, *, title="Таза суу", sector="water", **fields):
    return Priority.objects.create(
        body=item.body, study=item, title_ky=title, title_ru=title, sector=sector, **fields
    )


def event(body, *, kind="gathering", days=20, published=True, **fields):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    fields.setdefault("title_ky", f"Элдик чогулуш {HOSTILE}")
    fields.setdefault("title_ru", f"Сход граждан {HOSTILE}")
    fields.setdefault("place_ru", "Актовый зал")
    return Event.objects.create(
        body=body,
        kind=kind,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        is_published=published,
        **fields,
    )


def group(body, *, kind="initiative", published=True, **fields):
    fields.setdefault("name_ky", f"Суу демилгелүү тобу {HOSTILE}")
    fields.setdefault("name_ru", f"Инициативная группа по воде {HOSTILE}")
    item = Group.objects.create(body=body, kind=kind, is_published=published, **fields)
    Member.objects.create(
        group=item, name="Айгүл Токтосунова", role="chair", gender="woman", name_public=True
    )
    Member.objects.create(group=item, name="Жашыруун Адам", role="member", gender="man")
    return item
