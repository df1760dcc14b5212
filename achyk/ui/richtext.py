"""Rich text that cannot carry scripts, however it reaches the database.

Wagtail's editor whitelists what an editor types, but text saved through the ORM (imports,
scripts, a data migration, `QuerySet.update`) or a revision written by code never meets the
editor. `SanitisedRichTextField` cleans its value with nh3 on the way in (every ORM write
calls `get_prep_value`: save, update, bulk_create, loaddata) and on the way out (`from_db_value`
for rows written by raw SQL or before this field existed, `to_python` for revisions shown in
previews). Sanitising in the template filter instead could be bypassed by any template, feed
or API that prints the value without it; the field is the one door every value passes.

The allowed markup is Wagtail's stored ("database") format for our editor features: links and
images are `<a linktype=.. id=..>` and `<embed embedtype="image" .../>`, expanded at render.
"""

import re

import nh3
from wagtail.fields import RichTextField

TAGS = {"p", "br", "h2", "h3", "h4", "b", "i", "strong", "em", "ol", "ul", "li", "hr",
        "blockquote", "a", "embed"}  # fmt: skip
ATTRIBUTES = {"a": {"href", "linktype", "id"}, "embed": {"embedtype", "id", "format", "alt"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# html5ever writes void elements as <embed ...>; Wagtail's rewriter looks for <embed .../>.
_EMBED = re.compile(r"<embed(\b[^>]*?)\s*/?>")


def sanitise_rich_text(html: str) -> str:
    """`html` in Wagtail's stored format, without scripts, event handlers or unsafe URLs."""
    if not html:
        return html
    cleaned = nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
        strip_comments=True,
    )  # fmt: skip
    return _EMBED.sub(r"<embed\1/>", cleaned)


class SanitisedRichTextField(RichTextField):
    """Wagtail's RichTextField whose value is always sanitised (see the module docstring)."""

    def get_prep_value(self, value):
        return super().get_prep_value(sanitise_rich_text(value) if value else value)

    def from_db_value(self, value, expression, connection):
        return sanitise_rich_text(value) if value else value

    def to_python(self, value):
        value = super().to_python(value)
        return sanitise_rich_text(value) if value else value

    def deconstruct(self):
        # Sanitising is no schema change: migrations keep naming Wagtail's field.
        name, _path, args, kwargs = super().deconstruct()
        return name, "wagtail.fields.RichTextField", args, kwargs
