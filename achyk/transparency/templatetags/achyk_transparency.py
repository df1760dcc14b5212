"""`{{ body|transparency_url }}`: a body's transparency page in the reader's language."""

from django import template
from django.utils import translation

from achyk.transparency.signin import body_page_url

register = template.Library()


@register.filter
def transparency_url(body) -> str:
    return body_page_url(body, translation.get_language())
