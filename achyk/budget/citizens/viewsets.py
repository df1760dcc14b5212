"""The admin of Citizens' Budgets: body staff manage their body's own (sealed, see
`budget.viewsets`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface

from achyk.bodies.kit import SealedViewSet

from ..viewsets import LANGUAGE_HEADINGS, BodyOwnedForm
from .models import TEXT_LANGUAGES, CitizensBudget, Section


class CitizensBudgetForm(BodyOwnedForm):
    def clean(self):
        data = super().clean()
        body, year, stage = self.instance.body_id, data.get("year"), data.get("stage")
        if body and year and stage:
            others = CitizensBudget.objects.filter(body_id=body, year=year, stage=stage)
            if others.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "stage", _("This body already has a Citizens' Budget of this year and stage.")
                )
        return data


def _language_tab(language: str) -> ObjectList:
    return ObjectList(
        [FieldPanel(f"{section}_{language}") for section in Section.values],
        heading=LANGUAGE_HEADINGS[language],
    )


class CitizensBudgetViewSet(SealedViewSet):
    """Citizens' Budgets (жарандык бюджет / гражданский бюджет) of the user's body."""

    model = CitizensBudget
    name = "citizens_budgets"
    url_prefix = "citizens-budgets"
    icon = "doc-full-inverse"
    menu_label = _("Citizens' Budget")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["year", "stage", "is_published", "updated_at"]
    list_filter = ["year", "stage", "is_published"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("body"),
                    FieldPanel("year"),
                    FieldPanel("stage"),
                    FieldPanel("is_published"),
                ],
                heading=_("Year and stage"),
            ),  # fmt: skip
            *[_language_tab(code) for code in TEXT_LANGUAGES],
        ],
        base_form_class=CitizensBudgetForm,
    )
