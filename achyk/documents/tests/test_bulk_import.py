"""The bulk import of acts: a preview that saves nothing, then all rows saved or none, and no
way into another body's import."""

import datetime

import pytest
from django.utils import translation

from achyk.documents.imports import importing
from achyk.documents.models import Act, Document
from achyk.ui.tests import samples

from . import factories as f

URL = "/admin/registry/import/"
HEADER = "filename,type,number,adopted_on,adopted_by,signatory,status,language,title,tags\n"
GOOD_ROWS = (
    "r12-ky.pdf,council-resolution,12,2026-02-10,council,Асанов А.,in_force,ky,Жер жөнүндө,жер\n"
    "r12-ru.pdf,council-resolution,12,2026-02-10,council,Асанов А.,In-force,ru,О земле,земля\n"
    "order7.docx,head-order,7,20.01.2026,head,Асанов А.,in_force,ky,Буйрук №7 «ң»,\n"
)
GOOD_FILES = {"r12-ky.pdf": samples.pdf(), "r12-ru.pdf": samples.pdf(),
              "order7.docx": samples.docx()}  # fmt: skip


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    client.cookies["django_language"] = "en"
    return client


def upload(client, rows: str, files: dict, **extra):
    data = {
        "sheet": samples.upload("acts.csv", (HEADER + rows).encode("utf-8-sig")),
        "files": [samples.upload(name, content) for name, content in files.items()],
        **extra,
    }
    with translation.override("en"):
        return client.post(URL, data)


def staged_id(response) -> str:
    html = response.content.decode()
    return html.split('name="upload_id" value="', 1)[1].split('"', 1)[0]


def test_good_rows_are_previewed_then_saved_together(
    editor, body_a, editor_a, django_capture_on_commit_callbacks
):
    preview = upload(editor, GOOD_ROWS, GOOD_FILES)
    assert preview.status_code == 200
    assert "3 rows are ready. Nothing is saved yet." in preview.content.decode()
    assert not Act.objects.exists() and not Document.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(URL, {"upload_id": staged_id(preview)})

    assert response.status_code == 302
    acts = Act.objects.filter(body=body_a).order_by("number")
    assert [(a.number, a.type.code, a.title) for a in acts] == [
        ("12", "council-resolution", "Жер жөнүндө"), ("7", "head-order", "Буйрук №7 «ң»")
    ]  # fmt: skip
    assert sorted(acts[0].files.values_list("language", flat=True)) == ["ky", "ru"]
    assert set(acts[0].tags.names()) == {"жер"}
    assert Document.objects.filter(body=body_a, uploaded_by_user=editor_a).count() == 3
    assert not list((importing.staging_root()).iterdir())


def test_one_bad_row_saves_nothing_and_shows_every_reason(editor, body_a):
    f.act(body_a, title="Бар", type_code="head-order", number="8", adopted_on=None)
    f.act(body_a, title="Бар 2", number="99", adopted_on=datetime.date(2026, 1, 1))
    rows = GOOD_ROWS + (
        "x.pdf,no-such-type,1,2026-01-01,,,,ky,Белгисиз,\n"
        "y.pdf,council-resolution,2,31/02/2026,,,,ky,Жаман күн,\n"
        "z.pdf,council-resolution,99,2026-05-05,,,,ky,Кайталанган,\n"
        "absent.pdf,council-resolution,3,2026-01-01,,,,ky,Файлы жок,\n"
        "w.pdf,council-resolution,4,2026-01-01,,,,kk,Казакча,\n"
    )
    extra = {f"{name}.pdf": samples.pdf() for name in ("x", "y", "z", "w", "stray")}
    files = {**GOOD_FILES, **extra}

    html = upload(editor, rows, files).content.decode()

    assert "Nothing was saved" in html and 'name="upload_id"' not in html
    assert "Unknown document type “no-such-type”." in html
    assert "“31/02/2026” is not a date" in html
    assert "number 99 of 2026 is already in the registry" in html
    assert "The file “absent.pdf” was not uploaded." in html
    assert "No row of the CSV names this file." in html  # stray.pdf
    assert "is not a language of this body" in html  # kk on a ky/ru body
    assert Act.objects.filter(body=body_a).count() == 2
    assert not Document.objects.exists()


