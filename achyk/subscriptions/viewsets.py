"""Bounced letters in the admin (Subscriptions → Bounced letters): the body's subscribers
whose letters the mail server returned, the count of hard bounces of each address, when it
stops their letters, and what staff do once an address works again (start the count again,
send letters again). Addresses are shown masked (`models.masked`).

Body staff see their body's subscribers (the kit's seal: another body's is a 404), platform
admins every body's; supervisors are refused (residents' addresses); nobody adds or deletes
a subscriber here: residents subscribe and leave themselves.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import Column

from achyk.bodies import roles
from achyk.bodies.kit import SealedEditView, SealedIndexView, SealedViewSet
from achyk.bodies.tenancy import BodyOwnedPolicy

from . import selectors, services
from .forms import BouncedForm
from .models import Subscriber


class BouncedPolicy(BodyOwnedPolicy):
    """Body staff see and settle their body's bounced subscribers; platform admins all;
    supervisors none (residents' addresses); nobody adds or deletes one here."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete") or roles.is_supervisor(user):
            return False
        return super().user_has_permission(user, action)


def _stops(subscriber: Subscriber) -> str:
    """When the count stops the letters: done (and when), or after how many more bounces."""
    if subscriber.left_at is not None:
        return _("the resident unsubscribed")
    if subscriber.stopped_at is not None:
        day = date_format(timezone.localtime(subscriber.stopped_at), "SHORT_DATE_FORMAT")
        if subscriber.stop_reason == "complained":
            return _("stopped on %(day)s: the resident complained") % {"day": day}
        return _("stopped on %(day)s") % {"day": day}
    left = max(settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES - (subscriber.hard_bounces or 0), 1)
    return ngettext(
        "stops after %(n)s more hard bounce", "stops after %(n)s more hard bounces", left
    ) % {"n": left}


def _last_bounced(subscriber: Subscriber) -> str:
    day = subscriber.last_bounced_on
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"


class BouncedIndexView(SealedIndexView):
    def get_base_queryset(self):
        return selectors.bounced(self.request.user)


class BouncedEditView(SealedEditView):
    template_name = "subscriptions/admin/bounced.html"
    context_object_name = "subscriber"

    def sealed_queryset(self):
        """The user's bounced subscribers with their counts: another body's, and one whose
        letters never bounced, are a 404."""
        return selectors.bounced(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["limit"] = settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES
        context["stops"] = _stops(self.object)
        context["last_bounced"] = _last_bounced(self.object)
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.SubscriptionError as refused:
            form.add_error(None, refused.message)
            self.produced_error_message = refused.message
            return self.form_invalid(form)

    def get_success_message(self, instance=None):
        return _("Done for %(address)s.") % {"address": self.object.masked_email}


class BouncedViewSet(SealedViewSet):
    """Subscribers whose letters bounced (кайтарылган каттар / возвраты писем)."""

    model = Subscriber
    name = "subscription_bounces"
    url_prefix = "subscription-bounces"
    icon = "mail"
    menu_label = _("Bounced letters")
    menu_order = 330
    add_to_admin_menu = True
    index_view_class = BouncedIndexView
    edit_view_class = BouncedEditView
    form_class = BouncedForm
    list_display = [
        "masked_email", "body", Column("hard_bounces", label=_("hard bounces")),
        Column("last_bounced", label=_("last bounced"), accessor=_last_bounced),
        Column("stops", label=_("letters"), accessor=_stops), "language", "created_at",
    ]  # fmt: skip

    @property
    def permission_policy(self):
        return BouncedPolicy(self.model)
