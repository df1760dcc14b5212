from wagtail import hooks

from .viewsets import BouncedViewSet


@hooks.register("register_admin_viewset")
def register_bounces():
    return BouncedViewSet()