def test_a_number_twice_in_one_language_is_refused(editor, body_a):
    rows = GOOD_ROWS + "dup.pdf,council-resolution,12,2026-02-10,,,,ky,Экинчи,\n"
    html = upload(editor, rows, {**GOOD_FILES, "dup.pdf": samples.pdf()}).content.decode()
    assert "appears twice in the CSV in the same language" in html
    assert not Act.objects.exists()


def test_html_named_pdf_is_refused_in_the_preview(editor, body_a):
    files = {**GOOD_FILES, "r12-ky.pdf": samples.HTML}
    html = upload(editor, GOOD_ROWS, files).content.decode()
    assert "This file is not a PDF: its content is HTML." in html
    assert "Nothing was saved" in html and not Document.objects.exists()


def test_unreadable_csv_is_explained(editor, body_a):
    data = {"sheet": samples.upload("acts.csv", b"name;date\nx;y\n"),
            "files": [samples.upload("a.pdf", samples.pdf())]}  # fmt: skip
    with translation.override("en"):
        html = editor.post(URL, data).content.decode()
    assert "The CSV file has no column filename" in html and not Act.objects.exists()


def test_rows_checked_again_when_saving(editor, body_a):
    preview = upload(editor, GOOD_ROWS, GOOD_FILES)
    f.act(body_a, title="Ошол эле", number="7", type_code="head-order",
          adopted_on=datetime.date(2026, 3, 3))  # fmt: skip
    with translation.override("en"):
        response = editor.post(URL, {"upload_id": staged_id(preview)})
    assert "already in the registry" in response.content.decode()
    assert Act.objects.count() == 1 and not Document.objects.exists()


def test_another_body_s_staff_cannot_save_or_cancel_a_staged_import(
    client, editor, editor_b, body_a
):
    upload_id = staged_id(upload(editor, GOOD_ROWS, GOOD_FILES))
    client.force_login(editor_b)
    for data in ({"upload_id": upload_id}, {"upload_id": upload_id, "cancel": "1"}):
        response = client.post(URL, data)
        assert response.status_code == 302
    assert not Act.objects.exists()
    assert (importing.staging_root() / upload_id).is_dir()
    for bad in ("../../etc", "not-a-uuid", "0" * 32):
        assert client.post(URL, {"upload_id": bad}).status_code == 302


def test_import_page_is_for_staff_of_a_body(client, editor_a, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="x", is_staff=True)
    client.force_login(outsider)
    assert client.get(URL).status_code in (302, 403)
    client.force_login(editor_a)
    assert client.get(URL).status_code == 200


LINK_HEADER = HEADER.rstrip("\n") + ",amends,repeals\n"


def upload_links(client, rows: str, files: dict):
    data = {
        "sheet": samples.upload("acts.csv", (LINK_HEADER + rows).encode("utf-8")),
        "files": [samples.upload(name, content) for name, content in files.items()],
    }
    with translation.override("en"):
        return client.post(URL, data)


def test_rows_link_to_rows_of_the_file_and_to_the_bodys_acts_both_ways(
    editor, body_a, django_capture_on_commit_callbacks
):
    old = f.act(body_a, title="Эски токтом", number="3", adopted_on=datetime.date(2025, 5, 5))
    by_id = f.act(body_a, title="Эски буйрук", number="9", type_code="head-order")
    rows = (
        "a-ky.pdf,council-resolution,20,2026-03-01,,,,ky,Жаңы токтом,,3 2025-05-05,\n"
        "a-ru.pdf,council-resolution,20,2026-03-01,,,,ru,Новое постановление,,3 2025-05-05,\n"
        f"b.pdf,head-order,21,2026-03-02,,,,ky,Жокко чыгаруу,,#2,id:{by_id.pk}\n"
    )
    files = {name: samples.pdf() for name in ("a-ky.pdf", "a-ru.pdf", "b.pdf")}
    preview = upload_links(editor, rows, files)
    assert "3 rows are ready" in preview.content.decode(), preview.content.decode()[-3000:]
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(URL, {"upload_id": staged_id(preview)}).status_code == 302

    new = Act.objects.get(body=body_a, number="20")
    repealer = Act.objects.get(body=body_a, number="21")
    assert list(new.outgoing.values_list("to_act", "kind")) == [(old.pk, "amends")]
    assert sorted(repealer.outgoing.values_list("to_act", "kind")) == sorted(
        [(new.pk, "amends"), (by_id.pk, "repeals")]
    )
    old.refresh_from_db()
    by_id.refresh_from_db()
    assert (old.status, by_id.status) == ("amended", "repealed")
    assert new.changes.filter(action="linked").count() == 1  # once for its two versions

    from .test_act_page import act_url

    page = editor.get(act_url(body_a, old)).content.decode()
    assert f"acts/{new.pk}-" in page  # amended by the new act
    page = editor.get(act_url(body_a, new)).content.decode()
    assert f"acts/{old.pk}-" in page and f"acts/{repealer.pk}-" in page  # both ways


