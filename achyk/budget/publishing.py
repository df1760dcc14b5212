"""What the budget's records for readers share: the Citizens' Budget and hearings are shown
once their staff publish them, carry the moment they first were, and read in their body's
languages. Each model declares its own `is_published` and `published_at` fields (their labels
and help differ); this module gives the behaviour once."""

from django.utils import timezone

from achyk.bodies.tenancy import BodyOwnedQuerySet


class PublishedQuerySet(BodyOwnedQuerySet):
    def published(self):
        """What readers see: published, of a body still on the platform."""
        return self.filter(is_published=True, body__is_active=True)


class PublishedRecordMixin:
    """`published_at` is stamped on the first save that publishes, and never moved after."""

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)
