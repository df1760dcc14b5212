"""The page editor's form of a body's pages (`BasePage.base_form_class`, sealed at start-up
like every page form): Wagtail's, except that a new page never fails on its address.

The address (slug) is made from the title while the clerk types it. A page begun and left
(autosave keeps a draft of it) holds that address, so starting the same page again ended in
"The slug ... is already in use", on the Promote tab the clerk never opens. A new page whose
address is taken under its parent gets the next free one (`<slug>-2`, `-3`, ...) instead; an
existing page keeps Wagtail's error, since changing its address is the editor's own choice.

The editor's script fills the address from the title a moment after the title field is left;
a Publish pressed at once (title typed, then straight to the button) sent no address, and the
page was refused for a field of the Promote tab. A new page without an address gets one made
from its title, as Wagtail's model makes it for pages created in code; only a title that makes
no address (punctuation alone) leaves the field to be filled in (on publishing; a draft is
kept without one, as Wagtail keeps it).
"""

from django.conf import settings
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

#: Beyond this many taken addresses the form answers Wagtail's error rather than counting on.
MAX_SUFFIX = 100


def free_slug(parent_page, slug: str, *, page=None) -> str:
    """`slug` if no sibling under `parent_page` has it, else the first free `slug-<n>`."""
    if Page._slug_is_available(slug, parent_page, page):
        return slug
    taken = set(
        parent_page.get_children().filter(slug__startswith=slug).values_list("slug", flat=True)
    )
    for n in range(2, MAX_SUFFIX):
        candidate = f"{slug}-{n}"
        if candidate not in taken and len(candidate) <= Page._meta.get_field("slug").max_length:
            return candidate
    return slug


class BodyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        if self.instance.pk is None and "slug" in self.fields and not self.cleaned_data.get("slug"):
            self.cleaned_data["slug"] = self._slug_from_title()
        slug = self.cleaned_data.get("slug")
        if slug and self.instance.pk is None and self.parent_page is not None:
            self.cleaned_data["slug"] = free_slug(self.parent_page, slug, page=self.instance)
        return super().clean()

    def _slug_from_title(self) -> str:
        allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        slug = slugify(self.cleaned_data.get("title") or "", allow_unicode=allow_unicode)
        if not slug and not self.is_deferred_validation and "slug" not in self.errors:
            self.add_error("slug", self.fields["slug"].error_messages["required"])
        return slug
