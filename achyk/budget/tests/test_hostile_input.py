"""No input to the budget's addresses reaches a server error: years that do not exist, odd
stages, hostile query strings on the public pages and open data; in the admin, uploads that
are not what they claim, mappings with unknown columns, confirmations without a staged file,
and garbage posted to the Citizens' Budget and hearing forms answer with their errors."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from achyk.bodies.tests import factories as body_factories
from achyk.budget.citizens.models import CitizensBudget
from achyk.budget.hearings.models import Hearing
from achyk.budget.imports import judging
from achyk.budget.models import Line
from achyk.ui.tests.hostile import server_errors

from .factories import small_budget
from .factories_citizens import citizens_budget, hearing
from .sheets import HEADERS_RU, csv_bytes

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
YEARS = ["0", "1", "99999", HUGE, "2025", "2027", "-1", "abc", "20x6", "%00", "%ff", "2026.0"]
STAGES = ["nonsense", "draft", "executed", "APPROVED", "a" * 300, "%ff", "-", "1"]
QUERIES = [
    "page=-1", "page=" + "1" * 21, "page=abc", "sort=garbage", "year=%ff", "q=" + "x" * 10_000,
    "q='\"<>[]{}", "lang=xx", "stage=%c0%af", "format=json&format=csv", "a[]=1&a[b]=2",
]  # fmt: skip


@pytest.fixture
def burana(body_a):
    small_budget(body_a, year=2026)
    citizens_budget(body_a, year=2026, stage="approved")
    hearing(body_a, year=2027)
    return body_a


def public_urls(burana) -> list[str]:
    base = "/burana/ky/budget"
    urls = [f"{base}/", "/burana/ru/budget/", "/ky/budget/", "/ru/budget/hearings/"]
    for year in YEARS:
        urls += [
            f"{base}/{year}/", f"{base}/{year}/data.csv", f"{base}/{year}/data.json",
            f"{base}/{year}/datapackage.json", f"{base}/{year}/budget.csv",
            f"/ky/budget/export/{year}.csv", f"/ru/budget/{year}/", f"/ky/budget/{year}/data.csv",
            f"{base}/{year}/citizens/approved/", f"{base}/{year}/citizens/approved/pdf/",
        ]  # fmt: skip
    for stage in STAGES:
        urls += [f"{base}/2026/citizens/{stage}/", f"{base}/2026/citizens/{stage}/pdf/"]
    hearing_pk = Hearing.objects.get().pk
    urls += [f"{base}/hearings/{n}/" for n in (0, hearing_pk + 99, HUGE, "abc", -1)]
    urls += [
        "/kok-jar/ky/budget/2026/",
        f"/kok-jar/ky/budget/hearings/{hearing_pk}/",
        "/kok-jar/ru/budget/2026/citizens/approved/pdf/",
        "/ky/budget/2026/citizens/x/",
    ]
    for query in QUERIES:
        urls += [f"{base}/?{query}", f"{base}/2026/?{query}", f"{base}/2026/data.csv?{query}",
                 f"{base}/hearings/?{query}", f"/ky/budget/export/2026.csv?{query}",
                 f"{base}/2026/citizens/approved/?{query}"]  # fmt: skip
    return urls


def test_no_public_budget_address_answers_with_a_server_error(client, burana, body_b):
    client.raise_request_exception = False
    assert server_errors(client, public_urls(burana)) == []


def test_the_platform_export_of_a_year_without_data_is_an_empty_table(client, burana):
    for year in ("0", "99999", HUGE):
        response = client.get(f"/ky/budget/export/{year}.csv")
        assert response.status_code == 200
        rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        assert len(rows) == 1  # the header alone


@pytest.mark.parametrize(
    "url",
    ["/burana/ky/budget/0/", "/burana/ky/budget/99999/", f"/burana/ky/budget/{HUGE}/",
     "/burana/ky/budget/2031/data.csv", "/burana/ky/budget/2031/data.json",
     "/burana/ky/budget/2031/datapackage.json", "/burana/ky/budget/2026/citizens/draft/pdf/",
     "/burana/ky/budget/2026/citizens/nonsense/", "/burana/ky/budget/export/2026.csv"],
)  # fmt: skip
def test_a_year_or_stage_that_does_not_exist_is_a_translated_404(client, burana, url):
    response = client.get(url)
    assert response.status_code == 404
    assert '<html lang="ky"' in response.content.decode()


# --- the import in the admin, as the body's editor -------------------------------------------


def upload(client, name, data, *, content_type="text/csv", year="2026", stage="approved"):
    file = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(reverse("budget_admin_import"), {"year": year, "stage": stage, "file": file})


def renamed_text_xlsx() -> bytes:
    return "Экономикалык код;Суммасы\n1111;100\n".encode()


def huge_sheet_xlsx() -> bytes:
    """A tiny zip whose sheet claims 50 MB of rows: it must be refused or read, never crash."""
    out = io.BytesIO()
    row = '<row><c t="inlineStr"><is><t>1111</t></is></c><c><v>1</v></c></row>'
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheetData>' + row * 700_000 + "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


BAD_UPLOADS = [
    ("empty.csv", b"", "text/csv"),
    ("header-only.csv", ";".join(HEADERS_RU).encode("cp1251") + b"\r\n", "text/csv"),
    ("renamed.xlsx", renamed_text_xlsx(), "application/vnd.ms-excel"),
    ("binary.csv", bytes(range(256)) * 40, "text/csv"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "image/png"),
    ("budget.exe", b"MZ\x90\x00", "application/octet-stream"),
    ("noextension", b"1111;100", "text/plain"),
    ("budget.xlsx", huge_sheet_xlsx(), "application/zip"),
    ("utf16.csv", "Код;Сумма\n1111;100\n".encode("utf-16"), "text/csv"),
    ("nul.csv", b"\x00\x00\x00;\x00\n1111;100", "text/csv"),
    (".csv", b"a;b\n1;2", "text/csv"),
    ("x" * 300 + ".csv", b"a;b\n1;2", "text/csv"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "content_type"), BAD_UPLOADS)
def test_bad_uploads_answer_with_an_error_or_a_preview_never_a_crash(
    client, body_a, editor_a, name, data, content_type
):
    client.force_login(editor_a)
    client.raise_request_exception = False
    response = upload(client, name, data, content_type=content_type)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert response.context["form"].errors  # the form is shown again with its error
    else:
        preview = client.get(response["Location"])
        assert preview.status_code == 200
        confirm = client.post(response["Location"], {"confirm": "1"})
        assert confirm.status_code in (200, 302)
    assert not Line.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"year": "abc", "stage": "nonsense"}, {"year": "0", "stage": "draft", "file": "text"},
     {"year": HUGE, "stage": "approved"}, {"year": "2026", "stage": ["draft", "approved"]},
     {"year": "2026\x00", "stage": "approved", "file": "x"}],
)  # fmt: skip
def test_upload_form_with_garbage_is_shown_again_with_kyrgyz_errors(client, editor_a, data):
    client.force_login(editor_a)
    client.raise_request_exception = False
    response = client.post(reverse("budget_admin_import"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Бул талаа" in response.content.decode() or "туура" in response.content.decode()


def staged_token(client) -> str:
    rows = [["1111", "", "Налог", "", "100"], ["2111", "7011", "Зарплата", "", "100"]]
    response = upload(client, "budget.csv", csv_bytes(rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    "data",
    [{"economic": "99", "amount": "-1"}, {"economic": "abc", "amount": HUGE},
     {"economic": "2", "amount": "2", "confirm": "1"}, {"unknown": "x", "confirm": "1"},
     {name: "4" for name in judging.FIELDS} | {"confirm": "1"}, {"economic": ["0", "1"]}],
)  # fmt: skip
def test_mapping_with_unknown_columns_is_shown_again_and_saves_nothing(client, editor_a, data):
    client.force_login(editor_a)
    client.raise_request_exception = False
    token = staged_token(client)
    response = client.post(reverse("budget_admin_preview", kwargs={"token": token}), data)
    assert response.status_code == 200
    assert not Line.objects.exists()
    # nothing is lost: the staged file is still there to map again
    assert client.get(reverse("budget_admin_preview", kwargs={"token": token})).status_code == 200


@pytest.mark.parametrize("token", ["nonexistent", "x" * 500, "%00", "..%2F..%2Fetc", "' OR 1=1"])
def test_confirm_without_a_staged_file_is_a_404(client, editor_a, token):
    client.force_login(editor_a)
    client.raise_request_exception = False
    response = client.post(f"/admin/budget/import/{token}/", {"confirm": "1"})
    assert response.status_code in (400, 404)
    assert not Line.objects.exists()


def test_confirm_with_another_users_staging_key_is_a_404(client, body_a, editor_a):
    client.force_login(editor_a)
    token = staged_token(client)
    colleague = body_factories.staff(body_a, username="colleague")
    client.force_login(colleague)
    url = reverse("budget_admin_preview", kwargs={"token": token})
    assert client.post(url, {"confirm": "1"}).status_code == 404
    assert not Line.objects.exists()


# --- Citizens' Budget and hearing forms ------------------------------------------------------


GARBAGE_FORMS = [
    {}, {"year": "abc", "stage": "nonsense"}, {"year": HUGE, "stage": "approved"},
    {"year": "-1", "stage": "draft", "general_ky": "<script>alert(1)</script>" * 2000},
    {"year": "20x6", "stage": ["draft", "approved"], "is_published": "maybe"},
    {"year": "2026", "starts_at": "not a date", "place_ky": "x" * 10_000},
    {"year": "2027", "starts_at": "2027-13-45 25:61", "draft_budget": "abc",
     "draft_document": "999999", "minutes_document": HUGE},
    {"year": "2027", "proposals-TOTAL_FORMS": "abc", "proposals-INITIAL_FORMS": "-1"},
    {"year": "2027", "proposals-TOTAL_FORMS": "1000000", "proposals-INITIAL_FORMS": "0"},
]  # fmt: skip


@pytest.mark.parametrize("prefix", ["citizens-budgets", "budget-hearings"])
@pytest.mark.parametrize("data", GARBAGE_FORMS)
def test_citizens_budget_and_hearing_forms_with_garbage_answer_with_errors(
    client, body_a, editor_a, prefix, data
):
    client.force_login(editor_a)
    client.raise_request_exception = False
    before = CitizensBudget.objects.count(), Hearing.objects.count()
    response = client.post(f"/admin/{prefix}/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert (CitizensBudget.objects.count(), Hearing.objects.count()) == before


@pytest.mark.parametrize("prefix", ["citizens-budgets", "budget-hearings"])
@pytest.mark.parametrize("pk", ["0", "abc", HUGE, "-1"])
def test_admin_edit_of_an_odd_id_is_a_404(client, editor_a, prefix, pk):
    client.force_login(editor_a)
    client.raise_request_exception = False
    assert client.get(f"/admin/{prefix}/edit/{pk}/").status_code == 404


def test_hearing_form_refuses_another_bodys_budget_and_documents(client, body_a, body_b, editor_a):
    other = small_budget(body_b, year=2026)
    client.force_login(editor_a)
    response = client.post(
        "/admin/budget-hearings/new/",
        {"year": "2027", "starts_at": "2027-03-01 10:00", "place_ky": "Зал",
         "draft_budget": str(other.pk)},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["draft_budget"]
    assert not Hearing.objects.exists()
