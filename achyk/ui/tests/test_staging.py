"""The one place uploads wait between the preview and the confirmation: owned, found only by
their owner, swept after a day."""

import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from achyk.ui import staging

OWNER = {"user": 7, "body": 3}


def test_staged_files_and_data_come_back_to_their_owner():
    upload = SimpleUploadedFile("акт «ң».pdf", b"%PDF-1.4\n")
    upload.read()  # a view may have read it already: staging starts from the beginning
    staged = staging.stage("area", owner=OWNER, files={"sheet": b"a;b\n", upload.name: upload},
                           data={"year": 2026, "mapping": None})  # fmt: skip
    found = staging.find("area", staged.id, owner=OWNER)
    assert found.data == {"year": 2026, "mapping": None}
    assert found.read("sheet") == b"a;b\n"
    assert found.read("акт «ң».pdf") == b"%PDF-1.4\n"
    with found.open("акт «ң».pdf") as stored:
        assert stored.read(4) == b"%PDF"


def test_updates_of_the_data_are_read_back_newest_first():
    staged = staging.stage("area", owner=OWNER, files={"f": b"x"}, data={"mapping": None})
    staging.update(staged, mapping={"amount": 1})
    staging.update(staged, mapping={"amount": 2})
    assert staging.find("area", staged.id, owner=OWNER).data == {"mapping": {"amount": 2}}


@pytest.mark.parametrize(
    "staged_id", ["", "nonexistent", "x" * 500, "%00", "../../etc/passwd", "' OR 1=1", None]
)
def test_malformed_ids_are_not_found(staged_id):
    with pytest.raises(staging.StagedNotFound):
        staging.find("area", staged_id, owner=OWNER)


def test_another_owner_or_area_is_answered_like_a_missing_upload():
    staged = staging.stage("area", owner=OWNER, files={"f": b"x"})
    for owner in ({"user": 8, "body": 3}, {"user": 7, "body": 4}, {"user": 7}):
        with pytest.raises(staging.StagedNotFound):
            staging.find("area", staged.id, owner=owner)
    with pytest.raises(staging.StagedNotFound):
        staging.find("elsewhere", staged.id, owner=OWNER)


def test_discard_removes_everything_of_the_upload():
    staged = staging.stage("area", owner=OWNER, files={"f": b"x"})
    staging.update(staged, mapping=1)
    staging.discard(staged)
    with pytest.raises(staging.StagedNotFound):
        staging.find("area", staged.id, owner=OWNER)
    assert default_storage.listdir("area") == ([], [])


def test_uploads_older_than_a_day_are_swept_at_the_next_one(monkeypatch):
    old = staging.stage("area", owner=OWNER, files={"f": b"x"})
    recent = staging.stage("area", owner=OWNER, files={"f": b"y"})
    later = time.time() + staging.STALE_SECONDS + 60
    monkeypatch.setattr(time, "time", lambda: later)
    recent.created = later
    staging.update(recent)  # an update does not make an upload younger
    staging.stage("area", owner=OWNER, files={"f": b"z"})
    for staged in (old, recent):
        with pytest.raises(staging.StagedNotFound):
            staging.find("area", staged.id, owner=OWNER)


def test_loose_files_older_than_a_day_are_swept_too(monkeypatch):
    """The budget import used to keep its file as budget-imports/<token>.<ext>."""
    default_storage.save("area/old-token.xlsx", ContentFile(b"PK"))
    later = time.time() + staging.STALE_SECONDS + 60
    monkeypatch.setattr(time, "time", lambda: later)
    staged = staging.stage("area", owner=OWNER, files={"f": b"x"})
    assert not default_storage.exists("area/old-token.xlsx")
    assert staging.find("area", staged.id, owner=OWNER).read("f") == b"x"


def test_a_loose_file_of_today_is_kept():
    default_storage.save("area/today.csv", ContentFile(b"a;b"))
    staging.stage("area", owner=OWNER, files={"f": b"x"})
    assert default_storage.exists("area/today.csv")