def test_bad_references_are_shown_in_the_preview_and_nothing_is_saved(editor, body_a, body_b):
    f.act(body_a, title="Бир", number="5", adopted_on=datetime.date(2025, 1, 1))
    f.act(body_a, title="Эки", number="5", adopted_on=datetime.date(2024, 1, 1))
    foreign = f.act(body_b, title="Башка органдын", number="77",
                    adopted_on=datetime.date(2025, 2, 2))  # fmt: skip
    rows = (
        "a.pdf,council-resolution,30,2026-03-01,,,,ky,Жок,,404 2025-01-01,\n"
        "b.pdf,council-resolution,31,2026-03-01,,,,ky,Көп,,5,\n"
        f"c.pdf,council-resolution,32,2026-03-01,,,,ky,Башка,,,id:{foreign.pk}\n"
        "d.pdf,council-resolution,33,2026-03-01,,,,ky,Башка номер,,77 2025-02-02,\n"
        "e.pdf,council-resolution,34,2026-03-01,,,,ky,Өзү,,#6,\n"
        "g.pdf,council-resolution,35,2026-03-01,,,,ky,Жок сап,,,#99\n"
        "h.pdf,council-resolution,36,2026-03-01,,,,ky,Туура,,5 2025-01-01,\n"
    )
    files = {f"{name}.pdf": samples.pdf() for name in "abcdegh"}
    html = upload_links(editor, rows, files).content.decode()
    assert "Nothing was saved" in html and 'name="upload_id"' not in html
    assert "“404 2025-01-01” in the column “amends”: no act of this body" in html
    assert "“5” in the column “amends”: it matches several acts" in html
    assert f"“id:{foreign.pk}” in the column “repeals”: this act belongs to another body" in html
    assert "“77 2025-02-02” in the column “amends”: only an act of another body" in html
    assert "“#6” in the column “amends”: an act cannot amend or repeal itself." in html
    assert "“#99” in the column “repeals”: no row of the file is on this line." in html
    assert html.count("in the column") == 6  # the good reference of line 8 is not blamed
    assert Act.objects.filter(body=body_a).count() == 2
    assert not foreign.incoming.exists() and foreign.status == "in_force"
    assert not Document.objects.exists()


def test_staging_lives_in_the_default_storage_so_any_server_can_save_it(
    editor, body_a, settings, django_capture_on_commit_callbacks
):
    """With a storage that is not local disk (as S3), the import is staged and saved there,
    and nothing is left on the server's disk or in the storage afterwards."""
    settings.STORAGES = {
        **settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    }  # fmt: skip
    from django.core.files.storage import default_storage

    preview = upload(editor, GOOD_ROWS, GOOD_FILES)
    upload_id = staged_id(preview)
    assert default_storage.exists(f"staging/{upload_id}/manifest.json")
    assert not importing.staging_root().exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(URL, {"upload_id": upload_id}).status_code == 302
    assert Act.objects.filter(body=body_a).count() == 2
    document = Document.objects.get(title="О земле")
    assert document.file.read() == GOOD_FILES["r12-ru.pdf"]
    assert default_storage.listdir(f"staging/{upload_id}/files") == ([], [])
    assert not default_storage.exists(f"staging/{upload_id}/manifest.json")
