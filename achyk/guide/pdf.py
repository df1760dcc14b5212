"""The printable guide: every chapter with its steps and their screenshots, in one language,
on A4 pages made with reportlab (as the Citizens' Budget is), with the platform's fonts.

The screenshots are the ones the chapters show (`make guide`), taken in the same language; a
step whose screenshot is missing is printed without it. Each chapter starts on a new page; the
first page lists the chapters.
"""

from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate

from achyk.ui.pdf import BOLD, REGULAR, register_fonts

from .chapters import CHAPTERS, Chapter, shot_name

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
#: The screenshots' proportions (`make guide` takes them at 1024 × 640).
SHOT_RATIO = 640 / 1024
SIZE = 10


@cache
def printed(language: str) -> bytes:
    """`render(language)`, made once per process: the guide changes only with the code and
    its screenshots, and a PDF of every chapter takes seconds to lay out."""
    return render(language)


def render(language: str) -> bytes:
    """The guide in `language` ("ky" or "ru") as a PDF."""
    register_fonts()
    with translation.override(language):
        buffer = BytesIO()
        title = _("Guide")
        doc = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
            bottomMargin=16 * mm, title=title, lang=language,
        )  # fmt: skip
        styles = _styles()
        story = _contents(title, styles)
        for chapter in CHAPTERS:
            story += [PageBreak(), *_chapter(chapter, language, styles)]
        footer = _("Achyk · the staff guide · page %(page)s")
        doc.build(story, onFirstPage=_footer(footer), onLaterPages=_footer(footer))
        return buffer.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=SIZE, leading=SIZE * 1.35)
    return {
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=SIZE * 2.2,
                                leading=SIZE * 2.7, spaceAfter=SIZE),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=SIZE * 1.6, leading=SIZE * 2,
                             spaceAfter=SIZE * 0.6, textColor=colors.HexColor("#0b3d6b")),
        "intro": ParagraphStyle("intro", base, spaceAfter=SIZE * 0.8),
        "step": ParagraphStyle("step", base, spaceBefore=SIZE * 0.6, spaceAfter=SIZE * 0.4),
        "item": ParagraphStyle("item", base, leftIndent=SIZE, spaceAfter=SIZE * 0.4),
    }  # fmt: skip


def _contents(title: str, styles) -> list:
    story = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(_("How to do the work of each part of the panel, step by step.")),
                  styles["intro"]),
    ]  # fmt: skip
    for number, chapter in enumerate(CHAPTERS, start=1):
        story.append(Paragraph(escape(f"{number}. {chapter.title}"), styles["item"]))
    return story


def _chapter(chapter: Chapter, language: str, styles) -> list:
    story = [
        Paragraph(escape(str(chapter.title)), styles["h1"]),
        Paragraph(escape(str(chapter.intro)), styles["intro"]),
    ]
    for number, step in enumerate(chapter.steps, start=1):
        flowables = [Paragraph(escape(f"{number}. {step.text}"), styles["step"])]
        found = finders.find(shot_name(chapter, number, language))
        if found:
            flowables.append(_shot(found))
        story.append(KeepTogether(flowables))
    return story


def _shot(path: str) -> Image:
    image = Image(path, width=WIDTH, height=WIDTH * SHOT_RATIO)
    image.hAlign = "LEFT"
    return image


def _footer(text: str):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(REGULAR, SIZE * 0.8)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(MARGIN, 9 * mm, text % {"page": doc.page})
        canvas.restoreState()

    return draw
