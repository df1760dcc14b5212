"""`{{ amount|money:currency }}`: an amount with the currency's name in the reader's language."""

from django import template

from achyk.budget import formatting

register = template.Library()


@register.filter
def money(value, currency="KGS"):
    return formatting.money(value, currency)
