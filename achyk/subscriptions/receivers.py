"""Immediate letters follow publication: a news item or announcement published, an act
saved or a budget stage published queues a run of the immediate letters after commit (at
most one pending run at a time)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from achyk.budget.models import Stage
from achyk.content.models import AnnouncementPage, NewsPage
from achyk.documents.models import Act

PENDING = "subscriptions:immediate-pending"


def wake() -> None:
    """Queue one run of the immediate letters once the transaction commits."""
    from .tasks import send_letters

    def enqueue():
        backend = send_letters.get_backend()
        if not backend.supports_defer:
            send_letters.enqueue(frequency="immediate")
        elif cache.add(PENDING, True, 30):
            import datetime

            from django.utils import timezone

            later = timezone.now() + datetime.timedelta(seconds=30)
            send_letters.using(run_after=later).enqueue(frequency="immediate")

    transaction.on_commit(enqueue)


@receiver(page_published, dispatch_uid="subscriptions_page_published")
def _page_published(sender, instance, **kwargs):
    if isinstance(instance, NewsPage | AnnouncementPage):
        wake()


@receiver(post_save, sender=Act, dispatch_uid="subscriptions_act_saved")
@receiver(post_save, sender=Stage, dispatch_uid="subscriptions_stage_saved")
def _saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        wake()
