"""The admin's document form: Wagtail's, with the file checked by its content.

Named in settings as WAGTAILDOCS_DOCUMENT_FORM_BASE, so the single and the multiple upload
views of the admin both use it.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm

from achyk.ui.uploads import TOO_BIG, TOO_BIG_UNKNOWN_SIZE, check_document


class DocumentFileField(WagtailDocumentField):
    """Runs our checks (type by content, active content, size) before Wagtail's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["file_too_large"] = TOO_BIG
        self.error_messages["file_too_large_unknown_size"] = TOO_BIG_UNKNOWN_SIZE % {
            "max_filesize": self.max_upload_size_text
        }

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            check_document(data)
        return super().to_python(data)


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            old = self.fields["file"]
            self.fields["file"] = DocumentFileField(
                label=old.label, required=old.required, widget=old.widget, help_text=old.help_text
            )
