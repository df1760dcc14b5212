"""`{% cached_sidebar_props %}`: Wagtail's sidebar, kept per user (`achyk.bodies.sidebar`)."""

from django import template

from .. import sidebar

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_sidebar_props(context):
    return sidebar.sidebar_props(context)
