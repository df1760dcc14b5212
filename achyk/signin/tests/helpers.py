"""Codes as the authenticator app would show them, and enrolment done the way a user does it."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from achyk.signin import services


def app_code(device: TOTPDevice) -> str:
    """The six digits the app shows now (the test's clock: time_machine may move it)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    """`user` with a confirmed app and ten recovery codes."""
    device = services.start_enrolment(user=user)
    enrolment = services.confirm_enrolment(user=user, code=app_code(device))
    return enrolment.device, enrolment.codes
