"""An XLSX read for a budget import is opened under the platform's ZIP caps: a "zip bomb"
staged for import is refused with the reader's message before openpyxl unpacks it."""

import tracemalloc

import pytest
from django.utils import translation

from achyk.budget.imports import sheets
from achyk.ui.tests import hostile_files


def test_xlsx_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = hostile_files.zip_bomb_xlsx(300)
    tracemalloc.start()
    with translation.override("en"), pytest.raises(sheets.SheetError) as caught:
        sheets.read_table(bomb, "xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    message = str(caught.value).replace("\xa0", " ")
    assert message.startswith("This file unpacks to 29")
    assert "more than the 100.0 MB we accept" in message
    assert peak < 16 * 1024 * 1024


def test_xlsx_compressed_like_no_spreadsheet_is_refused():
    with translation.override("en"), pytest.raises(sheets.SheetError) as caught:
        sheets.read_table(hostile_files.zip_bomb_xlsx(20), "xlsx")
    assert '(a "zip bomb")' in str(caught.value)
