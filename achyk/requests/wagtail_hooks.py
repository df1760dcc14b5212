from wagtail import hooks

from .viewsets import LawViewSet, RequestViewSet


@hooks.register("register_admin_viewset")
def register_inbox():
    return [RequestViewSet(), LawViewSet()]
