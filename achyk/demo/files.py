"""Files for the demo: landscape-like pictures drawn with Pillow and a small text PDF."""

import io
import random

from PIL import Image, ImageDraw

#: (sky top, sky bottom, far ridge, near ridge, ground) colour schemes: day, dusk, autumn.
PALETTES = [
    ((70, 130, 200), (190, 220, 245), (120, 140, 170), (80, 110, 90), (120, 150, 70)),
    ((40, 40, 90), (240, 150, 90), (90, 70, 110), (60, 50, 70), (80, 70, 60)),
    ((120, 170, 220), (230, 235, 240), (150, 150, 160), (150, 110, 60), (190, 150, 70)),
]


def _blend(top, bottom, t: float):
    return tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))


def _ridge(rng: random.Random, width: int, base: int, amplitude: int) -> list[tuple[int, int]]:
    points, x, y = [(0, base)], 0, base
    while x < width:
        x += rng.randint(width // 14, width // 7)
        y += rng.randint(-amplitude, amplitude)
        y = max(base - amplitude, min(base + amplitude // 3, y))
        points.append((min(x, width), y))
    return points


def landscape_jpeg(*, seed: str, variant: int, size=(960, 600)) -> bytes:
    """A JPEG of a sky gradient over two mountain ridges and a field; `seed` makes it unique."""
    rng = random.Random(f"{seed}-{variant}")  # noqa: S311 (pictures, not secrets)
    width, height = size
    sky_top, sky_bottom, far, near, ground = PALETTES[variant % len(PALETTES)]
    picture = Image.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_blend(sky_top, sky_bottom, y / height))
    ridges = ((far, height // 2, height // 5), (near, height * 2 // 3, height // 8))
    for colour, base, amplitude in ridges:
        outline = _ridge(rng, width, base, amplitude)
        draw.polygon(outline + [(width, height), (0, height)], fill=colour)
    draw.rectangle([(0, height * 5 // 6), (width, height)], fill=ground)
    sun = (rng.randint(width // 6, width * 5 // 6), rng.randint(height // 10, height // 3))
    draw.ellipse([(sun[0] - 28, sun[1] - 28), (sun[0] + 28, sun[1] + 28)], fill=(255, 236, 170))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def _pdf_text(value: str) -> str:
    safe = value.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF 1.4 with `lines` set in Helvetica, with a correct cross-reference table."""
    text = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    text += [f"({_pdf_text(line)}) Tj T*" for line in lines]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


#: (background, clothes, skin) of the demo portraits.
PORTRAIT_COLOURS = [
    ((214, 226, 238), (40, 60, 90), (222, 184, 150)),
    ((232, 222, 208), (110, 40, 50), (205, 165, 130)),
    ((220, 234, 222), (50, 70, 60), (230, 195, 160)),
]


def portrait_jpeg(*, seed: str, size=(240, 300)) -> bytes:
    """A JPEG of a head-and-shoulders silhouette, standing for a person's photo in the demo."""
    rng = random.Random(seed)  # noqa: S311 (pictures, not secrets)
    width, height = size
    background, clothes, skin = PORTRAIT_COLOURS[rng.randrange(len(PORTRAIT_COLOURS))]
    picture = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    centre = width // 2 + rng.randint(-8, 8)
    draw.ellipse([(centre - 95, height * 2 // 3), (centre + 95, height + 120)], fill=clothes)
    draw.rectangle([(centre - 18, height // 2), (centre + 18, height * 2 // 3 + 10)], fill=skin)
    draw.ellipse([(centre - 50, height // 5), (centre + 50, height // 5 + 125)], fill=skin)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def emblem_png(*, seed: str, size=200) -> bytes:
    """A PNG of a round emblem: a ring, a mountain and a sun, standing for a body's own."""
    rng = random.Random(seed)  # noqa: S311 (pictures, not secrets)
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    ring = [(20, 90, 160), (150, 30, 40), (30, 110, 70)][rng.randrange(3)]
    draw.ellipse([(4, 4), (size - 4, size - 4)], fill=ring)
    draw.ellipse([(18, 18), (size - 18, size - 18)], fill=(250, 246, 232))
    draw.ellipse([(size // 2 - 22, 44), (size // 2 + 22, 88)], fill=(240, 180, 20))
    draw.polygon([(30, 150), (85, 80), (115, 120), (140, 95), (172, 150)], fill=ring)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
