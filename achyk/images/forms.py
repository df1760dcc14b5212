"""The admin's image form: Wagtail's, with the file checked by its content.

Named in settings as WAGTAILIMAGES_IMAGE_FORM_BASE, so the single and the multiple upload
views of the admin both use it.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from achyk.ui.uploads import TOO_BIG, TOO_BIG_UNKNOWN_SIZE, check_image


class ImageFileField(WagtailImageField):
    """Runs our checks (format by content, pixels, polyglots, size) before Wagtail's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["file_too_large"] = TOO_BIG
        self.error_messages["file_too_large_unknown_size"] = TOO_BIG_UNKNOWN_SIZE % {
            "max_filesize": self.max_upload_size_text
        }

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            check_image(data)
        return super().to_python(data)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            old = self.fields["file"]
            self.fields["file"] = ImageFileField(
                label=old.label, required=old.required, widget=old.widget, help_text=old.help_text
            )
