from wagtail import hooks

from .viewsets import DayViewSet


@hooks.register("register_admin_viewset")
def register_calendar():
    return DayViewSet()
