"""The printable Citizens' Budget: one or two A4 pages, made with reportlab.

The fonts are the platform's (`achyk.ui.pdf`: DejaVu Sans, with the Kyrgyz and Kazakh
letters, in the repository). The document is laid out at a comfortable size first; when it
does not fit two pages the type gets smaller, and as a last resort the longest text blocks
are shortened with a pointer to the full text on the site.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from achyk.ui.pdf import BOLD, REGULAR, register_fonts

MAX_PAGES = 2
#: Body text sizes tried in turn, then the same smallest size with shortened blocks.
SIZES = (10, 9, 8.5, 8, 7.5)
SHORTENED = (900, 600, 400, 250)


def render(view) -> bytes:
    """The PDF of a Citizens' Budget `view` (`page.CitizensView`), at most two pages."""
    register_fonts()
    pdf, pages = b"", 0
    for size in SIZES:
        pdf, pages = _build(view, size=size, limit=None)
        if pages <= MAX_PAGES:
            return pdf
    for limit in SHORTENED:
        pdf, pages = _build(view, size=SIZES[-1], limit=limit)
        if pages <= MAX_PAGES:
            return pdf
    return pdf


def _build(view, *, size: float, limit: int | None) -> tuple[bytes, int]:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
        bottomMargin=14 * mm, title=view.title, author=view.body_name, lang=view.language,
    )  # fmt: skip
    styles = _styles(size)
    story = _header(view, styles)
    for section in view.sections:
        story += _section(section, styles, limit=limit, more_url=view.url)
    story.append(Spacer(1, size * 0.6))
    story.append(Paragraph(escape(view.footer), styles["small"]))
    doc.build(story)
    return buffer.getvalue(), doc.page


def _styles(size: float) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=size, leading=size * 1.3)
    return {
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=size * 1.8,
                                leading=size * 2.2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=size * 1.15, leading=size * 1.5,
                                   textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=size * 1.25,
                             leading=size * 1.6, spaceBefore=size * 0.7, spaceAfter=size * 0.2,
                             textColor=colors.HexColor("#0b3d6b")),
        "body": ParagraphStyle("body", base, spaceAfter=size * 0.3),
        "cell": ParagraphStyle("cell", base, fontSize=size * 0.95, leading=size * 1.2),
        "cell_right": ParagraphStyle("cell_right", base, fontSize=size * 0.95,
                                     leading=size * 1.2, alignment=2),
        "small": ParagraphStyle("small", base, fontSize=size * 0.8, leading=size * 1.05,
                                textColor=colors.HexColor("#444444")),
    }  # fmt: skip


def _header(view, styles) -> list:
    return [
        Paragraph(escape(view.title), styles["title"]),
        Paragraph(escape(f"{view.body_name} · {view.subtitle}"), styles["subtitle"]),
    ]


def _section(section, styles, *, limit: int | None, more_url: str) -> list:
    flowables = [Paragraph(escape(section.title), styles["h2"])]
    for paragraph in _shorten(section.paragraphs, limit, more_url):
        flowables.append(Paragraph(escape(paragraph), styles["body"]))
    if section.rows:
        flowables.append(_table(section.rows, styles))
    return [KeepTogether(flowables[:2]), *flowables[2:]]


def _shorten(paragraphs: list[str], limit: int | None, more_url: str) -> list[str]:
    if limit is None or sum(len(p) for p in paragraphs) <= limit:
        return paragraphs
    kept, used = [], 0
    for paragraph in paragraphs:
        room = limit - used
        if room <= 0:
            break
        kept.append(paragraph if len(paragraph) <= room else paragraph[:room].rstrip() + "…")
        used += len(paragraph)
    kept.append(_("The full text is on the site: %(url)s") % {"url": more_url})
    return kept


def _table(rows, styles) -> Table:
    data = [
        [Paragraph(escape(label), styles["cell"]), Paragraph(escape(value), styles["cell_right"])]
        for label, value in rows
    ]
    table = Table(data, colWidths=[120 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table
