"""Preferences of the visually-impaired version, kept in a cookie (no account, no JavaScript)."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "achyk_a11y"
COOKIE_MAX_AGE = 365 * 24 * 3600

SIZES = [("m", _("Normal")), ("l", _("Large")), ("xl", _("Very large"))]
CONTRASTS = [
    ("normal", _("Normal colours")),
    ("high", _("Black on white")),
    ("inverse", _("White on black")),
]
SPACINGS = [("normal", _("Normal")), ("wide", _("Wide"))]


class PreferencesForm(forms.Form):
    size = forms.ChoiceField(label=_("Text size"), choices=SIZES, widget=forms.RadioSelect)
    contrast = forms.ChoiceField(label=_("Colours"), choices=CONTRASTS, widget=forms.RadioSelect)
    spacing = forms.ChoiceField(label=_("Spacing"), choices=SPACINGS, widget=forms.RadioSelect)
    images = forms.BooleanField(label=_("Show images"), required=False)


@dataclass(frozen=True)
class Preferences:
    enabled: bool = False
    size: str = "m"
    contrast: str = "normal"
    spacing: str = "normal"
    images: bool = True

    @classmethod
    def from_request(cls, request) -> "Preferences":
        raw = request.COOKIES.get(COOKIE_NAME, "")
        parts = dict(item.split("=", 1) for item in raw.split(".") if "=" in item)
        if not raw:
            return cls()
        return cls(
            enabled=True,
            size=parts.get("s") if parts.get("s") in dict(SIZES) else "l",
            contrast=parts.get("c") if parts.get("c") in dict(CONTRASTS) else "high",
            spacing=parts.get("p") if parts.get("p") in dict(SPACINGS) else "wide",
            images=parts.get("i", "1") == "1",
        )

    @classmethod
    def from_form(cls, data: dict) -> "Preferences":
        return cls(True, data["size"], data["contrast"], data["spacing"], data["images"])

    def toggled(self) -> "Preferences":
        if self.enabled:
            return Preferences()
        return Preferences(True, "l", "high", "wide", True)

    def to_cookie(self) -> str:
        return f"s={self.size}.c={self.contrast}.p={self.spacing}.i={int(self.images)}"

    def as_initial(self) -> dict:
        base = self if self.enabled else self.toggled()
        return {"size": base.size, "contrast": base.contrast, "spacing": base.spacing,
                "images": base.images}  # fmt: skip

    @property
    def css_classes(self) -> str:
        if not self.enabled:
            return ""
        classes = ["a11y", f"a11y-size-{self.size}", f"a11y-contrast-{self.contrast}",
                   f"a11y-spacing-{self.spacing}"]  # fmt: skip
        if not self.images:
            classes.append("a11y-no-images")
        return " ".join(classes)
