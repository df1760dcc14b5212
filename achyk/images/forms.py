"""The admin's image form: Wagtail's, with the file checked by its content.

Named in settings as WAGTAILIMAGES_IMAGE_FORM_BASE, so the single and the multiple upload
views of the admin both use it.
"""

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from achyk.ui.uploads import ContentCheckedFileMixin, check_image, use_checked_file_field


class ImageFileField(ContentCheckedFileMixin, WagtailImageField):
    """Runs our checks (format by content, pixels, polyglots, size) before Wagtail's own."""

    check = staticmethod(check_image)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_checked_file_field(self, ImageFileField)
