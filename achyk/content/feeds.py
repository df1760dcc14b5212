"""RSS and Atom feeds of a body's news and announcements, in the language of the URL."""

from itertools import chain

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import AnnouncementPage, BodyHomePage, NewsPage

FEED_SIZE = 20


class NewsRssFeed(Feed):
    def get_object(self, request):
        body = getattr(request, "site_body", None)
        if body is None:
            raise Http404
        home = BodyHomePage.objects.filter(body=body, locale=Locale.get_active()).first()
        if home is None:
            raise Http404
        self.request = request
        return home

    def title(self, home):
        return _("%(body)s: news and announcements") % {"body": home.title}

    def link(self, home):
        return home.get_url(self.request)

    def description(self, home):
        return _("News and announcements of %(body)s") % {"body": home.title}

    def items(self, home):
        news = NewsPage.objects.live().public().descendant_of(home).order_by("-first_published_at")
        announcements = (
            AnnouncementPage.objects.live().public().descendant_of(home)
            .order_by("-first_published_at")
        )  # fmt: skip
        items = chain(news[:FEED_SIZE], announcements[:FEED_SIZE])
        return sorted(items, key=lambda page: page.first_published_at, reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
