"""Forms of the registry's admin: an act's metadata and its links to other acts."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from achyk.bodies.models import Body, body_of
from achyk.bodies.tenancy import sees_all_bodies

from .models import Act, DocumentType

LINK_FIELDS = {"amends": "amends", "repeals": "repeals"}


class ActForm(WagtailAdminModelForm):
    """Body staff edit their body's acts; the links offer only acts of the same body."""

    body = forms.ModelChoiceField(Body.objects.all(), label=_("body"), required=False)
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

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = for_user
        self.fields["type"].queryset = DocumentType.objects.all()
        if not self.instance.pk:
            self.initial.setdefault("adopted_on", timezone.localdate())
        body = self.instance.body if self.instance.body_id else None
        if body is not None or not (for_user and sees_all_bodies(for_user)):
            del self.fields["body"]
            body = body or (body_of(for_user) if for_user else None)
        else:
            self.fields["body"].required = True
        acts = Act.objects.filter(body=body) if body else Act.objects.none()
        if self.instance.pk:
            acts = acts.exclude(pk=self.instance.pk)
        for name in LINK_FIELDS:
            self.fields[name].queryset = acts
            if self.instance.pk:
                self.initial[name] = list(
                    self.instance.outgoing.filter(kind=name).values_list("to_act", flat=True)
                )
        self.target_body = body
