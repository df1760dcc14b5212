"""The printable Citizens' Budget: one or two A4 pages with the body's name and its figures,
in Kyrgyz and in Russian, with the fonts that travel with the code."""

import io

import pytest
from pypdf import PdfReader

from achyk.budget.citizens.models import TEXT_MAX, Section
from achyk.budget.tests.factories import small_budget
from achyk.budget.tests.factories_citizens import citizens_budget
from achyk.ui.pdf import FONTS

pytestmark = pytest.mark.django_db


def read(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def burana(body_a):
    body_a.population = 12000
    body_a.save()
    small_budget(body_a, year=2026)
    return body_a


@pytest.mark.parametrize(
    ("language", "name", "word"),
    [("ky", "Бурана (ky)", "түшүндүрмөсү"), ("ru", "Бурана (ru)", "пояснение")],
)
def test_pdf_has_the_body_name_and_a_figure_on_at_most_two_pages(
    client, burana, language, name, word
):
    citizens_budget(burana)
    response = client.get(f"/burana/{language}/budget/2026/citizens/approved/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages, text = read(response)
    assert 1 <= pages <= 2
    assert name in text
    assert word in text
    assert "4 250 000" in text  # approved revenue, from the budget data
    assert "ң" in text or "ө" in text or language == "ru"
    assert b"/ASCII85Decode" not in response.content  # streams as bytes, not ASCII85 text


def test_pdf_of_the_longest_texts_still_fits_two_pages(client, burana):
    long = ("Айыл аймагынын бюджети ачык жана түшүнүктүү болушу керек. " * 40)[:TEXT_MAX]
    texts = {f"{s}_ru": long for s in Section.values} | {f"{s}_ky": long for s in Section.values}
    citizens_budget(burana, **texts)
    for language in ("ky", "ru"):
        pages, text = read(client.get(f"/burana/{language}/budget/2026/citizens/approved/pdf/"))
        assert pages <= 2
        assert "Бурана" in text


def test_fonts_are_in_the_repository_with_their_licence():
    assert (FONTS / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (FONTS / "DejaVuSans-Bold.ttf").stat().st_size > 100_000
    assert "Bitstream" in (FONTS / "LICENSE.txt").read_text()


def test_unpublished_citizens_budget_has_no_pdf(client, burana):
    citizens_budget(burana, published=False)
    assert client.get("/burana/ru/budget/2026/citizens/approved/pdf/").status_code == 404


def test_kazakh_body_prints_in_kazakh_with_its_letters(client, platform):
    from achyk.bodies.tests import factories as body_factories

    body = body_factories.body(slug="akkol", country="KZ", name="Ақкөл")
    citizens_budget(body, general_kk="Бюджет әрбір тұрғынға ашық: ғимарат, құрылыс, һәм іс.")
    response = client.get("/akkol/kk/budget/2026/citizens/approved/pdf/")
    assert response.status_code == 200
    pages, text = read(response)
    assert pages <= 2
    assert "Ақкөл (kk)" in text
    assert "әрбір тұрғынға ашық: ғимарат, құрылыс, һәм іс." in text
