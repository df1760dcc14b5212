"""Focus groups' results from a spreadsheet: the template, every bad row shown, all or none."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from achyk.participation.models import FocusGroup, Problem

from . import factories as f

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = (
    "category,settlement,date,time,place,facilitator,women_u18,women_18_29,women_30_59,"
    "women_60,men_u18,men_18_29,men_30_59,men_60,problems\n"
)
GOOD = "youth,Чым-Коргон,2026-03-12,10:00,Клуб,Нургүл,3,4,0,0,5,6,0,0,Спорт аянтча жок; Жумуш жок\n"


def _upload(client, study, text: str, name="results.csv"):
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    response = client.post("/admin/participation/import/", {"study": study.pk, "file": upload})
    return response


def test_the_template_downloads_with_every_column(client, body_a, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/participation/import/?template=csv")
    assert response.status_code == 200
    first = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert first == HEADER.strip()


def test_a_clerk_imports_focus_groups_after_seeing_every_row(client, body_a, editor_a):
    study = f.study(body_a)
    f.settlement(body_a)
    client.force_login(editor_a)
    response = _upload(client, study, HEADER + GOOD + GOOD.replace("youth", "Women"))
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert preview.count('class="good"') == 2 and not FocusGroup.objects.exists()
    saved = client.post(response["Location"], {"confirm": "1"})
    assert saved.status_code == 302
    groups = FocusGroup.objects.order_by("pk")
    assert [(g.category, g.women, g.men) for g in groups] == [("youth", 7, 11), ("women", 7, 11)]
    assert Problem.objects.count() == 4


def test_bad_rows_are_all_shown_and_nothing_is_saved(client, body_a, editor_a):
    study = f.study(body_a)
    f.settlement(body_a, population=30)
    client.force_login(editor_a)
    bad = (
        HEADER
        + GOOD
        + "martians,Чым-Коргон,2026-03-12,10:00,,,1,1,1,1,1,1,1,1,\n"
        + "youth,Атлантида,12.03.2026,10:00,,,1,1,1,1,1,1,1,1,\n"
        + "youth,Чым-Коргон,2026-03-12,10:00,,,беш,-1,²,0,0,0,0,0,\n"
        + "youth,Чым-Коргон,2026-03-12,10:00,,,20,20,0,0,0,0,0,0,\n"
    )
    response = _upload(client, study, bad)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert html.count('class="bad"') == 4 and html.count('class="good"') == 1
    assert "martians" in html and "Атлантида" in html and "беш" in html and "40" in html
    assert 'name="confirm"' not in html
    client.post(response["Location"], {"confirm": "1"})
    assert not FocusGroup.objects.exists()


def test_a_file_that_is_not_csv_is_refused_with_a_message(client, body_a, editor_a):
    study = f.study(body_a)
    client.force_login(editor_a)
    response = _upload(client, study, "%PDF-1.4", name="results.pdf")
    assert response.status_code == 200
    with translation.override("ky"):  # the admin speaks Kyrgyz
        message = gettext("Upload CSV or XLSX; this file is .%(extension)s.") % {"extension": "pdf"}
    assert message in response.content.decode()


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload_xlsx(client, study, rows):
    upload = SimpleUploadedFile("results.xlsx", _xlsx(rows), content_type=XLSX)
    return client.post("/admin/participation/import/", {"study": study.pk, "file": upload})


COLUMNS = HEADER.strip().split(",")


def test_the_xlsx_template_downloads_with_every_column(client, body_a, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/participation/import/?template=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith(XLSX)
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[1]] == COLUMNS


def test_a_clerk_imports_an_xlsx_as_excel_keeps_it(client, body_a, editor_a):
    """Dates, times and counts as Excel stores them (date, time, float) read as typed."""
    study = f.study(body_a)
    f.settlement(body_a)
    client.force_login(editor_a)
    good = ["youth", "Чым-Коргон", datetime.datetime(2026, 3, 12), datetime.time(10, 30),
            "Клуб", "Нургүл", 3, 4.0, 0, None, 5, 6, 0, 0, "Спорт аянтча жок; Жумуш"]  # fmt: skip
    typed = ["Women", "Чым-Коргон", "13.03.2026", "11:00", "", "", *[1] * 8, "Суу жок"]
    response = _upload_xlsx(client, study, [COLUMNS, good, typed])
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert preview.count('class="good"') == 2 and not FocusGroup.objects.exists()
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 302
    first, second = FocusGroup.objects.order_by("pk")
    assert (first.category, first.women, first.men) == ("youth", 7, 11)
    local = timezone.localtime(first.starts_at, zoneinfo.ZoneInfo(body_a.time_zone))
    assert (local.date(), local.hour, local.minute) == (datetime.date(2026, 3, 12), 10, 30)
    assert (second.category, second.participants) == ("women", 8)
    assert Problem.objects.count() == 3


def test_bad_xlsx_rows_are_all_shown_in_kyrgyz_and_nothing_is_saved(client, body_a, editor_a):
    study = f.study(body_a)
    f.settlement(body_a, population=30)
    client.force_login(editor_a)
    rows = [COLUMNS,
            ["youth", "Чым-Коргон", "2026-03-12", "10:00", "", "", 2.5, -1, 0, 0, 0, 0, 0, 0, ""],
            ["martians", "Атлантида", "эртең", "10:00", "", "", *[0] * 8, ""]]  # fmt: skip
    response = _upload_xlsx(client, study, rows)
    html = client.get(response["Location"]).content.decode()
    assert html.count('class="bad"') == 2 and 'name="confirm"' not in html
    with translation.override("ky"):
        expected = [
            gettext("“%(value)s” in %(column)s is not a whole number of 0 or more.")
            % {"value": "2.5", "column": "women_u18"},
            gettext("Unknown category “%(value)s”.") % {"value": "martians"},
            gettext("Write the date as 2026-03-12 and the time as 10:00."),
        ]
    for message in expected:
        assert escape(message) in html
    client.post(response["Location"], {"confirm": "1"})
    assert not FocusGroup.objects.exists()


def test_a_damaged_xlsx_is_refused_with_a_message_and_nothing_is_saved(client, body_a, editor_a):
    study = f.study(body_a)
    client.force_login(editor_a)
    data = _xlsx([COLUMNS])[:-200]  # cut short: not a workbook any more
    upload = SimpleUploadedFile("results.xlsx", data, content_type=XLSX)
    response = client.post("/admin/participation/import/", {"study": study.pk, "file": upload})
    assert response.status_code == 200  # the upload checks refuse it, in Kyrgyz
    with translation.override("ky"):
        message = gettext(
            "This file is damaged and cannot be opened. Save it again and upload the new file."
        )
    assert message in response.content.decode()
    assert not FocusGroup.objects.exists()


def test_another_body_s_staged_file_and_study_are_out_of_reach(client, body_a, editor_a, editor_b):
    study = f.study(body_a)
    client.force_login(editor_a)
    location = _upload(client, study, HEADER + GOOD)["Location"]
    client.force_login(editor_b)
    assert client.get(location).status_code == 404
    refused = _upload(client, study, HEADER + GOOD)
    assert refused.status_code == 200 and not FocusGroup.objects.exists()
