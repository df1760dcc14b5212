"""The "Translate" screen of a body's page offers only the body's own languages.

Wagtail's form offers every locale of the platform, and every one for a body's home (its
parent is the tree's root), so a Kyrgyz-Russian body could make an English or Kazakh copy
its site never shows. This view stands before Wagtail's at the same address
(`wagtail_hooks.py`): the locales a body does not publish in are neither shown nor accepted;
a post naming one gets the form's "Select a valid choice" error, not a copy.
"""

from wagtail.contrib.simple_translation.forms import SubmitTranslationForm
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView

from achyk.bodies.tenancy import body_for_page


class BodyPageTranslationView(SubmitPageTranslationView):
    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        form = SubmitTranslationForm(self.object, data)
        body = body_for_page(self.object)
        if body is not None:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(language_code__in=body.language_list)
        return form
