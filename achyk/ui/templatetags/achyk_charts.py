"""`{% chart spec %}`: a chart as SVG with a table of its data; `|number`: a number for readers."""

from django import template

from achyk.ui import charts

register = template.Library()


@register.simple_tag
def chart(spec: charts.Chart):
    """The figure of a `charts.Chart` (built in the view): SVG image, caption, data table."""
    return charts.render(spec)


@register.filter
def number(value, decimals=0):
    """`{{ value|number:1 }}`: a Decimal/int/float as the active language writes it."""
    return charts.format_number(value, int(decimals))


@register.filter
def percent(value, decimals=0):
    """`{{ share|percent }}`: a number with a percent sign, written for the active language."""
    return charts.format_number(value, int(decimals), "%")
