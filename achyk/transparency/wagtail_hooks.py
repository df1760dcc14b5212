"""The transparency monitor in Wagtail's admin."""

from . import staff_hooks  # noqa: F401 (the staff's to-do, flags and JMEG places)
