"""The monitoring group's photos: a member adds a photo of what they saw to an assessment;
it is checked like every upload (type by content, size) and refused with the upload checks'
message in the page's language, the rest of the form kept; a photo that passed waits while
another field is corrected. Readers get a small copy with its text alternative (light on a
2G phone) linked to a larger one; the camera's metadata is not kept."""

import io
import os
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape
from PIL import Image

from achyk.plans.monitoring import Assessment, EvidencePhoto
from achyk.ui.tests import samples
from achyk.ui.uploads import check_image

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(body_a):
    plan = factories.full_plan(body_a, actions=2)
    return plan, plan.actions.first(), factories.jmeg_member(body_a)


def camera_jpeg(size=(2400, 1800)) -> bytes:
    """A phone's photo: large, with the place it was taken in its EXIF."""
    picture = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (42.0, 52.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def post(client, action, **data):
    fields = {"status": "done", "rating": "4", "comment": "Түтүк тартылды ң", **data}
    return client.post(f"/burana/ru/plans/actions/{action.pk}/assess/", fields)


def test_a_photo_is_kept_as_small_and_large_copies_shown_with_its_alt(client, setting):
    plan, action, member = setting
    client.force_login(member.user)
    photo = samples.upload("IMG_0001.jpg", camera_jpeg())
    alt = 'Жаңы суу түтүгү <script>alert("ө")</script>'
    assert post(client, action, photo=photo, photo_alt=alt).status_code == 302
    saved = EvidencePhoto.objects.get()
    assert saved.assessment.action == action and saved.body == plan.body
    assert (saved.width, saved.height) == (1280, 960)
    assert (saved.small_width, saved.small_height) == (480, 360)
    for copy in (saved.image, saved.small):
        with Image.open(copy.path) as stored:
            assert stored.format == "JPEG" and not stored.getexif()
        assert "IMG_0001" not in copy.name
    assert saved.small.size < 40_000  # light on a 2G phone
    page = client.get(f"/burana/ru/plans/actions/{action.pk}/").content.decode()
    img = re.search(r'<img src="([^"]+)" alt="([^"]*)" width="480" height="360"', page)
    assert img and img.group(1) == saved.small.url
    assert img.group(2) == "Жаңы суу түтүгү &lt;script&gt;alert(&quot;ө&quot;)&lt;/script&gt;"
    assert f'href="{saved.image.url}"' in page
    served = client.get(saved.small.url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"


def test_the_photos_show_on_the_report_and_to_staff(client, setting, editor_a):
    from achyk.plans import services

    plan, action, member = setting
    report = services.file_report(
        member=member, plan=plan, period="2025", checked="Түтүк", findings="Бүттү",
        recommendations=[],
    )  # fmt: skip
    flag = services.assess_action(
        member=member, action=action, status="done", rating=5, comment="Көрдүк", report=report,
        photo=samples.upload("p.png", samples.image("PNG", (900, 600))), photo_alt="Көпүрө",
    )  # fmt: skip
    services.publish_report(member=member, report=report)
    page = client.get(f"/burana/ru/plans/reports/{report.pk}/").content.decode()
    assert 'alt="Көпүрө"' in page
    client.force_login(editor_a)
    assert 'alt="Көпүрө"' in client.get(f"/admin/plans/flags/{flag.pk}/").content.decode()


def russian_refusal(name: str, data: bytes) -> str:
    with translation.override("ru"), pytest.raises(ValidationError) as caught:
        check_image(samples.upload(name, data))
    return caught.value.messages[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", samples.HTML),
        ("photo.png", samples.image("JPEG")),
        ("photo.png", samples.image("PNG") + b"<script>alert(1)</script>"),
        ("photo.bmp", samples.image("BMP")),
    ],
)
def test_a_refused_photo_is_answered_in_the_page_s_language_and_nothing_else_is_lost(
    client, setting, name, data
):
    _plan, action, member = setting
    client.force_login(member.user)
    response = post(client, action, photo=samples.upload(name, data), photo_alt="Сүрөт")
    assert response.status_code == 400
    page = response.content.decode()
    message = russian_refusal(name, data)
    assert re.search(r"[а-яА-Я]", message)  # the Russian catalogue's words
    errors = page.split('id="id_photo_error">', 1)[1].split("</span>", 1)[0]
    assert escape(message) in errors
    assert "Түтүк тартылды ң</textarea>" in page and 'value="Сүрөт"' in page
    assert 'id="photo-kept"' not in page
    assert not Assessment.objects.exists() and not EvidencePhoto.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(client, setting, settings):
    _plan, action, member = setting
    settings.ACHYK_MAX_UPLOAD_BYTES = 10_000
    client.force_login(member.user)
    response = post(client, action, photo=samples.upload("big.jpg", camera_jpeg()), photo_alt="x")
    assert response.status_code == 400
    message = russian_refusal("big.jpg", camera_jpeg())
    assert "9,8" in message and escape(message) in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_photo_that_passed_waits_while_another_field_is_corrected(client, setting):
    _plan, action, member = setting
    client.force_login(member.user)
    first = post(client, action, photo=samples.upload("көпүрө.jpg", camera_jpeg()), rating="")
    assert first.status_code == 400
    page = first.content.decode()
    assert 'id="photo-kept"' in page and "көпүрө.jpg" in page
    assert "id_photo_alt_error" in page  # a photo needs its text alternative
    kept = re.search(r'name="photo_kept" value="([0-9a-f]{32})"', page).group(1)
    assert not Assessment.objects.exists()
    second = post(client, action, rating="4", photo_kept=kept, photo_alt="Көпүрө")
    assert second.status_code == 302
    assert EvidencePhoto.objects.get().alt == "Көпүрө"
    # the kept photo went with it: the same id keeps nothing any more
    third = post(client, action, rating="4", photo_kept=kept, photo_alt="Көпүрө")
    assert third.status_code == 400 and EvidencePhoto.objects.count() == 1


def test_another_member_cannot_use_a_kept_photo(client, setting, body_a):
    _plan, action, member = setting
    client.force_login(member.user)
    page = post(client, action, photo=samples.upload("a.jpg", camera_jpeg()), rating="")
    kept = re.search(r'name="photo_kept" value="([0-9a-f]{32})"', page.content.decode()).group(1)
    other = factories.jmeg_member(body_a, username="second_member", email="s@example.org")
    client.force_login(other.user)
    for value in (kept, "../../etc/passwd", "x" * 64):
        response = post(client, action, photo_kept=value, photo_alt="Көпүрө")
        assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_a_deleted_assessment_leaves_no_photo_behind(setting, django_capture_on_commit_callbacks):
    from achyk.plans import services

    _plan, action, member = setting
    flag = services.assess_action(
        member=member, action=action, status="done", rating=5, comment="Көрдүк",
        photo=samples.upload("p.jpg", camera_jpeg((800, 600))), photo_alt="Көпүрө",
    )  # fmt: skip
    saved = flag.photos.get()
    paths = [saved.image.path, saved.small.path]
    with django_capture_on_commit_callbacks(execute=True):
        action.delete()
    assert not EvidencePhoto.objects.exists()
    assert not any(os.path.exists(path) for path in paths)
