"""The one reader of uploaded CSV files: bytes in, rows of text cells out.

Bodies keep their tables in Excel, which saves CSV in UTF-8 (with or without a byte order
mark) or in Windows-1251, the two encodings in use in Kyrgyzstan and Kazakhstan, separated by
commas, semicolons (Excel in a Russian locale) or tabs. `read_csv(data)` decodes the text,
guesses the delimiter and returns a reader of lists of strings; the apps judge the rows.
"""

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

ENCODINGS = ("utf-8-sig", "cp1251")
DELIMITERS = ",;\t"
SAMPLE = 8192


class CSVError(ValueError):
    """The file is not CSV text this reader can use; the message is for the user."""


def decode(data: bytes) -> str:
    """The text of `data`: UTF-8 (its BOM dropped), else Windows-1251."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CSVError(_("The CSV file is not text in UTF-8 or Windows-1251. Save it again as CSV."))


def delimiter(text: str) -> str:
    """The delimiter of the table in `text`: the one that splits its first lines alike
    (Python's sniffer), else the commonest in them (a title line above the table puts the
    sniffer off), else a comma."""
    sample = text[:SAMPLE]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {mark: sample.count(mark) for mark in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def read_csv(data: bytes) -> Iterator[list[str]]:
    """The rows of the CSV file `data`, each a list of its cells as text."""
    text = decode(data)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
