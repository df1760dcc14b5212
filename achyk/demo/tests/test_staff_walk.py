"""No server error anywhere staff go: each demo login opens every admin list, and the edit,
inspect and detail page of every object of the demo (and one object of each kind and body
for every other admin route: history, usage, revisions, confirmations, choosers, exports).

The demo is built once for the module, through the demo's own loader, with two of its bodies:
Burana and Kok-Jar, the bodies of the demo logins (the loader treats each body alike); it is
undone when the module ends. The addresses come from `walk.admin_walk`.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from achyk.demo import texts
from achyk.demo.services import LOGINS, load_demo
from achyk.ui.tests.hostile import server_errors

from .walk import admin_walk

PASSWORD = "demo-Бурана-ңөү-42"
BODIES = {"burana", "kok-jar"}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo of Burana and Kok-Jar, in a transaction rolled back after the module."""
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
def _test_settings(_test_settings, settings, demo_media):
    """The demo's pictures stay where the module's demo wrote them."""
    settings.MEDIA_ROOT = demo_media


def login(username):
    return get_user_model().objects.get(username=username)


def test_the_walk_opens_every_kind_of_admin_page(demo, db):
    walk = admin_walk(login("admin"))
    assert len(walk.urls) > 500
    for place in ("/admin/pages/", "/edit/", "/admin/budget/", "/admin/forms/submissions/",
                  "/admin/bodies/inspect/", "/admin/acts/edit/", "?export=xlsx"):  # fmt: skip
        assert any(place in url for url in walk.urls), place


@pytest.mark.parametrize("username", [login.username for login in LOGINS])
def test_no_admin_page_answers_a_demo_login_with_a_server_error(client, demo, db, username):
    user = login(username)
    walk = admin_walk(user)
    client.force_login(user)
    failures = server_errors(client, walk.urls)
    assert failures == [], f"{len(failures)} of {len(walk.urls)} addresses failed"
