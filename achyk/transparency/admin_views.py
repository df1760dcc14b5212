"""The monitor in a body's admin panel: the to-do list, the JMEG's flags and their answers,
and the members of the JMEG. Another body's objects are answered with 404 (the tenant seal
and `for_user`), a role that may not act with 403; supervisors read and change nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from achyk.bodies.kit import ForbiddenMixin, TitledScreen
from achyk.bodies.models import Body
from achyk.bodies.panel.access import body_for
from achyk.bodies.roles import body_of, is_body_admin, sees_all_bodies

from . import flags as flag_services
from . import services, todo
from .followup import EvidenceFlag, JmegMember
from .models import Duty


class TodoView(ForbiddenMixin, TitledScreen, TemplateView):
    """What the body has to publish next, most urgent first (`pk`: a body, for supervisors
    and platform admins; without it, the user's own body)."""

    model = Body
    page_title = gettext_lazy("Transparency: what to publish")
    header_icon = "tasks"
    template_name = "transparency/admin/todo.html"

    def prepare(self, request, **kwargs):
        if "pk" in kwargs:
            self.body = body_for(request.user, kwargs["pk"])
        else:
            self.body = body_of(request.user)
            if self.body is None:
                raise Http404

    def get_page_subtitle(self):
        return self.body.name

    def get_context_data(self, **kwargs):
        lines = todo.todo_for(self.body)
        own = body_of(self.request.user)
        return {
            **super().get_context_data(**kwargs), "body": self.body, "lines": lines,
            "counts": todo.counts(lines), "past_due": todo.past_due(self.body),
            "flags": todo.with_duty_titles(todo.open_flags(self.body).select_related("body")),
            "may_act": own is not None and own == self.body,
        }  # fmt: skip


class ConfirmView(ForbiddenMixin, TemplateView):
    """POST: staff confirm that the information of a duty is still current."""

    http_method_names = ["post"]

    def prepare(self, request, **kwargs):
        self.body = body_of(request.user)
        if self.body is None:
            raise PermissionDenied

    def post(self, request, *args, **kwargs):
        code = request.POST.get("duty_code", "")
        duty = Duty.objects.current().filter(country=self.body.country, code=code).first()
        if duty is None or not duty.applies_to(self.body):
            raise Http404
        services.confirm_duty(body=self.body, duty=duty, by=request.user)
        messages.success(request, _("Confirmed: the information is still current."))
        return redirect("transparency_admin:todo")


class FlagsView(ForbiddenMixin, TitledScreen, TemplateView):
    """The JMEG's flags on the body's evidence, open ones first."""

    page_title = gettext_lazy("Flags of the monitoring group")
    header_icon = "warning"
    template_name = "transparency/admin/flags.html"

    def prepare(self, request, **kwargs):
        if body_of(request.user) is None and not sees_all_bodies(request.user):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        rows = EvidenceFlag.objects.for_user(self.request.user).select_related("body", "author")
        return {
            **super().get_context_data(**kwargs),
            "flags": todo.with_duty_titles(rows.order_by("-answered_at", "created_at")[:500]),
            "open_flags": todo.with_duty_titles(
                rows.filter(answered_at__isnull=True).order_by("created_at")
            ),
            "all_bodies": sees_all_bodies(self.request.user),
        }


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The answer is published under the flag on the public site."),
    )  # fmt: skip


class AnswerView(ForbiddenMixin, TitledScreen, FormView):
    """One flag and the body's answer to it (`pk`: the flag)."""

    model = EvidenceFlag
    page_title = gettext_lazy("Answer a flag")
    header_icon = "warning"
    template_name = "transparency/admin/answer.html"
    form_class = AnswerForm

    def prepare(self, request, **kwargs):
        rows = EvidenceFlag.objects.for_user(request.user).select_related("body", "author")
        self.flag = get_object_or_404(rows, pk=kwargs["pk"])
        if request.method == "POST" and body_of(request.user) != self.flag.body:
            raise PermissionDenied  # only the body's own staff answer for it

    def get_initial(self):
        return {"answer": self.flag.answer}

    def form_valid(self, form):
        flag_services.answer_flag(
            flag=self.flag, answer=form.cleaned_data["answer"], by=self.request.user
        )
        messages.success(self.request, _("The answer is saved and published."))
        return redirect("transparency_admin:flags")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "flag": self.flag}


class JmegView(ForbiddenMixin, TitledScreen, TemplateView):
    """The members of the body's JMEG: its admins register them and close their access."""

    page_title = gettext_lazy("Monitoring group (JMEG)")
    header_icon = "group"
    template_name = "transparency/admin/jmeg.html"

    def prepare(self, request, **kwargs):
        if body_of(request.user) is None and not sees_all_bodies(request.user):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        members = JmegMember.objects.for_user(self.request.user).select_related("body", "user")
        return {
            **super().get_context_data(**kwargs), "members": members,
            "may_manage": is_body_admin(self.request.user),
            "all_bodies": sees_all_bodies(self.request.user),
        }  # fmt: skip


class JmegMemberForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    password = forms.CharField(
        label=gettext_lazy("Password"), widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("Give it to the member in person; they sign in on the public site."),
    )  # fmt: skip

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        user_model.username_validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken: choose another."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            user = get_user_model()(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(data["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class JmegAddView(ForbiddenMixin, TitledScreen, FormView):
    page_title = gettext_lazy("Register a JMEG member")
    header_icon = "group"
    template_name = "transparency/admin/form.html"
    form_class = JmegMemberForm

    def prepare(self, request, **kwargs):
        if not is_body_admin(request.user):
            raise PermissionDenied
        self.body = body_of(request.user)

    def form_valid(self, form):
        flag_services.register_jmeg_member(
            body=self.body, by=self.request.user, **form.cleaned_data
        )
        messages.success(
            self.request, _("The member is registered and can sign in on the public site.")
        )
        return redirect("transparency_admin:jmeg")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "cancel_url": reverse("transparency_admin:jmeg"),
        }


class JmegAccessView(ForbiddenMixin, TemplateView):
    """POST: close or reopen a member's sign-in (`pk`: the member)."""

    model = JmegMember
    http_method_names = ["post"]

    def prepare(self, request, **kwargs):
        rows = JmegMember.objects.for_user(request.user).select_related("user")
        self.member = get_object_or_404(rows, pk=kwargs["pk"])
        if not is_body_admin(request.user, self.member.body):
            raise PermissionDenied

    def post(self, request, *args, **kwargs):
        active = request.POST.get("active") == "1"
        flag_services.set_jmeg_access(member=self.member, active=active)
        return redirect("transparency_admin:jmeg")
