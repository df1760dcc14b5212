"""Reads of the common site template that the admin needs."""

from collections import Counter

from django.db.models import Count
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from achyk.bodies.models import Body

from .models import BodyHomePage, FeedbackFormPage


def appeal_counts(user) -> list[tuple[Body, int]]:
    """[(body, appeals)] for every body `user` reads, by name: how many appeals each body's
    online reception received, in all its languages; never what they say. Three queries
    whatever the number of bodies."""
    homes = dict(BodyHomePage.objects.values_list("path", "body_id"))
    body_of_form = {
        pk: homes.get(path[: -Page.steplen])
        for pk, path in FeedbackFormPage.objects.values_list("pk", "path")
    }
    rows = (
        FormSubmission.objects.filter(page_id__in=list(body_of_form))
        .values("page_id")
        .annotate(appeals=Count("pk"))
    )
    per_body = Counter()
    for row in rows:
        per_body[body_of_form[row["page_id"]]] += row["appeals"]
    bodies = sorted(Body.objects.for_user(user), key=lambda body: body.name)
    return [(body, per_body[body.pk]) for body in bodies]
