from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """`mapping[key]`, or "" (templates cannot index a dict by a variable)."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
