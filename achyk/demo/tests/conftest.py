"""The demo, loaded once for a module of its tests."""

import pytest
from django.db import transaction
from django.test import override_settings

from achyk.demo import texts
from achyk.demo.services import load_demo

from .shared import BODIES, PASSWORD


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo of Burana and Kok-Jar, loaded once for the module that asks for it, in a
    transaction rolled back after the module; each test's own changes are rolled back after
    the test."""
    wanted = [spec for spec in texts.BODIES if spec["slug"] in BODIES]
    test_settings = {
        "MEDIA_ROOT": demo_media,
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    }
    with (
        django_db_blocker.unblock(),
        override_settings(**test_settings),
        pytest.MonkeyPatch.context() as patch,
        transaction.atomic(),
    ):
        patch.setattr(texts, "BODIES", wanted)
        load_demo(password=PASSWORD)
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _test_settings(_test_settings, request, settings):
    """A test of the module's demo finds the demo's pictures where the demo wrote them."""
    if "demo" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("demo_media")
