"""What every printable PDF of the platform shares (the Citizens' Budget, the staff guide):
the fonts, which travel with the code (`fonts/`: DejaVu Sans, with Cyrillic and the Kyrgyz and
Kazakh letters ң ө ү ә ғ қ ұ һ і; licence in fonts/LICENSE.txt), so a machine without the font
package prints the same."""

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "AchykSans", "AchykSans-Bold"


@cache
def register_fonts() -> None:
    """Makes `REGULAR` and `BOLD` known to reportlab (once per process)."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
