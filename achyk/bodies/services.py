"""Writes for bodies: provisioning a body's site, collection and groups, and managing its staff."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from .models import COUNTRY_LANGUAGES, COUNTRY_TIME_ZONES, Body, Membership, Territory
from .roles import SUPERVISORS_GROUP

#: The function that builds a new body's home page (in every language of the body) and
#: returns the home page in its default language. The content app registers it in its
#: AppConfig.ready(), so `bodies` never imports the page types.
_site_builder: Callable[[Body], Page] | None = None


def register_site_builder(builder: Callable[[Body], Page]) -> None:
    global _site_builder
    _site_builder = builder


# Editors hold `delete_page` because deleting a body's page only moves it to the bin, from
# which it can be restored (achyk.bin); purging the bin is for body admins.
EDITOR_PAGE_PERMISSIONS = [
    "add_page", "change_page", "publish_page", "lock_page", "unlock_page", "delete_page",
]  # fmt: skip
ADMIN_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"), ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
]  # fmt: skip
ADMIN_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + [
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]


@dataclass(kw_only=True)
class BodyIn:
    territory: Territory
    kind: str
    slug: str
    names: dict[str, str]
    country: str = "KG"
    languages: list[str] = field(default_factory=list)
    default_language: str = ""
    hostname: str | None = None
    details: dict = field(default_factory=dict)


def _permissions(pairs) -> dict[tuple[str, str], Permission]:
    """The permissions named by (app label, codename) `pairs`, read in one query; raises
    Permission.DoesNotExist, naming them, if any is missing."""
    pairs = set(pairs)
    wanted = Q()
    for app_label, codename in pairs:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(wanted).select_related("content_type")
    }
    if missing := pairs - found.keys():
        raise Permission.DoesNotExist(f"No permission {sorted(missing)}")
    return found


def _body_group(body: Body, role: str, access_admin: Permission) -> Group:
    group = Group.objects.create(name=f"{body.slug}: {role}")
    group.permissions.add(access_admin)
    return group


def grant_page_permissions(body: Body) -> None:
    """Give the body's groups their permissions on every language version of its home page
    (those they lack: safe to run again), in one insert."""
    homes = list(body_home_pages(body))
    editors = [("wagtailcore", codename) for codename in EDITOR_PAGE_PERMISSIONS]
    admins = [("wagtailcore", codename) for codename in ADMIN_PAGE_PERMISSIONS]
    permissions = _permissions([*editors, *admins])
    wanted = _role_rows(body, homes, editors, admins, permissions)
    held = GroupPagePermission.objects.filter(
        group__in=[body.editors_group, body.admins_group], page__in=homes
    ).values_list("group_id", "page_id", "permission_id")
    _bulk_grant(GroupPagePermission, ("group_id", "page_id", "permission_id"), wanted - set(held))


def _role_rows(body: Body, targets, editors, admins, permissions) -> set[tuple[int, int, int]]:
    """(group, target, permission) rows: the body's editors' permissions `editors` and its
    admins' `admins` ((app label, codename) pairs, read into `permissions`) on each target."""
    return {
        (group.pk, target.pk, permissions[pair].pk)
        for group, pairs in ((body.editors_group, editors), (body.admins_group, admins))
        for target in targets
        for pair in pairs
    }


def _bulk_grant(model, fields: tuple[str, ...], rows) -> None:
    """`rows` (tuples of `fields`) of a group permission `model` inserted at once. An insert in
    bulk sends no `post_save`, so the staff menus that depend on permissions are forgotten here,
    as each save would have (`sidebar.watch`)."""
    from .sidebar import forget_all_menus

    if not rows:
        return
    model.objects.bulk_create(
        [model(**dict(zip(fields, row, strict=True))) for row in sorted(rows)]
    )
    forget_all_menus()


def body_home_pages(body: Body):
    """The body's home page in each of its languages (one Wagtail translation set)."""
    return Page.objects.filter(translation_key=body.site.root_page.translation_key)


@transaction.atomic
def create_body(*, data: BodyIn) -> Body:
    """Create a body with its site (home page in each language), collection and staff groups."""
    if _site_builder is None:
        raise ImproperlyConfigured("No site builder is registered (is achyk.content installed?)")
    required, _optional = COUNTRY_LANGUAGES[data.country]
    languages = data.languages or required
    body = Body(
        territory=data.territory, kind=data.kind, country=data.country, slug=data.slug,
        hostname=data.hostname or None, languages=",".join(languages),
        default_language=data.default_language or languages[0],
        time_zone=COUNTRY_TIME_ZONES[data.country],
        **{f"name_{code}": name for code, name in data.names.items()}, **data.details,
    )  # fmt: skip
    body.full_clean(exclude=["site", "collection", "admins_group", "editors_group"])
    body.save()
    body.collection = Collection.get_first_root_node().add_child(name=body.slug)
    permissions = _permissions(
        [("wagtailadmin", "access_admin"), *EDITOR_COLLECTION_PERMISSIONS,
         *ADMIN_COLLECTION_PERMISSIONS]
    )  # fmt: skip
    access_admin = permissions["wagtailadmin", "access_admin"]
    body.admins_group = _body_group(body, "admins", access_admin)
    body.editors_group = _body_group(body, "editors", access_admin)
    home = _site_builder(body)
    body.site = Site.objects.create(
        hostname=body.site_hostname, port=80, root_page=home, site_name=body.name_ky or body.name
    )
    body.save(update_fields=["collection", "admins_group", "editors_group", "site"])
    grant_page_permissions(body)
    _bulk_grant(
        GroupCollectionPermission,
        ("group_id", "collection_id", "permission_id"),
        _role_rows(
            body, [body.collection], EDITOR_COLLECTION_PERMISSIONS, ADMIN_COLLECTION_PERMISSIONS,
            permissions,
        ),
    )  # fmt: skip
    return body


