"""A body's own pages in the admin: "Our body" (its profile) and its staff.

Views stay thin: the access functions answer 404 for another body and 403 for a role that
may not act; the services write.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from achyk.bodies.kit import ForbiddenMixin, TitledScreen
from achyk.bodies.models import Body, Membership
from achyk.bodies.roles import body_of, is_body_admin, may_manage_staff, sees_all_bodies
from achyk.bodies.services import (
    add_staff_member,
    deactivate_staff_member,
    reactivate_staff_member,
    send_invitation,
    set_staff_role,
    update_body_profile,
)

from .access import body_for, membership_for, staff_body_for
from .forms import AddStaffForm, RoleForm, profile_form_class


class OurBodyView(ForbiddenMixin, TitledScreen, FormView):
    """The body's profile: its admins edit it, its editors read it."""

    page_title = gettext_lazy("Our body")
    header_icon = "site"
    template_name = "bodies/panel/our_body.html"

    def prepare(self, request, **kwargs):
        self.body = body_of(request.user)
        if self.body is None:
            raise Http404
        self.may_edit = is_body_admin(request.user, self.body)
        if request.method == "POST" and not self.may_edit:
            raise PermissionDenied

    def get_page_subtitle(self):
        return self.body.name

    def get_form_class(self):
        return profile_form_class(self.body)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.body}

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        update_body_profile(body=self.body, changes=changes)
        messages.success(self.request, _("The profile of the body is saved."))
        return redirect("our_body")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "body": self.body, "may_edit": self.may_edit}


class StaffMixin(ForbiddenMixin, TitledScreen):
    """Views on the staff of one body; `pk` is the body's (`model` tells the tenant seal)."""

    model = Body
    header_icon = "group"
    page_title = gettext_lazy("Staff")

    def prepare(self, request, **kwargs):
        self.body = staff_body_for(request.user, kwargs["pk"])

    def get_page_subtitle(self):
        return self.body.name

    def index_url(self) -> str:
        return reverse("body_staff:index", args=[self.body.pk])


class StaffIndexView(StaffMixin, TemplateView):
    """The body's staff. Supervisors read it; its admins (and platform admins) manage it."""

    template_name = "bodies/panel/staff_index.html"

    def prepare(self, request, **kwargs):
        self.body = body_for(request.user, kwargs["pk"])
        self.may_manage = may_manage_staff(request.user, self.body)
        if not (self.may_manage or sees_all_bodies(request.user)):
            raise PermissionDenied  # the body's editors do not manage staff

    def get_context_data(self, **kwargs):
        memberships = self.body.memberships.select_related("user").order_by(
            "-user__is_active", "user__last_name", "user__username"
        )
        return {
            **super().get_context_data(**kwargs), "body": self.body,
            "memberships": memberships, "may_manage": self.may_manage,
            "add_url": reverse("body_staff:add", args=[self.body.pk]),
        }  # fmt: skip


class StaffAddView(StaffMixin, FormView):
    form_class = AddStaffForm
    template_name = "bodies/panel/staff_form.html"
    page_title = gettext_lazy("Add a staff member")

    def form_valid(self, form):
        data = form.cleaned_data
        user = add_staff_member(
            body=self.body, username=data["username"], email=data["email"],
            first_name=data["first_name"], last_name=data["last_name"], role=data["role"],
            password=data["password"] or None,
        )  # fmt: skip
        if data["password"]:
            messages.success(
                self.request, _("%(name)s can now sign in.") % {"name": user.get_full_name()}
            )
        else:
            send_invitation(
                user=user, body=self.body, base_url=self.request.build_absolute_uri("/")
            )
            messages.success(
                self.request, _("An invitation was sent to %(email)s.") % {"email": user.email}
            )
        return redirect(self.index_url())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "body": self.body,
            "cancel_url": self.index_url(),
        }


class MemberMixin(StaffMixin):
    """Views on one staff member; `pk` is the membership's."""

    model = Membership

    def prepare(self, request, **kwargs):
        self.membership = membership_for(request.user, kwargs["pk"])
        self.body = self.membership.body


class StaffRoleView(MemberMixin, FormView):
    form_class = RoleForm
    template_name = "bodies/panel/staff_form.html"
    page_title = gettext_lazy("Change role")

    def get_page_subtitle(self):
        return self.membership.user.get_full_name() or self.membership.user.get_username()

    def get_initial(self):
        return {"role": self.membership.role}

    def form_valid(self, form):
        if self.membership.user == self.request.user:
            messages.error(self.request, _("You cannot change your own role."))
        else:
            set_staff_role(
                user=self.membership.user, body=self.body, role=form.cleaned_data["role"]
            )
            messages.success(self.request, _("The role is changed."))
        return redirect(self.index_url())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs), "body": self.body,
            "membership": self.membership, "cancel_url": self.index_url(),
        }  # fmt: skip


class StaffAccessView(MemberMixin, TemplateView):
    """POST: close (deactivate) or reopen (reactivate) a staff member's access. Closing is
    asked first: GET shows what it does and the button that POSTs it."""

    http_method_names = ["post"]
    activate = False
    template_name = "bodies/panel/staff_close_access.html"
    page_title = gettext_lazy("Close access")

    def get_page_subtitle(self):
        return self.membership.user.get_full_name() or self.membership.user.get_username()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs), "membership": self.membership,
            "member": self.membership.user, "body": self.body, "cancel_url": self.index_url(),
            "is_self": self.membership.user == self.request.user,
        }  # fmt: skip

    def post(self, request, *args, **kwargs):
        membership = self.membership
        if membership.user == request.user:
            messages.error(request, _("You cannot close your own access."))
        elif self.activate:
            reactivate_staff_member(membership=membership)
            messages.success(request, _("Access is open again."))
        else:
            deactivate_staff_member(membership=membership)
            messages.success(request, _("Access is closed. The account and its history stay."))
        return redirect(self.index_url())
