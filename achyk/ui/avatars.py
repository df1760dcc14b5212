"""Avatars in the admin: the user's initials on a colour, drawn as an SVG in a data: address,
so that no page asks an outside service (Gravatar is off: WAGTAIL_GRAVATAR_PROVIDER_URL =
None) and nothing extra is fetched on a slow connection. A picture the user uploaded to
their account is kept."""

from __future__ import annotations

import base64

from django.utils.html import escape

#: Background colours dark enough for white letters (contrast above 4.5:1).
COLOURS = ("#1d4f91", "#7a2e8e", "#0b6e4f", "#a23b1c", "#5b4a14", "#2f4858", "#8c1c4a")


def initials(user) -> str:
    """Up to two letters: first and last name, else the user name's first letter."""
    names = [part for part in (user.first_name, user.last_name) if part and part.strip()]
    letters = "".join(part.strip()[0] for part in names) or (user.get_username() or "?")[:1]
    return letters.upper()


def initials_svg(user, size: int = 50) -> str:
    colour = COLOURS[(user.pk or 0) % len(COLOURS)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 100 100"><rect width="100" height="100" fill="{colour}"/>'
        f'<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        f'font-family="sans-serif" font-size="42">{escape(initials(user))}</text></svg>'
    )


def avatar_url(user, size: int = 50) -> str | None:
    """The `get_avatar_url` hook: initials, unless the user uploaded a picture."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    if not getattr(user, "pk", None):
        return None
    encoded = base64.b64encode(initials_svg(user, size).encode()).decode()
    return f"data:image/svg+xml;base64,{encoded}"
