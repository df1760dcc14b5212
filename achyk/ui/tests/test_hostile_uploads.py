"""The hostile upload corpus (`hostile_files.CORPUS`): each file is refused with the message
the uploader reads, naming what is wrong; harmless files of the same kinds pass."""

import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from achyk.documents.extraction import NOT_APPLICABLE, extract
from achyk.ui.tests import hostile_files, samples
from achyk.ui.uploads import check_document

BOMB = (
    "This file unpacks to {size}, more than the 100.0 MB we accept. "
    "Save it again in smaller parts, or as PDF, and upload the new file."
)


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check_document(samples.upload(name, data))
    return " ".join(caught.value.messages).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [pytest.param(name, build, message, id=case)
     for case, name, build, message in hostile_files.CORPUS if message],
)  # fmt: skip
def test_hostile_upload_is_refused_with_a_message_naming_what_is_wrong(name, build, message):
    assert refusal(name, build()) == message


@pytest.mark.parametrize(
    ("name", "build"),
    [pytest.param(name, build, id=case) for case, name, build in hostile_files.HARMLESS],
)
def test_harmless_files_of_the_same_kinds_pass(name, build):
    check_document(samples.upload(name, build()))


def test_docx_that_unpacks_to_300_mb_is_refused_before_it_is_unpacked():
    bomb = hostile_files.zip_bomb_docx(300)
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    message = refusal("act.docx", bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert message == BOMB.format(size="295.4 MB")
    assert peak < 16 * 1024 * 1024


def test_small_zip_bomb_is_refused_by_its_compression(settings):
    message = refusal("act.docx", hostile_files.zip_bomb_docx(20))
    assert message.startswith("This file is compressed ")
    assert (
        "times, far more than an office file ever is: it is built to fill the server's "
        'memory (a "zip bomb"). We do not accept it.' in message
    )  # noqa: E501


def test_text_of_a_zip_bomb_is_never_unpacked_even_if_it_was_stored(settings):
    """A file stored before the caps (or by another way in) is read under the same caps."""
    bomb = hostile_files.zip_bomb_docx(300)
    tracemalloc.start()
    extracted = extract(bomb, "docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert extracted == NOT_APPLICABLE
    assert peak < 16 * 1024 * 1024


def test_text_extraction_stops_at_the_cap_even_when_the_sizes_are_allowed(settings):
    settings.ACHYK_ZIP_MAX_RATIO = 10_000
    settings.ACHYK_ZIP_MAX_BYTES = 8 * 1024 * 1024
    assert extract(hostile_files.zip_bomb_docx(20), "docx") == NOT_APPLICABLE
    settings.ACHYK_ZIP_MAX_BYTES = 64 * 1024 * 1024
    tracemalloc.start()
    extracted = extract(hostile_files.zip_bomb_docx(20), "docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert extracted.has_text_layer is True
    assert len(extracted.text) <= 2_000_000
    assert peak < 48 * 1024 * 1024
