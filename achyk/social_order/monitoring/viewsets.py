"""The monitoring group's reports in the admin (a sealed viewset of the kit, in the menu
group of `social_order.viewsets`): the staff answer the reports the group filed on the
public site, and type in whole the ones that came on paper. The group's drafts stay the
group's: the staff never see them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets import AdminDateInput

from achyk.bodies.kit import SealedDeleteView, SealedEditView, SealedIndexView, SealedViewSet

from ..forms import SocialForm
from ..models import MonitoringReport
from .services import noted_body_answer


class MonitoringForm(SocialForm):
    """A paper report the staff type in whole; a report the group filed on the site is the
    group's and the NGO's words: the staff only write the body's answer to it."""

    GROUP_FIELDS = ("contract", "visited_on", "members", "checked", "feedback", "findings",
                    "rating", "ngo_answer", "is_published")  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_filed_by_group:
            for name in self.GROUP_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
        self.was_answered = bool(self.instance.body_answer)

    def save(self, commit=True):
        report = super().save(commit=False)
        if "body_answer" in self.changed_data and report.body_answer.strip():
            noted_body_answer(report, was_answered=self.was_answered)
        if commit:
            report.save()
        return report


class MonitoringSealed:
    """The group's drafts are the group's until it approves them: staff never see them."""

    def sealed_queryset(self):
        return super().sealed_queryset().exclude(by_group=True, is_published=False)


class MonitoringIndexView(SealedIndexView):
    list_select_related = ("body", "contract")

    def get_base_queryset(self):
        return super().get_base_queryset().exclude(by_group=True, is_published=False)


class MonitoringEditView(MonitoringSealed, SealedEditView):
    pass


class MonitoringDeleteView(SealedDeleteView):
    """Only a paper report the staff typed in is theirs to delete; the group's are not."""

    def sealed_queryset(self):
        return super().sealed_queryset().exclude(by_group=True)


class MonitoringViewSet(SealedViewSet):
    """The monitoring group's reports on the projects, with the NGO's and the body's answers:
    filed by the group on the public site (the staff answer them), or typed in from paper."""

    model = MonitoringReport
    name = "social_monitoring"
    url_prefix = "social-order/monitoring"
    icon = "view"
    menu_label = _("Monitoring group's reports")
    index_view_class = MonitoringIndexView
    edit_view_class = MonitoringEditView
    delete_view_class = MonitoringDeleteView
    list_display = ["__str__", "rating", "by_group", "is_published", "body_answered_at"]
    list_filter = ["by_group", "is_published"]
    edit_handler = ObjectList(
        [FieldPanel("contract"), FieldPanel("visited_on", widget=AdminDateInput),
         FieldPanel("members"), FieldPanel("checked"), FieldPanel("feedback"),
         FieldPanel("findings"), FieldPanel("rating"), FieldPanel("ngo_answer"),
         FieldPanel("body_answer"), FieldPanel("is_published")],
        base_form_class=MonitoringForm,
    )  # fmt: skip
