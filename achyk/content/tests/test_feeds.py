"""RSS and Atom feeds of a body's news and announcements: its own items only, in one language."""

from achyk.content.tests import factories as f


def test_rss_feed_carries_news_and_announcements_of_this_body_only(client, body_a, body_b):
    f.news(body_a, "ky", title="Буранадагы жаңылык")
    f.announcement(body_a, "ky", title="Буранадагы жыйын")
    f.news(body_a, "ru", title="Новость Бураны")
    f.news(body_b, "ky", title="Көк-Жардагы жаңылык")

    response = client.get("/burana/ky/feeds/rss/")
    xml = response.content.decode()

    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss")
    assert "Буранадагы жаңылык" in xml and "Буранадагы жыйын" in xml
    assert "Көк-Жардагы жаңылык" not in xml and "Новость Бураны" not in xml
    assert "<link>http://testserver/burana/ky/news/" in xml and "<pubDate>" in xml


def test_atom_feed_gives_publication_and_update_dates(client, body_a, body_b):
    f.news(body_a, "ru", title="Новость Бураны")
    f.news(body_b, "ru", title="Новость Көк-Жара")

    xml = client.get("/burana/ru/feeds/atom/").content.decode()

    assert "Новость Бураны" in xml and "Новость Көк-Жара" not in xml
    assert "<published>" in xml and "<updated>" in xml


def test_feeds_are_announced_in_the_head_of_every_page(client, body_a):
    html = client.get("/burana/ky/news/").content.decode()
    head = html.split("</head>", 1)[0]
    assert 'rel="alternate" type="application/rss+xml"' in head and "/burana/ky/feeds/rss/" in head
    assert (
        'rel="alternate" type="application/atom+xml"' in head and "/burana/ky/feeds/atom/" in head
    )


def test_platform_has_no_feed_of_its_own(client, platform):
    assert client.get("/ky/feeds/rss/").status_code == 404
