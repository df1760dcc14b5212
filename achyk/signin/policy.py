"""Who must use a second factor, who may, and what a session has proven.

Required (when ACHYK_REQUIRE_2FA is on): platform admins, supervisors and body admins, whose
accounts reach many bodies or a body's staff. Offered: everyone else who signs in (body
editors, members of a monitoring group).
"""

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from achyk.bodies.roles import is_body_admin, is_supervisor


def requires_second_factor(user) -> bool:
    """Whether `user`'s role asks for a second factor (whatever the setting says)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or is_supervisor(user) or is_body_admin(user)


def must_enrol(user) -> bool:
    """Whether `user` must set up a second factor before using the admin."""
    return (
        settings.ACHYK_REQUIRE_2FA
        and requires_second_factor(user)
        and not user_has_device(user, confirmed=True)
    )


def is_enrolled(user) -> bool:
    """Whether `user` has a confirmed authenticator app."""
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    """Whether this session proved the second factor (django-otp's OTPMiddleware says)."""
    return bool(getattr(user, "is_verified", lambda: False)())
