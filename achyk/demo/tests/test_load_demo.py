"""The demo: twelve ayil aymaks with real sites in Kyrgyz and Russian, and logins that work."""

import re
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from achyk.bodies.models import Body, Membership
from achyk.bodies.roles import is_supervisor
from achyk.content.models import GalleryImage, NewsPage
from achyk.demo import password as demo_password
from achyk.demo import texts
from achyk.demo.files import text_pdf
from achyk.demo.services import homes_of
from achyk.documents.models import Document
from achyk.subscriptions.models import Subscriber

PASSWORD = "demo-Бурана-ңөү-42"


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def test_demo_names_the_twelve_ayil_aymaks_of_our_sources_once_each():
    slugs = [spec["slug"] for spec in texts.BODIES]
    assert len(slugs) == len(set(slugs)) == 12
    assert len({spec["code"] for spec in texts.BODIES}) == 12
    rayons = {code for code, level, *_rest in texts.TERRITORY if level == "rayon"}
    assert all(spec["rayon"] in rayons and spec["code"].startswith(spec["rayon"])
               for spec in texts.BODIES)  # fmt: skip
    assert all(re.search("[ңөүҢӨҮ]", item["body_ky"]) for item in texts.NEWS)


@pytest.mark.django_db
def test_demo_builds_bilingual_sites_and_working_logins(client, var_dir, monkeypatch):
    # Two of the twelve keep the test quick; the loader treats each body alike.
    wanted = [spec for spec in texts.BODIES if spec["slug"] in {"burana", "kok-jar"}]
    monkeypatch.setattr(texts, "BODIES", wanted)
    call_command("load_demo", password=PASSWORD)

    assert set(Body.objects.values_list("slug", flat=True)) == {"burana", "kok-jar"}
    burana = Body.objects.get(slug="burana")
    assert (burana.name_ky, burana.name_ru) == ("Бурана айыл аймагы", "Буранинский айылный аймак")
    assert burana.territory.parent.parent.name_ru == "Чуйская область"
    assert Body.objects.get(slug="kok-jar").territory.parent.name_ky == "Ноокат району"

    homes = homes_of(burana)
    ky = NewsPage.objects.descendant_of(homes["ky"])
    ru = NewsPage.objects.descendant_of(homes["ru"])
    assert 3 <= ky.count() <= 4 and ky.count() == ru.count()
    assert set(ky.values_list("translation_key", flat=True)) == set(
        ru.values_list("translation_key", flat=True)
    )
    assert all(page.live for page in [*ky, *ru])

    home = client.get("/burana/ky/").content.decode()
    assert ky.order_by("-first_published_at").first().title in home
    assert re.search("[ңөү]", home)
    announcement = client.get("/burana/ky/announcements/budget-hearing/")
    assert "бюджеттик угуулар" in announcement.content.decode()
    ru_news = client.get("/burana/ru/news/")
    assert ru_news.status_code == 200 and ru.first().title in ru_news.content.decode()

    gallery = client.get("/burana/ru/gallery/views/").content.decode()
    assert 'alt="Пастбище у подножия гор, осень"' in gallery
    assert GalleryImage.objects.filter(image__body=burana).count() == 6  # three, in two languages

    document = Document.objects.get(body=burana, act__isnull=True)
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert client.get("/burana/ky/documents/").content.decode().count(document.url) == 1

    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert is_supervisor(users.get(username="supervisor"))
    assert users.get(username="burana-admin").membership.role == Membership.Role.ADMIN
    assert users.get(username="kokjar-editor").membership.body.slug == "kok-jar"
    jmeg = users.get(username="burana-jmeg")
    assert jmeg.jmeg_member.body == burana and not jmeg.is_staff
    assert not hasattr(jmeg, "membership")  # no admin panel for a monitoring group member
    assert all(user.check_password(PASSWORD) for user in users.all())
    assert demo_password.stored(var_dir) == PASSWORD

    # The monitor has scored both bodies, differently: Бурана's resolution is complete in
    # both languages, Көк-Жар's has no number and only a Kyrgyz file.
    assert_demo_scores(burana, Body.objects.get(slug="kok-jar"))

    # Бурана's staff find its bounced subscribers, masked; Көк-Жар's are not theirs.
    client.force_login(users.get(username="burana-editor"))
    bounced = client.get("/admin/subscription-bounces/").content.decode()
    assert "b•••@example.org" in bounced and "c•••@example.org" in bounced
    assert "bakyt.burana@example.org" not in bounced
    listed = {
        int(pk) for pk in re.findall(r'href="/admin/subscription-bounces/edit/(\d+)/', bounced)
    }
    assert listed == set(
        Subscriber.objects.filter(body=burana, email__regex=r"^(bakyt|cholpon)\.")
        .values_list("pk", flat=True)
    )  # fmt: skip

    news_count = NewsPage.objects.count()
    subscribers = Subscriber.objects.count()
    call_command("load_demo", password=PASSWORD)  # again: nothing doubles
    assert Body.objects.count() == 2 and NewsPage.objects.count() == news_count
    assert Subscriber.objects.count() == subscribers == 6


@pytest.mark.django_db
def test_if_empty_leaves_an_installation_with_bodies_alone(body_a, body_b, var_dir):
    call_command("load_demo", if_empty=True, password=PASSWORD)
    assert sorted(Body.objects.values_list("slug", flat=True)) == ["burana", "kok-jar"]
    assert not get_user_model().objects.filter(username="admin").exists()
    assert demo_password.stored(var_dir) == ""


def test_password_comes_from_the_option_then_the_environment_then_the_file(tmp_path, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    generated = demo_password.choose(None, tmp_path)
    assert len(generated) >= 16
    path = demo_password.store(generated, tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert demo_password.choose(None, tmp_path) == generated
    monkeypatch.setenv("DEMO_PASSWORD", "from-env-ө")
    assert demo_password.choose(None, tmp_path) == "from-env-ө"
    assert demo_password.choose("given", tmp_path) == "given"


def test_demo_pdf_is_well_formed():
    pdf = text_pdf(["Burana ayil aymagy", "Budget (draft) 2027"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref_at:].startswith(b"xref\n0 6\n")
    entries = pdf[xref_at:].split(b"\n")[3:8]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    assert b"(Budget \\(draft\\) 2027) Tj" in pdf


def assert_demo_scores(complete, partial):
    from achyk.transparency import selectors
    from achyk.transparency.models import Snapshot, Status

    def status(body, language):
        return selectors.score_for(body, code="council-acts", language=language).status

    assert (status(complete, "ky"), status(complete, "ru")) == (Status.FRESH, Status.FRESH)
    newest = selectors.score_for(partial, code="council-acts", language="ky")
    assert (newest.status, newest.missing) == (Status.PARTIAL, "number")
    # No Russian file of the newest act: the Russian row shows older acts, not this one.
    russian = selectors.score_for(partial, code="council-acts", language="ru")
    assert russian.status != Status.FRESH and newest.evidence[0]["title"] not in [
        item["title"] for item in russian.evidence
    ]
    assert selectors.score_for(partial, code="structure", language="ru").status == Status.STALE
    assert selectors.summary_for(complete).index > selectors.summary_for(partial).index
    assert Snapshot.objects.filter(body__in=[complete, partial]).count() == 2
