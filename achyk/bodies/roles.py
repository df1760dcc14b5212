"""Who a user is on the platform: every role check, in one module.

The roles (docs/DOMAIN.md): a **platform admin** (a superuser) does everything; a
**supervisor** (group "Supervisors": ministry, commission, donor project) reads every body and
changes none; a body's **admin** and **editor** (`Membership`, one body each) work in their
own body, its admins also manage its staff; a **JMEG member** (член группы СМиО) signs in on
the public site of one body, with no admin access, and flags its evidence.

Plain functions of a user (and a body): they read only the user's groups, membership and
JMEG membership, never the models of other apps, so that any module may ask them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SUPERVISORS_GROUP = "Supervisors"


class Role(models.TextChoices):
    """The role of a body's staff member (`Membership.role`)."""

    ADMIN = "admin", _("Body administrator")
    EDITOR = "editor", _("Body editor")


def body_of(user):
    """The one body whose staff `user` belongs to, or None."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)  # a missing one raises AttributeError
    return membership.body if membership is not None else None


def body_id_of(user):
    """The pk of `body_of(user)`, or None, without reading the body itself: what the seal
    compares on every admin request."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)  # a missing one raises AttributeError
    return membership.body_id if membership is not None else None


def is_platform_admin(user) -> bool:
    return user.is_active and user.is_superuser


def is_supervisor(user) -> bool:
    """Supervisors (ministry, commission, donor project) read every body; they edit none."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_achyk_is_supervisor", None)
    if cached is None:
        cached = user.groups.filter(name=SUPERVISORS_GROUP).exists()
        user._achyk_is_supervisor = cached
    return cached


def sees_all_bodies(user) -> bool:
    """Platform admins and supervisors: the admin is not sealed to one body for them."""
    return user.is_active and (user.is_superuser or is_supervisor(user))


def is_sealed(user) -> bool:
    """Signed-in users whose view of the admin is sealed to one body (or to nothing)."""
    return user.is_authenticated and not sees_all_bodies(user)


def is_body_staff(user, body=None) -> bool:
    """`user` is a staff member (admin or editor) of a body (of `body`, if given)."""
    own = body_id_of(user)
    return own is not None and user.is_active and (body is None or own == body.pk)


def is_body_admin(user, body=None) -> bool:
    """`user` administers a body (`body`, if given): manages its staff and profile."""
    return is_body_staff(user, body) and user.membership.role == Role.ADMIN


def opens_body_screens(user) -> bool:
    """Who opens the admin's body-owned screens (acts, budget, bin...): a body's staff, who
    see their body's, and platform admins and supervisors, who see every body's."""
    return body_id_of(user) is not None or sees_all_bodies(user)


def reaches_body(user, body) -> bool:
    """`user` may read `body`'s admin data: their own body, or any body if they see all."""
    if sees_all_bodies(user):
        return True
    own = body_id_of(user)
    return own is not None and body is not None and own == body.pk


def may_write(user, body=None) -> bool:
    """`user` may change the data of `body` (of their own body, when not given): its staff and
    platform admins; supervisors only read."""
    if is_platform_admin(user):
        return True
    return is_body_staff(user, body) and not is_supervisor(user)


def body_staff(body, *, admins_only: bool = False):
    """The active staff of `body` (its administrators only, with `admins_only`): users, for
    the letters a module sends to the body."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(membership__body=body, is_active=True)
    if admins_only:
        users = users.filter(membership__role=Role.ADMIN)
    return users


def may_delete_for_good(user, body) -> bool:
    """Deleting for good (purging the bin, a document or image) is for the body's admins and
    platform admins."""
    return is_platform_admin(user) or is_body_admin(user, body)


def may_manage_staff(user, body) -> bool:
    return is_platform_admin(user) or is_body_admin(user, body)


def jmeg_membership(user):
    """The user's JMEG membership (of any body) if they are an active member, else None."""
    if not user.is_authenticated or not user.is_active:
        return None
    return getattr(user, "jmeg_member", None)  # a missing one raises AttributeError


def jmeg_member_of(user, body):
    """The user's JMEG membership of `body`, if they are an active member of it."""
    member = jmeg_membership(user) if body is not None else None
    return member if member is not None and member.body_id == body.pk else None


def ngo_membership(user):
    """The user's place in an NGO (БӨУ / НКО, an executor of the municipal social order) if
    they are active, else None. Like a JMEG member, an NGO's person signs in on the public
    site of one body and has no admin access; the NGO applies once a body admin confirms it."""
    if not user.is_authenticated or not user.is_active:
        return None
    return getattr(user, "ngo_member", None)  # a missing one raises AttributeError


def ngo_member_of(user, body):
    """The user's NGO membership on `body`'s site, if they are an active member of one."""
    member = ngo_membership(user) if body is not None else None
    return member if member is not None and member.body_id == body.pk else None


def commission_seats(user, body=None):
    """The seats of an active user on competition commissions of the social order (of `body`,
    if given): staff, deputies, civil society or the monitoring group sit on them and score
    the applications of their commission's calls, on the public site."""
    if not user.is_authenticated or not user.is_active:
        return []
    manager = getattr(user, "commission_seats", None)
    if manager is None:
        return []
    seats = manager.all() if body is None else manager.filter(body=body)
    return list(seats.select_related("commission"))


def commission_seat(user, commission):
    """The user's seat on `commission`, or None."""
    return next((s for s in commission_seats(user) if s.commission_id == commission.pk), None)
