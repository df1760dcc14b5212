"""Wagtail's admin without inline scripts, so its Content-Security-Policy forbids them.

Wagtail 7.4 starts some widgets with an inline `<script>` next to their HTML: the date, time
and date-time pickers, inline panels and multiple chooser panels (templates), and every
chooser of a form field (`BaseChooser.render` writes `<script>new PageChooser(...)</script>`).
Here each of them writes an inert carrier instead,

    <template data-achyk-init="date" data-achyk-id="id_deadline" data-achyk-options="{...}">

and one static script, `ui/admin-init.js` (on every admin page, `wagtail_hooks.py`), runs the
call the carrier names, once, as soon as the carrier enters the page: while the page is read
(where the inline script ran), in a chooser's modal or a bulk upload's form (HTML that
Wagtail's scripts insert), and in the row an inline panel adds. The script knows a fixed list
of calls (`CALLS` there) and builds only Wagtail's chooser classes, so a carrier can start a
date picker or a chooser and nothing else.

The templates are overridden in `templates/wagtailadmin/` (the panels extend Wagtail's own and
replace only their `js_init` block). The choosers' script is written by Python, not by a
template, and every Wagtail form (copy, move, sites, redirects, groups) builds its own
chooser, so `install()` replaces `BaseChooser.render` by `render_chooser`: the one place where
the project changes a Wagtail class rather than extending it (docs/adr/0006-admin-scripts.md).
The staff walk's test fails on any inline script left on any admin page or modal.
"""

import json

from django.utils.html import format_html
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

_wagtail_render = BaseChooser.render


def carrier(call: str, *, element_id: str = "", options=None, constructor: str = ""):
    """The inert element that asks `ui/admin-init.js` for `call` on the element `element_id`."""
    return format_html(
        '<template data-achyk-init="{}" data-achyk-id="{}" data-achyk-options="{}"'
        ' data-achyk-constructor="{}"></template>',
        call,
        element_id,
        json.dumps(options or {}),
        constructor,
    )


def render_chooser(self, name, value, attrs=None, renderer=None):
    """`BaseChooser.render`, with a carrier where Wagtail writes an inline script."""
    init = type(self).render_js_init
    if init is AdminTaskChooser.render_js_init:
        call = {"call": "task-chooser"}
    elif init is BaseChooser.render_js_init:
        call = {"call": "chooser", "constructor": self.js_constructor}
    else:  # a chooser with a script of its own: Wagtail's inline script, which the walk finds
        return _wagtail_render(self, name, value, attrs=attrs, renderer=renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    html = self.render_html(name, value_data, attrs)
    if call["call"] == "chooser":
        call["options"] = self.get_js_init_options(id_, name, value_data)
    return format_html("{}{}", html, carrier(element_id=id_, **call))


def install() -> None:
    """Makes every Wagtail chooser widget write a carrier instead of an inline script."""
    BaseChooser.render = render_chooser
