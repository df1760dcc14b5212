"""Forms of the registry's admin: an act's metadata and its links to other acts."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from achyk.bodies.kit import BodyChoiceMixin

from .models import TITLE_LANGUAGES, Act, DocumentType

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
        fields = ["type", "title_ky", "title_ru", "title_kk", "number", "adopted_on",
                  "adopted_by", "signatory", "status", "tags"]  # fmt: skip
        widgets = {"adopted_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = DocumentType.objects.all()
        if not self.instance.pk:
            self.initial.setdefault("adopted_on", timezone.localdate())
        body = self.target_body  # None until a platform admin picks one: no links offered
        self._title_fields(body)
        acts = Act.objects.filter(body=body) if body else Act.objects.none()
        if self.instance.pk:
            acts = acts.exclude(pk=self.instance.pk)
        for name in LINK_FIELDS:
            self.fields[name].queryset = acts
            if self.instance.pk:
                self.initial[name] = list(
                    self.instance.outgoing.filter(kind=name).values_list("to_act", flat=True)
                )

    def _title_fields(self, body) -> None:
        """A title per language of the body, its default language's first and required; a
        platform admin who has not picked the body yet sees all three."""
        if body is None:
            return
        codes = [code for code in body.language_list if code in TITLE_LANGUAGES]
        codes.sort(key=lambda code: code != body.default_language)
        for code in TITLE_LANGUAGES:
            if code not in codes:
                self.fields.pop(f"title_{code}", None)
        if body.default_language in codes:
            self.fields[f"title_{body.default_language}"].required = True
        self.order_fields(["type", *[f"title_{code}" for code in codes]])

    def clean(self):
        data = super().clean()
        titles = [name for name in self.fields if name.startswith("title_")]
        if titles and not any((data.get(name) or "").strip() for name in titles):
            self.add_error(titles[0], _("Give the act's title."))
        return data
