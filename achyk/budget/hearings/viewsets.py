"""The admin of budget hearings and their proposals: body staff manage their body's own
(sealed, see `budget.viewsets`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminDateTimeInput

from achyk.bodies.kit import SealedIndexView, SealedViewSet
from achyk.ui.panels import BoundedInlinePanel

from ..citizens.models import TEXT_LANGUAGES
from ..viewsets import BodyOwnedForm
from .models import Hearing


class HearingForm(BodyOwnedForm):
    DOCUMENTS = ("draft_document", "minutes_document")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        budgets = self.fields.get("draft_budget")
        if budgets is not None and self.target_body is not None:
            budgets.queryset = budgets.queryset.filter(body=self.target_body)
        for name in self.DOCUMENTS:
            field = self.fields.get(name)
            if field is not None and self.target_body is not None:
                field.queryset = field.queryset.filter(body=self.target_body)

    def clean(self):
        data = super().clean()
        body_id = self.instance.body_id
        for name in self.DOCUMENTS:
            document = data.get(name)
            if document is not None and body_id and document.body_id != body_id:
                self.add_error(name, _("Choose a document of this body."))
        budget = data.get("draft_budget")
        if budget is not None and body_id and budget.body_id != body_id:
            self.add_error("draft_budget", _("Choose a budget of this body."))
        return data


def _proposals(hearing) -> str:
    return str(len(hearing.proposals.all()))


class HearingIndexView(SealedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("proposals")


class HearingViewSet(SealedViewSet):
    """Budget hearings (бюджеттик угуулар / бюджетные слушания) of the user's body."""

    model = Hearing
    name = "budget_hearings"
    url_prefix = "budget-hearings"
    icon = "group"
    menu_label = _("Budget hearings")
    menu_order = 311
    add_to_admin_menu = True
    index_view_class = HearingIndexView
    list_display = [
        "__str__", "starts_at", "is_published",
        Column("proposals", label=_("Proposals"), accessor=_proposals),
    ]  # fmt: skip
    list_filter = ["year", "is_published"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("body"),
                    FieldPanel("year"),
                    FieldPanel("starts_at", widget=AdminDateTimeInput),
                    MultiFieldPanel(
                        [FieldPanel(f"place_{c}") for c in TEXT_LANGUAGES], heading=_("Place")
                    ),
                    MultiFieldPanel(
                        [FieldPanel(f"announcement_{c}") for c in TEXT_LANGUAGES],
                        heading=_("Announcement"),
                    ),
                    FieldPanel("draft_budget"),
                    FieldPanel("draft_document"),
                    FieldPanel("is_published"),
                ],
                heading=_("Announcement"),
            ),  # fmt: skip
            ObjectList(
                [
                    FieldPanel("attendance"),
                    *[FieldPanel(f"minutes_{c}") for c in TEXT_LANGUAGES],
                    FieldPanel("minutes_document"),
                ],
                heading=_("Minutes"),
            ),  # fmt: skip
            ObjectList(
                [
                    BoundedInlinePanel(
                        "proposals", heading=_("Proposals"), label=_("Proposal"), max_num=100
                    )
                ],
                heading=_("Proposals and decisions"),
            ),
        ],
        base_form_class=HearingForm,
    )
