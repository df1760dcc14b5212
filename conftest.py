"""Fixtures shared by every app's tests: a platform with two bodies, so isolation is tested
everywhere, and their staff."""

import os
import uuid

import pytest

os.environ.setdefault("ACHYK_EMBEDDED", "1")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_COOKIES = False


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Every test starts with an empty cache, so no cached page leaks from one test to another.

    A fresh key prefix rather than clear(): parallel workers sharing one Redis (REDIS_URL) would
    otherwise serve each other's pages, and clear() would empty the whole Redis database.
    """
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture
def platform(db):
    from django.conf import settings

    from achyk.content.services import ensure_platform_home

    return ensure_platform_home(languages=[code for code, _name in settings.LANGUAGES])


@pytest.fixture
def body_a(platform):
    from achyk.bodies.tests import factories

    return factories.body(slug="burana", name="Бурана")


@pytest.fixture
def body_b(platform):
    from achyk.bodies.tests import factories

    return factories.body(slug="kok-jar", name="Көк-Жар")


@pytest.fixture
def editor_a(body_a):
    from achyk.bodies.tests import factories

    return factories.staff(body_a, username="editor_a")


@pytest.fixture
def admin_a(body_a):
    from achyk.bodies.models import Membership
    from achyk.bodies.tests import factories

    return factories.staff(body_a, role=Membership.Role.ADMIN, username="admin_a")


@pytest.fixture
def editor_b(body_b):
    from achyk.bodies.tests import factories

    return factories.staff(body_b, username="editor_b")
