"""Forms of the budget import: the file, then which column holds each field."""

import datetime
from pathlib import PurePath

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from achyk.bodies.kit import BodyChoiceMixin
from achyk.ui.uploads import check_document

from ..models import StageName
from .judging import FIELDS

EXTENSIONS = ("csv", "xlsx")


class UploadForm(BodyChoiceMixin, forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=StageName.choices)
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy(
            "One row per budget line: economic code, amount and, if you have them, functional "
            "code, quarter (for execution), description, kind and source of funds."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = datetime.date.today().year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        if extension not in EXTENSIONS:
            raise forms.ValidationError(
                _("Upload the budget as CSV or XLSX; this file is .%(extension)s.")
                % {"extension": extension or "?"}
            )
        check_document(upload)
        upload.seek(0)
        return upload


class MappingForm(forms.Form):
    """Which column of the file holds each field; prefilled from the headers."""

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", gettext_lazy("— not in the file —"))] + [
            (str(index), f"{_letter(index)}: {header or '…'}")
            for index, header in enumerate(headers)
        ]
        for name, (label, _words) in FIELDS.items():
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self) -> dict[str, int | None]:
        data = self.cleaned_data if self.is_bound else self.initial
        return {
            name: int(data[name]) if data.get(name) not in (None, "") else None for name in FIELDS
        }


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
