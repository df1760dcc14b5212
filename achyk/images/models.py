"""Images of bodies: Wagtail's image model, owned by a body through its collection."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage
from wagtail.images.models import ImageQuerySet as WagtailImageQuerySet

from achyk.bodies.models import Body
from achyk.bodies.tenancy import BodyOwnedQuerySet


class ImageQuerySet(BodyOwnedQuerySet, WagtailImageQuerySet):
    pass


class Image(AbstractImage):
    """An image (сүрөт / изображение) uploaded by a body's staff."""

    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="images",
        editable=False, verbose_name=_("body"),
    )  # fmt: skip
    # Our own reverse names, beside the unused concrete model Wagtail also installs.
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="uploaded_images",
    )
    uploaded_by_user.wagtail_reference_index_ignore = True
    tags = TaggableManager(
        help_text=None, blank=True, verbose_name=_("tags"), related_name="body_images"
    )
    admin_form_fields = WagtailImage.admin_form_fields

    objects = ImageQuerySet.as_manager()

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def save(self, *args, **kwargs):
        # The owner follows the collection, which is the body's (the seal refuses others).
        self.body = Body.objects.filter(collection_id=self.collection_id).first()
        super().save(*args, **kwargs)


class Rendition(AbstractRendition):
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
