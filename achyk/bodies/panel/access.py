"""Who may do what in the bodies' admin panel. Another body's object is answered with 404."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.base import ModelPermissionPolicy

from achyk.bodies.models import Body, Membership
from achyk.bodies.roles import is_platform_admin, is_supervisor, may_manage_staff


def body_for(user, pk) -> Body:
    """The body `pk` if `user` may see its admin data, else 404 (as if it did not exist)."""
    return get_object_or_404(Body.objects.for_user(user), pk=pk)


def staff_body_for(user, pk) -> Body:
    """The body `pk` whose staff `user` manages: 404 for other bodies, 403 for its editors."""
    body = body_for(user, pk)
    if not may_manage_staff(user, body):
        raise PermissionDenied
    return body


def membership_for(user, pk) -> Membership:
    """A staff member of a body whose staff `user` manages: 404 for another body's member,
    403 for the body's editors; a platform admin's or supervisor's account is never touched."""
    memberships = Membership.objects.filter(body__in=Body.objects.for_user(user))
    membership = get_object_or_404(memberships.select_related("user", "body"), pk=pk)
    if not may_manage_staff(user, membership.body):
        raise PermissionDenied
    target = membership.user
    if not is_platform_admin(user) and (target.is_superuser or is_supervisor(target)):
        raise PermissionDenied
    return membership


class BodyPermissionPolicy(ModelPermissionPolicy):
    """Bodies are created and edited by platform admins and read by supervisors.

    Nobody deletes a body from the panel: its site, documents and history would go with it;
    a platform admin deactivates it instead.
    """

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        if action == "view" and user.is_active and is_supervisor(user):
            return True
        return is_platform_admin(user)


class PlatformOnlyPermissionPolicy(ModelPermissionPolicy):
    """Reference data (territory) that only platform admins maintain; nothing is deleted."""

    def user_has_permission(self, user, action):
        return action != "delete" and is_platform_admin(user)
