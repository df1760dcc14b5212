"""The admin's sidebar, packed once per user and kept in the cache.

Wagtail builds the sidebar on every admin page: every menu hook and item's `is_shown`, then
some 340 telepath nodes packed to JSON, a sixth of a page's time. What it shows depends only
on who the user is (roles, groups, permissions, body, profile: language, dismissed items,
avatar), the active language and the code of the menus; the highlighted item is chosen in
the browser from the address (`currentPath`), so the page being served plays no part.

The packed props are kept under a key of the user (id and date joined), the active language,
the script prefix, the code of the menus (`release()`) and two versions held in the cache:
the user's, moved when the user, their groups, permissions, profile or membership change, and
everyone's, moved when groups' permissions, bodies, sites, locales or the page tree change
(`watch()`, connected in `apps.py`). A moved version makes a new key, so the next page
builds the menu again: a role change shows at once, and no user is ever given a key of
another. Versions are moved at the change and again once its transaction commits, so a page
built meanwhile from the old rows is not kept under the new version.

`ADMIN_SIDEBAR_CACHE_SECONDS` bounds how long a menu is kept (0: not kept). The local-memory
cache is per process: with several processes, set `REDIS_URL`, or a change reaches the menus
of the other processes only when their copies expire.
"""

from __future__ import annotations

import hashlib
import inspect
import uuid
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.admin.templatetags.wagtailadmin_tags import sidebar_props as build_sidebar_props

#: The hooks whose functions make the sidebar (Wagtail's menus and search areas).
MENU_HOOKS = (
    "register_admin_menu_item", "construct_main_menu",
    "register_settings_menu_item", "construct_settings_menu",
    "register_reports_menu_item", "construct_reports_menu",
    "register_help_menu_item", "construct_help_menu",
    "register_admin_search_area", "construct_search",
)  # fmt: skip
EVERYONE = "sidebar:version"


def sidebar_props(context) -> str:
    """Wagtail's `{% sidebar_props %}`, from the cache when the user's menu is kept there."""
    user = context["request"].user
    seconds = settings.ADMIN_SIDEBAR_CACHE_SECONDS
    if not seconds or not user.is_authenticated:
        return build_sidebar_props(context)
    key = sidebar_key(user)
    props = cache.get(key)
    if props is None:
        props = str(build_sidebar_props(context))
        cache.set(key, props, seconds)
    return mark_safe(props)  # noqa: S308 - Wagtail's json_script output, escaped there


def sidebar_key(user) -> str:
    """The cache key of `user`'s sidebar as it would be built now."""
    versions = _versions(EVERYONE, _user_version_key(user.pk))
    parts = (user.pk, user.date_joined.isoformat(), get_language(), get_script_prefix(),
             release(), *versions)  # fmt: skip
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"sidebar:{user.pk}:{digest}"


def _user_version_key(user_pk) -> str:
    return f"sidebar:version:{user_pk}"


def _versions(*keys: str) -> list[str]:
    """The versions under `keys`; a missing one (never set, evicted) is made anew, never
    read as a default, so a key of menus built before it vanished cannot come back."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key) or uuid.uuid4().hex
    return [found[key] for key in keys]


def forget_menu_of(*user_pks) -> None:
    """The next page of these users builds their sidebar again."""
    keys = [_user_version_key(pk) for pk in user_pks if pk is not None]
    if keys:
        _move(keys)


def forget_all_menus() -> None:
    """The next page of every user builds their sidebar again."""
    _move([EVERYONE])


def _move(keys: list[str]) -> None:
    def move():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, None)

    move()
    transaction.on_commit(move)  # a page built before the commit kept the old rows


@once
def release() -> str:
    """The code of the menus, read once per process: Wagtail's version, the registered items
    (class, name, label as written, address, icon, order), the source of every menu hook and
    item class, and the catalogues. A deployment that changes any of them makes new keys."""
    import wagtail

    items = [item for menu in _menus() for item in menu.registered_menu_items]
    with translation.override("en"):
        written = [(type(item).__module__, type(item).__qualname__, item.name, str(item.label),
                    item.url, item.icon_name, item.order) for item in items]  # fmt: skip
    sources = {fn for name in MENU_HOOKS for fn in hooks.get_hooks(name)}
    sources |= {cls for item in items for cls in type(item).__mro__[:-1]}
    files = {_file_of(source) for source in sources} - {None}
    files |= {str(path) for folder in settings.LOCALE_PATHS for path in Path(folder).rglob("*.mo")}
    digest = hashlib.sha256(repr((wagtail.__version__, written)).encode())
    for name in sorted(files):
        digest.update(Path(name).read_bytes())
    return digest.hexdigest()[:16]


def _menus():
    from wagtail.admin.menu import admin_menu, help_menu, reports_menu, settings_menu

    return admin_menu, settings_menu, reports_menu, help_menu


def _file_of(source) -> str | None:
    try:
        return inspect.getsourcefile(source)
    except TypeError:  # a callable object or a built-in: its items' fields are still read
        return None


def watch() -> None:
    """Connect the changes that move the versions (called once, from `apps.py`)."""
    from wagtail.models import (
        GroupCollectionPermission,
        GroupPagePermission,
        Locale,
        Site,
        get_page_models,
    )
    from wagtail.signals import post_page_move
    from wagtail.users.models import UserProfile

    from .models import Body, Membership

    user_model = get_user_model()
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="sidebar.user")
    post_delete.connect(_user_saved, sender=user_model, dispatch_uid="sidebar.user_gone")
    for model in (UserProfile, Membership):
        for signal in (post_save, post_delete):
            signal.connect(_owner_changed, sender=model, dispatch_uid=f"sidebar.{model.__name__}")
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(_users_regrouped, sender=through, dispatch_uid=f"sidebar.{through}")
    m2m_changed.connect(_everyone, sender=Group.permissions.through, dispatch_uid="sidebar.gp")
    for model in (Group, Permission, GroupPagePermission, GroupCollectionPermission, Body, Site,
                  Locale):  # fmt: skip
        for signal in (post_save, post_delete):
            signal.connect(_everyone, sender=model, dispatch_uid=f"sidebar.{model.__name__}")
    for model in get_page_models():
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"sidebar.{model.__name__}")
        post_delete.connect(_everyone, sender=model, dispatch_uid=f"sidebar.{model.__name__}")
    post_page_move.connect(_everyone, dispatch_uid="sidebar.page_moved")


def _user_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # each sign-in saves the user; nothing the menu shows changes
    forget_menu_of(instance.pk)


def _owner_changed(sender, instance, **kwargs):
    forget_menu_of(instance.user_id)


def _users_regrouped(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        forget_menu_of(instance.pk)
    elif action == "post_clear" or pk_set is None:
        forget_all_menus()  # a group or permission cleared of users we no longer know
    else:
        forget_menu_of(*pk_set)


def _everyone(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        forget_all_menus()


def _page_saved(sender, created=False, **kwargs):
    """A new page can be where an explorer starts; an edited one cannot (the menu shows no
    page titles, only the start page's id)."""
    if created:
        forget_all_menus()
