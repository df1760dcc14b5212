"""The tenant seal: which body owns an object, and what a user may reach.

One mechanism, not a habit: body-owned querysets filter with `for_user`; the access
functions answer another body's object like a missing one (404).
"""

from django.db import models
from django.http import Http404
from wagtail.models import Page

from .models import Body, body_of, is_supervisor


def sees_all_bodies(user) -> bool:
    return user.is_active and (user.is_superuser or is_supervisor(user))


class BodyOwnedQuerySet(models.QuerySet):
    """For models with `body = ForeignKey(Body)`."""

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if sees_all_bodies(user):
            return self.all()
        body = body_of(user)
        return self.filter(body=body) if body else self.none()


def body_for_page(page: Page) -> Body | None:
    """The body whose site holds `page` (through the home page at depth 2), or None."""
    if page.depth < 2:
        return None
    home_path = page.path[: Page.steplen * 2]
    return (
        Body.objects.filter(
            site__root_page__translation_key__in=Page.objects.filter(path=home_path).values(
                "translation_key"
            )
        ).first()
    )


def user_may_reach_body(user, body: Body | None) -> bool:
    if sees_all_bodies(user):
        return True
    own = body_of(user)
    return own is not None and body is not None and own.pk == body.pk


def page_for(user, page_id) -> Page:
    """The page `page_id` if `user` may reach it; another body's page is answered with 404."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not user_may_reach_page(user, page):
        raise Http404
    return page


def user_may_reach_page(user, page: Page) -> bool:
    if sees_all_bodies(user):
        return True
    if page.depth <= 1:
        return True  # the tree's root: Wagtail shows it to everyone with admin access
    return user_may_reach_body(user, body_for_page(page))
