"""Forms of the registry's admin: an act's metadata and its links to other acts."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from achyk.bodies.kit import BodyChoiceMixin

from .models import Act, DocumentType

LINK_FIELDS = {"amends": "amends", "repeals": "repeals"}


class ActForm(BodyChoiceMixin, WagtailAdminModelForm):
    """Body staff edit their body's acts; the links offer only acts of the same body."""

    amends = forms.ModelMultipleChoiceField(
        Act.objects.none(), required=False, label=_("Amends"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip
    repeals = forms.ModelMultipleChoiceField(
        Act.objects.none(), required=False, label=_("Repeals"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip

    class Meta:
        model = Act
        fields = ["type", "title", "number", "adopted_on", "adopted_by", "signatory", "status",
                  "tags"]  # fmt: skip
        widgets = {"adopted_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = DocumentType.objects.all()
        if not self.instance.pk:
            self.initial.setdefault("adopted_on", timezone.localdate())
        body = self.target_body  # None until a platform admin picks one: no links offered
        acts = Act.objects.filter(body=body) if body else Act.objects.none()
        if self.instance.pk:
            acts = acts.exclude(pk=self.instance.pk)
        for name in LINK_FIELDS:
            self.fields[name].queryset = acts
            if self.instance.pk:
                self.initial[name] = list(
                    self.instance.outgoing.filter(kind=name).values_list("to_act", flat=True)
                )
