"""The budget in the admin: the list and a budget's page (views stay thin).

/admin/budget/ lists the budgets the user may see; /admin/budget/<pk>/ shows one (its stages,
totals, approving resolution and import history). The import's screens are in
`imports.admin_views`. Body staff work on their own body; platform admins choose the body;
supervisors read.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from achyk.bodies.kit import TitledScreen, forbidden
from achyk.bodies.roles import may_write, opens_body_screens

from . import selectors, services
from .forms import ApprovalForm
from .models import Budget, StageName


class BudgetAdminMixin(TitledScreen):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not opens_body_screens(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class BudgetIndexView(BudgetAdminMixin, TemplateView):
    page_title = gettext_lazy("Budget")
    template_name = "budget/admin/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            budgets=selectors.budgets_for_admin(user)[:500], may_import=may_write(user), **kwargs
        )


class BudgetDetailView(BudgetAdminMixin, TemplateView):
    model = Budget  # the seal reads it: `pk` names a budget
    template_name = "budget/admin/detail.html"

    def get_page_title(self):
        return _("Budget %(year)s") % {"year": self.budget.year}

    def dispatch(self, request, *args, **kwargs):
        self.budget = selectors.budget_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        budget = self.budget
        initial = {"act": budget.approved_by_id, "approved_on": budget.approved_on}
        return super().get_context_data(
            budget=budget, totals=_totals_table(budget), stages=selectors.stages_of(budget),
            history=selectors.history(budget), may_import=may_write(self.request.user),
            form=form or ApprovalForm(initial=initial, body=budget.body), **kwargs,
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        if not may_write(request.user):
            raise PermissionDenied
        form = ApprovalForm(request.POST, body=self.budget.body)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.set_approval(budget=self.budget, act=form.cleaned_data["act"],
                              approved_on=form.cleaned_data["approved_on"])  # fmt: skip
        messages.success(request, _("The approving resolution was saved."))
        return redirect("budget_admin_detail", pk=self.budget.pk)


def _totals_table(budget: Budget) -> list[dict]:
    totals = selectors.totals(budget)
    return [
        {"stage": stage, "label": StageName(stage).label, "revenue": totals[stage].get("revenue"),
         "expenditure": totals[stage].get("expenditure")}
        for stage in StageName.values if stage in totals
    ]  # fmt: skip
