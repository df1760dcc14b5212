"""Forms of the bodies' admin panel. They validate; the services write."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from achyk.bodies.models import Body, Membership, Territory
from achyk.bodies.services import profile_fields

NAME_FIELDS = ["name_ky", "name_ru", "name_kk", "name_en"]
CONTACT_FIELDS = ["population", "head_name", "phone", "email"]
PER_LANGUAGE_FIELDS = [
    f"{name}_{code}" for name in ("address", "hours") for code, _n in settings.LANGUAGES
]


class BodyCreateForm(WagtailAdminModelForm):
    """A new body: where it is, what it is, its address name, names and languages."""

    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple,
        help_text=_("Kyrgyz bodies: Kyrgyz and Russian. Kazakh bodies: Kazakh and Russian."),
    )  # fmt: skip
    default_language = forms.ChoiceField(label=_("default language"), choices=settings.LANGUAGES)

    class Meta:
        model = Body
        fields = ["territory", "kind", "country", "slug", "hostname", *NAME_FIELDS, "languages",
                  "default_language", *CONTACT_FIELDS]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.filter(valid_until__isnull=True)

    def clean_languages(self) -> str:
        return ",".join(self.cleaned_data["languages"])


class BodyEditForm(WagtailAdminModelForm):
    """A platform admin's edit of a body. The address name and languages stay as created:
    they shape the body's site (its pages exist in each language)."""

    class Meta:
        model = Body
        fields = ["territory", "kind", "hostname", *NAME_FIELDS, *CONTACT_FIELDS,
                  *PER_LANGUAGE_FIELDS, "is_active"]  # fmt: skip


class BodyFilterSet(WagtailFilterSet):
    territory = django_filters.ModelChoiceFilter(
        label=_("territory"), method="in_territory",
        queryset=Territory.objects.exclude(level=Territory.Level.AYIL_AYMAK),
    )  # fmt: skip

    class Meta:
        model = Body
        fields = ["country", "kind", "territory", "is_active"]

    def in_territory(self, queryset, name, value):
        """Bodies in the unit or in any unit below it (oblast → rayon → ayil aymak)."""
        return queryset.filter(
            Q(territory=value) | Q(territory__parent=value) | Q(territory__parent__parent=value)
        )


class TerritoryForm(WagtailAdminModelForm):
    class Meta:
        model = Territory
        fields = ["parent", "level", "code", *NAME_FIELDS, "valid_until", "successor"]


def profile_form_class(body: Body) -> type[forms.ModelForm]:
    """The "Our body" form: contacts, head, population, and address/hours in its languages."""
    return modelform_factory(Body, fields=profile_fields(body))


class AddStaffForm(forms.Form):
    username = forms.CharField(
        label=_("user name"), max_length=150,
        help_text=_("What the person types to sign in: Latin letters, digits and . _ -"),
    )  # fmt: skip
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"))
    role = forms.ChoiceField(
        label=_("role"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR,
        help_text=_("Editors publish pages and files. Administrators also manage the staff."),
    )  # fmt: skip
    password = forms.CharField(
        label=_("initial password"), required=False, strip=False, widget=forms.PasswordInput,
        help_text=_("Leave empty to send an invitation by e-mail: the person chooses a password."),
    )  # fmt: skip

    def clean_username(self) -> str:
        user_model = get_user_model()
        username = user_model.normalize_username(self.cleaned_data["username"])
        for validator in user_model._meta.get_field("username").validators:
            validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken. Choose another one."))
        return username

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            user = get_user_model()(
                username=data.get("username", ""), email=data.get("email", ""),
                first_name=data.get("first_name", ""), last_name=data.get("last_name", ""),
            )  # fmt: skip
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Membership.Role.choices)
