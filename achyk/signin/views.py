"""Enrolment, verification and reset of the second factor, in the admin and on the public site.

The same views serve both: `public=True` renders them in the public site's layout for members
of a monitoring group, who have no admin panel. Views stay thin; `services` writes.
"""

from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from achyk.bodies.kit import ForbiddenMixin, TitledScreen

from . import policy, services
from .forms import CodeForm
from .qr import qr_svg

User = get_user_model()

WRONG_NEW_CODE = gettext_lazy("This code is not right. Type the six digits the app shows now.")
WRONG_CODE = gettext_lazy(
    "This code is not right, or was used already. Wait for the next code and try again."
)
USED_RECOVERY_CODE = gettext_lazy(
    "You used a recovery code; %(left)s are left. Make new ones in Two-step sign-in."
)
RESET_DONE = gettext_lazy(
    "Two-step sign-in of %(user)s is reset: they sign in with their password and set it up again."
)


def safe_next(request, default: str) -> str:
    """The `next` address if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else default


def grouped(secret: str) -> str:
    """A secret in groups of four letters, as authenticator apps show it."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class SigninPageMixin:
    """Renders in the admin's layout, or with `public=True` in the public site's."""

    public = False
    header_icon = "key"

    def get_template_names(self):
        return [f"signin/{'public' if self.public else 'admin'}/{self.template_base}.html"]

    def home_url(self) -> str:
        return "/" if self.public else reverse("wagtailadmin_home")


class AdminPage(SigninPageMixin, ForbiddenMixin, TitledScreen):
    pass


class PublicPage(SigninPageMixin):
    public = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(reverse("jmeg_login") + "?next=" + request.path)
        return super().dispatch(request, *args, **kwargs)


class OverviewView(AdminPage, TemplateView):
    """Whether the account has a second factor, and what to do about it."""

    page_title = gettext_lazy("Two-step sign-in")
    template_base = "overview"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            enrolled=policy.is_enrolled(user),
            required=policy.requires_second_factor(user),
            codes_left=services.recovery_codes_left(user),
            may_reset_others=user.is_superuser,
            **kwargs,
        )


class SetupMixin:
    """Shows the QR code and the secret of a waiting authenticator; a code confirms it."""

    page_title = gettext_lazy("Set up two-step sign-in")
    template_base = "setup"
    form_class = CodeForm

    def get_context_data(self, **kwargs):
        device = services.start_enrolment(user=self.request.user)
        secret = b32encode(device.bin_key).decode("ascii")
        return super().get_context_data(
            qr=qr_svg(device.config_url), secret=grouped(secret), **kwargs
        )

    def form_valid(self, form):
        enrolment = services.confirm_enrolment(
            user=self.request.user, code=form.cleaned_data["code"]
        )
        if enrolment is None:
            form.add_error("code", WRONG_NEW_CODE)
            return self.form_invalid(form)
        otp_login(self.request, enrolment.device)
        return self.show_codes(enrolment.codes)

    def show_codes(self, codes):
        """The recovery codes, once: the page is never stored (no-store) nor shown again."""
        self.template_base = "codes"
        self.page_title = _("Your recovery codes")
        context = {"codes": codes, "continue_url": safe_next(self.request, self.home_url())}
        if not self.public:
            context = WagtailAdminTemplateMixin.get_context_data(self, **context)
        response = TemplateResponse(self.request, self.get_template_names(), context)
        add_never_cache_headers(response)
        return response


class AdminSetupView(SetupMixin, AdminPage, FormView):
    pass


class PublicSetupView(SetupMixin, PublicPage, FormView):
    pass


class RecoveryCodesView(SetupMixin, AdminPage, FormView):
    """New recovery codes (POST only); the earlier ones stop working."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not policy.is_enrolled(request.user):
            raise PermissionDenied
        return self.show_codes(services.replace_recovery_codes(user=request.user))


class VerifyMixin:
    """The step after the password: a code from the app or a recovery code."""

    page_title = gettext_lazy("Two-step sign-in")
    template_base = "verify"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(reverse("jmeg_login" if self.public else "wagtailadmin_login"))
        if policy.is_verified(request.user) or not policy.is_enrolled(request.user):
            return redirect(safe_next(request, self.home_url()))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next(self.request, ""), **kwargs)

    def form_valid(self, form):
        device = services.verify(user=self.request.user, code=form.cleaned_data["code"])
        if device is None:
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        otp_login(self.request, device)
        if device.name == services.CODES_DEVICE_NAME:
            left = services.recovery_codes_left(self.request.user)
            messages.warning(self.request, USED_RECOVERY_CODE % {"left": left})
        return redirect(safe_next(self.request, self.home_url()))


class AdminVerifyView(VerifyMixin, AdminPage, FormView):
    pass


class PublicVerifyView(VerifyMixin, PublicPage, FormView):
    pass


class PlatformAdminOnly(AdminPage):
    def prepare(self, request, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied


class AccountsView(PlatformAdminOnly, TemplateView):
    """Platform admins: every account that signs in, whether it has a second factor."""

    page_title = gettext_lazy("Two-step sign-in of accounts")
    template_base = "accounts"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:150]
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        users = User.objects.filter(is_active=True).annotate(enrolled=Exists(enrolled))
        if query:
            users = users.filter(
                Q(username__icontains=query) | Q(first_name__icontains=query)
                | Q(last_name__icontains=query) | Q(email__icontains=query)
            )  # fmt: skip
        page = Paginator(users.order_by("username"), 50).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, query=query, **kwargs)


class ResetView(PlatformAdminOnly, TemplateView):
    """Platform admins remove a user's authenticator and recovery codes (a lost phone)."""

    model = User  # the tenant seal reads `pk` as a user's
    page_title = gettext_lazy("Reset two-step sign-in")
    template_base = "reset"

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        self.account = get_object_or_404(User, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            account=self.account, enrolled=policy.is_enrolled(self.account), **kwargs
        )

    def post(self, request, *args, **kwargs):
        services.reset_devices(user=self.account)
        messages.success(request, RESET_DONE % {"user": self.account.get_username()})
        return redirect("signin_accounts:index")
