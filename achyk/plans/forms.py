"""Forms of the public site for members of the monitoring group: an assessment of an action
(with a photo), and a new monitoring report. Every choice is limited to the body's own
published plans."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from achyk.ui import staging
from achyk.ui.uploads import check_image

from .models import Plan, Status
from .monitoring import MonitoringReport
from .services import PHOTO_ALT_MISSING

#: Where a checked photo waits while the rest of its form is corrected (`ui.staging`).
PHOTO_STAGING = "plans-photo-staging"
PHOTO_TYPES = "image/jpeg,image/png,image/gif,image/webp"


class AssessmentForm(forms.Form):
    """A member's assessment of an action, with a photo if they have one. A photo refused by
    the upload checks is answered with their message and the rest of the form kept; a photo
    that passed waits (`keep_photo`) while another field is corrected, so nothing is lost."""

    status = forms.ChoiceField(label=_("Status as the group saw it"), choices=Status.choices)
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1 (poor) to 5 (very good)."),
    )  # fmt: skip
    comment = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea)
    evidence_url = forms.URLField(
        label=_("Evidence (a link to a photo or document)"), max_length=500, required=False,
        assume_scheme="https",
    )  # fmt: skip
    photo = forms.FileField(
        label=_("Photo of what you saw"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES}),
    )  # fmt: skip
    photo_alt = forms.CharField(
        label=_("What the photo shows"), max_length=300, required=False,
        help_text=_("For readers who cannot see it, e.g. “The new water pipe on Manas street”."),
    )  # fmt: skip
    photo_kept = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    report = forms.ModelChoiceField(
        MonitoringReport.objects.none(), label=_("Part of the draft report"), required=False
    )

    def __init__(self, *args, plan: Plan, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = MonitoringReport.objects.filter(
            body_id=member.body_id, plan=plan, published_at__isnull=True
        )
        self.owner = {"member": member.pk, "body": member.body_id}
        self.kept = None
        self.fields["photo"].help_text = _(
            "JPEG, PNG, GIF or WebP, up to %(size)s. Readers see a smaller copy; the place "
            "where it was taken is not kept."
        ) % {"size": filesizeformat(settings.ACHYK_MAX_UPLOAD_BYTES)}

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            check_image(upload)
        return upload or None

    def clean(self):
        data = super().clean()
        kept_id = data.get("photo_kept")
        if kept_id and not data.get("photo") and "photo" not in self.errors:
            try:
                self.kept = staging.find(PHOTO_STAGING, kept_id, owner=self.owner)
            except staging.StagedNotFound:
                self.add_error(
                    "photo", _("The photo you chose is no longer kept; choose it again.")
                )
        has_photo = data.get("photo") or self.kept is not None
        if has_photo and not (data.get("photo_alt") or "").strip():
            self.add_error("photo_alt", PHOTO_ALT_MISSING)
        return data

    def chosen_photo(self):
        """The photo to save: the one just uploaded, or the one kept from an earlier try."""
        upload = self.cleaned_data.get("photo")
        if upload:
            return upload
        if self.kept is not None:
            return File(self.kept.open(self.kept.files[0]), name=self.kept.files[0])
        return None

    @property
    def kept_name(self) -> str:
        return self.kept.files[0] if self.kept is not None else ""

    def keep_photo(self) -> None:
        """After a refusal for another field: a photo that passed its checks waits, and the
        form says so, so the member does not choose it again."""
        upload = (getattr(self, "cleaned_data", None) or {}).get("photo")
        if not upload or "photo" in self.errors:
            return
        self.kept = staging.stage(
            PHOTO_STAGING, owner=self.owner, files={_file_name(upload.name): upload}
        )
        self.data = self.data.copy()
        self.data[self.add_prefix("photo_kept")] = self.kept.id

    def discard_kept(self) -> None:
        if self.kept is not None:
            staging.discard(self.kept)


def _file_name(name: str) -> str:
    """The member's file name, as shown back to them (no folders, at most 100 characters)."""
    return PurePath(name or "photo").name[-100:] or "photo"


class ReportForm(forms.Form):
    plan = forms.ModelChoiceField(Plan.objects.none(), label=_("Plan"))
    period = forms.CharField(label=_("Period"), max_length=40,
                             help_text=_("E.g. 2025 or 2025, first half."))  # fmt: skip
    checked = forms.CharField(label=_("What the group checked"), max_length=10000,
                              widget=forms.Textarea)  # fmt: skip
    findings = forms.CharField(label=_("Findings"), max_length=20000, widget=forms.Textarea)
    recommendations = forms.CharField(
        label=_("Recommendations"), max_length=20000, widget=forms.Textarea, required=False,
        help_text=_("One recommendation a line; the body answers each."),
    )  # fmt: skip

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(pk__in=[plan.pk for plan in plans])


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("Why the answer is not enough"), max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
