"""Writes of the second factor: enrolment, recovery codes, verification, reset.

An account has at most one authenticator app (a confirmed `TOTPDevice`) and one set of ten
recovery codes (a `StaticDevice`), each code good once. Enrolment makes an unconfirmed device
whose secret the user scans; a code from the app confirms it, replaces any earlier app and
issues fresh recovery codes, which are shown once and never again.
"""

import re
from typing import NamedTuple

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE_NAME = "authenticator"
CODES_DEVICE_NAME = "recovery codes"
_APP_CODE = re.compile(r"^\d{6}$")


def normalised(code: str) -> str:
    """A code as typed, without spaces or hyphens, in lower case (recovery codes are)."""
    return re.sub(r"[\s-]", "", code or "").lower()


class Enrolment(NamedTuple):
    device: TOTPDevice
    codes: list[str]


def start_enrolment(*, user) -> TOTPDevice:
    """The authenticator waiting to be confirmed for `user`: the earlier one, or a new one."""
    waiting = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return waiting or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def confirm_enrolment(*, user, code: str) -> Enrolment | None:
    """Confirm the waiting authenticator with a code from the app.

    Returns the device and the new recovery codes, or None when nothing waits or the code is
    wrong (the device's own throttle slows repeated guesses).
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(normalised(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return Enrolment(device, replace_recovery_codes(user=user))


def replace_recovery_codes(*, user) -> list[str]:
    """Ten new recovery codes for `user`; the earlier ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=CODES_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify(*, user, code: str):
    """The device that accepts `code` (an app code or an unused recovery code), or None.

    Six digits are tried against the app, anything else against the recovery codes (which
    are used up), so a mistyped code does not slow both down.
    """
    code = normalised(code)
    model = TOTPDevice if _APP_CODE.match(code) else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is not None and device.verify_token(code):
            return device
    return None


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset_devices(*, user) -> int:
    """Remove every authenticator and recovery code of `user` (a lost phone).

    The user then signs in with the password alone and, if their role requires it, must
    enrol again before using the admin. Returns how many devices were removed.
    """
    with transaction.atomic():
        apps = TOTPDevice.objects.filter(user=user).delete()[1].get("otp_totp.TOTPDevice", 0)
        codes = StaticDevice.objects.filter(user=user).delete()[1].get("otp_static.StaticDevice", 0)
    return apps + codes
