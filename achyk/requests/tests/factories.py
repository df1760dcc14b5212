"""Requests for tests: hostile text in every field a reader or a clerk sees."""

from achyk.requests import services

HOSTILE = '<script>alert("x")</script> «Айыл» ңөү'


def data(**overrides) -> services.RequestIn:
    values = {
        "name": f"Асан Үсөнов {HOSTILE}", "email": "asan@example.kg",
        "question": f"Айылдык кеңештин 2026-жылдагы бюджети кандай? {HOSTILE}",
        "format": "email", "show_name": False, "phone": "", "address": "",
    }  # fmt: skip
    values.update(overrides)
    return services.RequestIn(**values)


def registered(body, *, by=None, language="ky", received_on=None, **overrides):
    """A request registered by staff (no confirmation), its term counting from `received_on`."""
    return services.register(
        body=body, data=data(**overrides), channel="paper", language=language, by=by,
        received_on=received_on,
    )  # fmt: skip
