"""The guide in the panel: its chapters, and a chapter's steps with their screenshots, in the
admin's language. Every signed-in user of the admin reads it."""

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from achyk.bodies.kit import TitledScreen

from . import pdf
from .chapters import BY_KEY, CHAPTERS, shot_name

#: The languages the guide's screenshots are taken in; another admin language shows the
#: Russian ones.
SHOT_LANGUAGES = ("ky", "ru")


def shot_language() -> str:
    language = (get_language() or "ru")[:2]
    return language if language in SHOT_LANGUAGES else "ru"


class GuideIndexView(TitledScreen, TemplateView):
    page_title = _("Guide")
    header_icon = "help"
    template_name = "guide/index.html"

    def get_context_data(self, **kwargs):
        printable = [
            {"language": code, "url": reverse("guide_pdf", args=[code]), "name": name}
            for code, name in ((code, get_language_info(code)["name_local"])
                               for code in SHOT_LANGUAGES)
        ]  # fmt: skip
        return super().get_context_data(chapters=CHAPTERS, printable=printable, **kwargs)


class ChapterView(TitledScreen, TemplateView):
    header_icon = "help"
    template_name = "guide/chapter.html"

    def dispatch(self, request, *args, chapter, **kwargs):
        self.chapter = BY_KEY.get(chapter)
        if self.chapter is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.chapter.title

    def get_context_data(self, **kwargs):
        language = shot_language()
        steps = []
        for number, step in enumerate(self.chapter.steps, start=1):
            shot = shot_name(self.chapter, number, language)
            steps.append({"text": step.text, "shot": shot if finders.find(shot) else None})
        return super().get_context_data(
            chapter=self.chapter, steps=steps, chapters=CHAPTERS, **kwargs
        )


def guide_pdf(request, language: str):
    """The whole guide in `language` (Kyrgyz or Russian) as a printable PDF, with the
    screenshots taken in that language."""
    if language not in SHOT_LANGUAGES:
        raise Http404
    response = HttpResponse(pdf.printed(language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="achyk-guide-{language}.pdf"'
    return response
