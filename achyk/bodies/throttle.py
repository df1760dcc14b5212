"""What django-axes records of a failed sign-in (the admin's and the public site's).

Axes keeps the username as typed in columns of 255 characters. Django's sign-in form does not
check the username's length before trying it, so a 10 KB username reached those columns:
PostgreSQL refused the row (a server error), SQLite stored it whole. The username is cut to
the column's length here, and such a sign-in is refused like any wrong one.

`UserAndAddressHandler` throttles per account and per address (across user names); the
address is `achyk.ui.ratelimit.client_address`, the one the rate limits count too.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum

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


def _sum_failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class UserAndAddressHandler(AxesDatabaseHandler):
    """Counts failed sign-ins per user name and, with a higher limit, per client address.

    `AXES_LOCKOUT_PARAMETERS` is `[["username"], ["ip_address"]]`: the first group counts one
    account's failures from anywhere (AXES_FAILURE_LIMIT), the second one address's failures
    across every user name it tries (AXES_ADDRESS_FAILURE_LIMIT, higher, since several staff
    may share an office's address). Axes compares one limit with the larger count; here an
    address over its own limit counts as at the account limit, and under it not at all.

    A successful sign-in forgets the account's failures only: one valid account must not
    clear the failures its address ran up against other accounts.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_user, per_address = (
            _sum_failures(q) for q in self.get_user_attempts(request, credentials)
        )
        if per_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(per_user, get_failure_limit(request, credentials))
        return per_user

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        per_user = self.filter_user_attempts(request, credentials)[0]
        return per_user.delete()[0]
