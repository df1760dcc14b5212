"""The monitoring group's photos: checked like every upload (`ui.uploads.check_image`), then
written again as two JPEGs, the one readers open (at most 1280 px) and the one the pages show
(at most 480 px, tens of kilobytes: light on a 2G phone). Nothing of the uploaded file is kept
but its pixels: no camera metadata (the place a photo was taken), no bytes after the image."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from PIL import Image, ImageOps

from achyk.ui.uploads import check_image

LARGE = 1280
SMALL = 480


def renditions(upload) -> tuple[ContentFile, ContentFile]:
    """The large and the small copy of `upload` (an uploaded or staged file), checked first:
    a file that is not an image we accept raises the upload checks' translated error."""
    check_image(upload)
    upload.seek(0)
    with Image.open(upload) as image:
        image.draft("RGB", (LARGE, LARGE))  # a JPEG is decoded at the size we keep
        picture = _flat(ImageOps.exif_transpose(image))
    return _jpeg(picture, LARGE, 82), _jpeg(picture, SMALL, 70)


def _flat(image: Image.Image) -> Image.Image:
    """RGB pixels of the first frame, a transparent background made white."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _jpeg(image: Image.Image, side: int, quality: int) -> ContentFile:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def forget_files(sender, instance, **kwargs) -> None:
    """A deleted photo (its assessment, action or plan deleted) leaves no file behind, once
    the deletion is committed."""
    names = [field.name for field in (instance.image, instance.small) if field]
    storage = instance.image.storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def connect() -> None:
    from .monitoring import EvidencePhoto

    post_delete.connect(forget_files, sender=EvidencePhoto, dispatch_uid="achyk.plans.photos")
