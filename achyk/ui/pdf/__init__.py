"""What every printable PDF of the platform shares (the Citizens' Budget, the staff guide):
the fonts, which travel with the code (`fonts/`: DejaVu Sans, with Cyrillic and the Kyrgyz and
Kazakh letters ң ө ү ә ғ қ ұ һ і; licence in fonts/LICENSE.txt), so a machine without the font
package prints the same."""

from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Streams (pictures, fonts) written as compressed bytes, not in ASCII85 text (reportlab's
# default, for 7-bit mail of the 1990s): the staff guide is a fifth smaller (3.0 to 2.4 MB)
# and laid out in two thirds of the time. Every PDF reader reads binary streams.
rl_config.useA85 = 0

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "AchykSans", "AchykSans-Bold"


@cache
def register_fonts() -> None:
    """Makes `REGULAR` and `BOLD` known to reportlab (once per process)."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
