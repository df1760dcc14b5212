"""The local council (айылдык кеңеш / айылный кенеш) as a section of a body's site: its
deputies with their photos, its commissions, its sessions and its decisions.

Deputies and commissions are written by the body's staff on the page; sessions are the
council's events in the body's calendar (`bodies.calendar`, kind "council"), and decisions
are the acts the council adopted in the registry (`documents.Act`, adopted by the council):
each is written once, where it belongs, and the council's page gathers them.
"""

import datetime

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel
from wagtail.models import Orderable

from achyk.bodies import calendar
from achyk.ui.panels import BoundedInlinePanel

from .base import BasePage, rich_text

#: How many decisions and past sessions the council's page lists (the registry and the
#: calendar hold the rest).
DECISIONS_SHOWN = 10
SESSIONS_SHOWN = 5
#: How far back and ahead the page looks for sessions.
SESSION_SPAN = datetime.timedelta(days=366)


class CouncilPage(BasePage):
    """Айылдык кеңеш / айылный кенеш: the body's local council of elected deputies."""

    about = rich_text(_("about the council"))
    content_panels = BasePage.content_panels + [
        "about",
        BoundedInlinePanel("deputies", label=_("Deputies"), max_num=100),
        BoundedInlinePanel("commissions", label=_("Standing commissions"), max_num=30),
    ]
    parent_page_types = ["content.BodyHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("local council")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The body being read (the middleware found it); a preview in the admin looks it up.
        body = getattr(request, "site_body", None) or self.site_body
        deputies = list(self.deputies.select_related("photo").prefetch_related("photo__renditions"))
        context["deputies"] = deputies
        context["commissions"] = seats(deputies, list(self.commissions.all()))
        if body is not None:
            context.update(sessions(body))
            context["decisions"] = decisions(body)
            context["documents_url"] = self.registry_url(request)
        return context

    def registry_url(self, request) -> str | None:
        """The body's registry of acts filtered to the council's decisions, or None."""
        from .sections import DocumentIndexPage

        section = DocumentIndexPage.objects.live().sibling_of(self).first()
        return section.get_url(request) + "?adopted_by=council" if section else None


def _same_name(name: str) -> str:
    return " ".join(name.casefold().split())


def seats(deputies: list, commissions: list) -> list[tuple]:
    """Each commission with its chair and members, each as (name, the deputy of that name or
    None): a name typed in a commission that is a deputy's on the same page (the same words,
    in any case) is that deputy. Each deputy gets `commissions`, the ones they sit on."""
    by_name = {_same_name(deputy.name): deputy for deputy in deputies}
    for deputy in deputies:
        deputy.commissions = []
    found = []
    for commission in commissions:
        chair = (commission.chair, by_name.get(_same_name(commission.chair)))
        members = [(name, by_name.get(_same_name(name))) for name in commission.member_list()]
        for _name, deputy in [chair, *members]:
            if deputy is not None and commission not in deputy.commissions:
                deputy.commissions.append(commission)
        found.append((commission, chair, members))
    return found


def sessions(body) -> dict:
    """{"next_sessions": upcoming council sessions, "past_sessions": the latest past ones,
    latest first}, from the body's calendar in the active language."""
    now = timezone.now()
    found = calendar.events(
        body=body, language=translation.get_language(), start=now - SESSION_SPAN,
        end=now + SESSION_SPAN, kind="council",
    )  # fmt: skip
    upcoming = [event for event in found if event.starts_at >= now]
    past = [event for event in found if event.starts_at < now]
    return {
        "next_sessions": upcoming[:SESSIONS_SHOWN],
        "past_sessions": past[::-1][:SESSIONS_SHOWN],
    }


def decisions(body) -> list:
    """The latest acts the council adopted, with their addresses in the registry."""
    from achyk.documents.models import Act, AdoptedBy

    acts = Act.objects.public_for_body(body).filter(adopted_by=AdoptedBy.COUNCIL)
    # each holds the body: the section's address is looked up once for all of them
    return list(acts.holding(body)[:DECISIONS_SHOWN])


class Deputy(Orderable):
    """A deputy of the council (депутат): shown with a photo, the district that elected them
    and when they receive residents."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="deputies")
    name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(
        _("position in the council"), max_length=250, blank=True,
        help_text=_("Chair, deputy chair, secretary; empty for a deputy."),
    )  # fmt: skip
    constituency = models.CharField(_("electoral district or village"), max_length=250, blank=True)
    photo = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("photo"),
    )  # fmt: skip
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    reception_hours = models.CharField(_("reception hours"), max_length=250, blank=True)
    panels = [
        FieldRowPanel(["name", "position"]), "constituency", "photo",
        FieldRowPanel(["phone", "reception_hours"]),
    ]  # fmt: skip

    class Meta(Orderable.Meta):
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")

    def __str__(self) -> str:
        return self.name


class Commission(Orderable):
    """A standing commission of the council (туруктуу комиссия / постоянная комиссия)."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="commissions")
    name = models.CharField(_("name"), max_length=250)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    members = models.TextField(
        _("members"), blank=True, max_length=4000, help_text=_("One name a line.")
    )
    remit = models.TextField(_("what it deals with"), blank=True, max_length=2000)
    panels = [FieldRowPanel(["name", "chair"]), "members", "remit"]

    class Meta(Orderable.Meta):
        verbose_name = _("standing commission")
        verbose_name_plural = _("standing commissions")

    def __str__(self) -> str:
        return self.name

    def member_list(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]
