"""The import of actions: the template downloads and parses, every bad row is shown with its
reason before anything is saved, a good file adds the actions with their costs, and a file of
another type is refused with a message."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from achyk.plans.imports.reading import COLUMNS
from achyk.plans.models import Action, CostLine

from . import factories

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


def _plan(body):
    plan = factories.plan(body, start=2025, end=2027)
    factories.objective(factories.goal(plan))
    return plan


def _upload(client, plan, text, name="actions.csv"):
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    response = client.post(
        "/admin/plans/import/", {"plan": plan.pk, "language": "ky", "file": upload}
    )
    return response


def _row(**cells):
    values = {
        "objective": "1.1",
        "code": "1.1.9",
        "title": "Мектеп",
        "start": "01.04.2025",
        "deadline": "30.09.2025",
        "year": "2025",
        "local": "1000",
        "community": '"250,50"',
    }
    values.update(cells)
    return ",".join(values.get(name, "") for name in COLUMNS)


def test_the_templates_download_and_name_every_column(client, body_a, editor_a):
    client.force_login(editor_a)
    csv = b"".join(client.get("/admin/plans/import/?template=csv").streaming_content)
    assert csv.decode("utf-8-sig").splitlines()[0] == HEADER
    xlsx = client.get("/admin/plans/import/?template=xlsx").content
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == COLUMNS


def test_every_bad_row_is_shown_and_nothing_is_saved(client, body_a, editor_a):
    plan = _plan(body_a)
    client.force_login(editor_a)
    text = "\n".join(
        [
            HEADER,
            _row(),
            _row(local="беш миң"),
            _row(start="2024-12-01"),
            _row(objective="7.7"),
            _row(title=""),
            _row(year="2031"),
            _row(deadline="эртең"),
        ]
    )
    response = _upload(client, plan, text)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    bad = re.findall(r'<tr class="error" id="line-(\d+)"', html)
    assert bad == ["3", "4", "5", "6", "7", "8"]
    assert 'name="confirm"' not in html
    refused = client.post(response["Location"], {"confirm": "1"})
    assert refused.status_code == 400
    assert not Action.objects.filter(plan=plan).exists()


def test_a_good_file_adds_the_actions_with_their_costs(client, body_a, editor_a):
    plan = _plan(body_a)
    client.force_login(editor_a)
    text = "\n".join([HEADER, _row(), _row(code="1.1.10", title="Жол", local="", donor="5000")])
    response = _upload(client, plan, text)
    saved = client.post(response["Location"], {"confirm": "1"})
    assert saved.status_code == 302
    actions = Action.objects.filter(plan=plan).order_by("pk")
    assert [a.title_ky for a in actions] == ["Мектеп", "Жол"]
    costs = {(c.action.code, c.source): c.planned for c in CostLine.objects.all()}
    assert costs == {
        ("1.1.9", "local"): 1000,
        ("1.1.9", "community"): 250.50,
        ("1.1.10", "community"): 250.50,
        ("1.1.10", "donor"): 5000,
    }


def test_a_file_of_another_type_is_refused_with_a_message(client, body_a, editor_a):
    plan = _plan(body_a)
    client.force_login(editor_a)
    response = _upload(client, plan, "hello", name="actions.txt")
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_another_body_s_plan_cannot_be_imported_into(client, body_a, body_b, editor_b):
    plan = _plan(body_a)
    client.force_login(editor_b)
    response = _upload(client, plan, "\n".join([HEADER, _row()]))
    assert response.status_code == 400
    assert "plan" in response.context["form"].errors
    assert not Action.objects.exists()


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_upload(client, plan, data, name="actions.xlsx"):
    upload = SimpleUploadedFile(name, data)
    return client.post("/admin/plans/import/", {"plan": plan.pk, "language": "ky", "file": upload})


def test_an_xlsx_file_adds_its_actions(client, body_a, editor_a):
    plan = _plan(body_a)
    client.force_login(editor_a)
    cells = dict(objective="1.1", code="1.1.9", title="Көпүрө", start="01.04.2025",
                 deadline="30.09.2025", year=2025, local=1000)  # fmt: skip
    data = _xlsx([COLUMNS, [cells.get(name) for name in COLUMNS]])
    response = _xlsx_upload(client, plan, data)
    assert "Көпүрө" in client.get(response["Location"]).content.decode()
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 302
    assert [a.title_ky for a in Action.objects.filter(plan=plan)] == ["Көпүрө"]


def test_an_xlsx_damaged_below_its_first_rows_is_refused_with_a_message(client, body_a, editor_a):
    plan = _plan(body_a)
    client.force_login(editor_a)
    row = ["1.1", "1.1.9", "Мектеп", "01.04.2025", "30.09.2025"]
    good = _xlsx([COLUMNS[:5]] + [row] * 400)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) * 2 // 3]
            target.writestr(item, content)
    response = _xlsx_upload(client, plan, out.getvalue())
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "XLSX файлын ачуу мүмкүн эмес" in page.content.decode()
    assert not Action.objects.exists()
