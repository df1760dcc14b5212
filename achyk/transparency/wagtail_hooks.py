"""The transparency monitor in Wagtail's admin."""

from wagtail import hooks

from . import staff_hooks  # noqa: F401 (the staff's to-do, flags and JMEG places)


@hooks.register("register_admin_viewset")
def register_register_viewsets():
    from .viewsets import TransparencyGroup

    return TransparencyGroup()
