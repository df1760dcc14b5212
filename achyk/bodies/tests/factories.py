"""Factories for bodies and their staff. Names are hostile by default: markup, quotes and
Kyrgyz letters, so that every rendering test is also an escaping and encoding test."""

import itertools

from django.contrib.auth import get_user_model

from achyk.bodies.models import Membership, Territory
from achyk.bodies.services import BodyIn, create_body, set_staff_role

_counter = itertools.count(1)
HOSTILE = '<script>alert("ө")</script> "Үңкүр" & \'Ө\''
PASSWORD = "correct-horse-Бурана-42"


def territory(*, level="ayil_aymak", parent=None, name="Көк-Жар"):
    n = next(_counter)
    if parent is None and level != "country":
        country = Territory.objects.get_or_create(
            code="417",
            defaults={"level": "country", "name_ky": "Кыргызстан", "name_ru": "Кыргызстан"},
        )[0]
        oblast = Territory.objects.get_or_create(
            code="41708", defaults={"level": "oblast", "name_ky": "Чүй облусу",
                                    "name_ru": "Чуйская область", "parent": country},
        )[0]  # fmt: skip
        parent = Territory.objects.get_or_create(
            code="41708219", defaults={"level": "rayon", "name_ky": "Чүй району",
                                       "name_ru": "Чуйский район", "parent": oblast},
        )[0]  # fmt: skip
    return Territory.objects.create(
        level=level, code=f"41708219{n:03d}", name_ky=f"{name} {n}", name_ru=f"{name} {n}",
        parent=parent,
    )  # fmt: skip


def body(*, slug=None, country="KG", name=None, hostname=None, **details):
    n = next(_counter)
    slug = slug or f"body-{n}"
    name = name or f"Айыл аймак {n} {HOSTILE}"
    languages = ["ky", "ru"] if country == "KG" else ["kk", "ru"]
    names = {code: f"{name} ({code})" for code in languages}
    return create_body(
        data=BodyIn(
            territory=territory(),
            kind="ayil_okmotu",
            slug=slug,
            names=names,
            country=country,
            languages=languages,
            hostname=hostname,
            details=details,
        )
    )


def staff(body, *, role=Membership.Role.EDITOR, username=None):
    n = next(_counter)
    user = get_user_model().objects.create_user(
        username=username or f"staff{n}", email=f"staff{n}@example.kg", password=PASSWORD,
        first_name="Айгүл", last_name="Өмүрова",
    )  # fmt: skip
    set_staff_role(user=user, body=body, role=role)
    return user