#: Fields of a body's profile that its own admins keep up to date (the rest is the platform's).
PROFILE_FIELDS = ["head_name", "phone", "email", "population"]
PROFILE_FIELDS_PER_LANGUAGE = ["address", "hours"]


def profile_fields(body: Body) -> list[str]:
    """The profile fields a body admin edits: contacts, head, and address/hours per language."""
    per_language = [
        f"{name}_{code}" for code in body.language_list for name in PROFILE_FIELDS_PER_LANGUAGE
    ]
    return PROFILE_FIELDS[:2] + per_language + PROFILE_FIELDS[2:]


@transaction.atomic
def update_body(*, body: Body, changes: dict) -> Body:
    """Save changed fields of `body` (validated by the model) and keep its Site in step."""
    for name, value in changes.items():
        setattr(body, name, value)
    body.full_clean(exclude=["site", "collection", "admins_group", "editors_group"])
    body.save()
    if body.site is not None and body.site.hostname != body.site_hostname:
        body.site.hostname = body.site_hostname
        body.site.save(update_fields=["hostname"])
    return body


@transaction.atomic
def update_body_profile(*, body: Body, changes: dict) -> Body:
    """A body admin's edit of the body's profile: only the profile fields are written."""
    allowed = set(profile_fields(body))
    return update_body(body=body, changes={k: v for k, v in changes.items() if k in allowed})


@transaction.atomic
def set_staff_role(*, user, body: Body, role: str) -> Membership:
    """Make `user` staff of `body` with `role`; a user belongs to one body at a time."""
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"body": body, "role": role}
    )
    body_groups = Group.objects.filter(
        Q(admins_of_body__isnull=False) | Q(editors_of_body__isnull=False)
    )
    user.groups.remove(*body_groups)
    user.groups.add(body.admins_group if role == Membership.Role.ADMIN else body.editors_group)
    return membership


@transaction.atomic
def add_staff_member(
    *, body: Body, username: str, email: str, first_name: str, last_name: str, role: str,
    password: str | None,
):  # fmt: skip
    """Create a user account for a new staff member of `body`.

    Without a password the account has none usable: the member sets one through the link of
    an invitation (see `invitation_link`).
    """
    user = get_user_model().objects.create_user(
        username=username, email=email, first_name=first_name, last_name=last_name,
        password=password,
    )  # fmt: skip
    set_staff_role(user=user, body=body, role=role)
    return user


@transaction.atomic
def deactivate_staff_member(*, membership: Membership) -> None:
    """Close a staff member's access. The account and its history stay; it can be reactivated."""
    user = membership.user
    user.is_active = False
    user.save(update_fields=["is_active"])


@transaction.atomic
def reactivate_staff_member(*, membership: Membership) -> None:
    user = membership.user
    user.is_active = True
    user.save(update_fields=["is_active"])


def invitation_link(*, user, base_url: str) -> str:
    """A one-time link where a new staff member chooses a password (Wagtail's reset form)."""

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uid, token])
    return base_url.rstrip("/") + path


def send_invitation(*, user, body: Body, base_url: str) -> None:
    """E-mail `user` a link to choose a password and sign in to `body`'s admin panel."""

    link = invitation_link(user=user, base_url=base_url)
    subject = _("You are invited to the admin panel of %(body)s") % {"body": body.name}
    text = _(
        "Hello %(name)s,\n\nYou are now staff of %(body)s. Your user name is %(username)s.\n"
        "Open this link to choose your password and sign in:\n%(link)s\n"
    ) % {"name": user.get_full_name() or user.username, "body": body.name,
         "username": user.get_username(), "link": link}  # fmt: skip
    send_mail(subject, text, None, [user.email])


@transaction.atomic
def grant_supervisor_reading() -> Group:
    """Let the Supervisors group open every body's pages, images and documents in Wagtail.

    Wagtail has no read-only permission for pages, so supervisors hold "change" on the tree's
    root and the root collection; they change nothing, because the admin's seal
    (`seal.TenantSealMiddleware`) refuses them every unsafe request.
    """
    group, _created = Group.objects.get_or_create(name=SUPERVISORS_GROUP)
    permissions = _permissions(
        [("wagtailadmin", "access_admin"), ("wagtailcore", "change_page"),
         *SUPERVISOR_COLLECTION_PERMISSIONS]
    )  # fmt: skip
    group.permissions.add(permissions["wagtailadmin", "access_admin"])
    GroupPagePermission.objects.get_or_create(
        group=group, page=Page.get_first_root_node(),
        permission=permissions["wagtailcore", "change_page"],
    )  # fmt: skip
    root_collection = Collection.get_first_root_node()
    for pair in SUPERVISOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permissions[pair]
        )
    return group


SUPERVISOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
]  # fmt: skip
