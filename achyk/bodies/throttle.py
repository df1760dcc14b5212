"""What django-axes records of a failed sign-in (the admin's and the public site's).

Axes keeps the username as typed in columns of 255 characters. Django's sign-in form does not
check the username's length before trying it, so a 10 KB username reached those columns:
PostgreSQL refused the row (a server error), SQLite stored it whole. The username is cut to
the column's length here, and such a sign-in is refused like any wrong one.
"""

from django.conf import settings

#: The length of axes' `username` columns (AccessAttempt, AccessLog, AccessFailureLog).
USERNAME_MAX = 255


def axes_username(request, credentials: dict | None = None) -> str | None:
    """Axes' own choice of the username (credentials first, else the posted form), cut."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return value[:USERNAME_MAX] if isinstance(value, str) else value
