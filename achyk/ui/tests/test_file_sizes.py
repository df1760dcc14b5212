"""File sizes read in the language's units: Django's `filesizeformat` under the active
language, with bytes, kilobytes and megabytes named as readers name them (never "бит").

These read the compiled catalogues: the Kyrgyz units come from the project's catalogue
(achyk/ui/filesizes.py names the msgids), which overrides Django's own."""

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import translation

SIZES = {"bytes": 500, "kb": 20 * 1024, "mb": 5 * 1024 * 1024, "gb": 3 * 1024**3}


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ky", {"bytes": "байт", "kb": "КБ", "mb": "МБ", "gb": "ГБ"}),
        ("ru", {"bytes": "байт", "kb": "КБ", "mb": "МБ", "gb": "ГБ"}),
    ],
)
def test_sizes_are_written_in_the_language_s_units(language, words):
    with translation.override(language):
        written = {name: filesizeformat(size) for name, size in SIZES.items()}
    for name, word in words.items():
        assert word in written[name], (language, written)
        assert written[name].split("\xa0")[-1] == word, (language, written)  # "20,0 КБ"
    assert not any("бит" in text for text in written.values()), written
