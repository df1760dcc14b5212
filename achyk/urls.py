from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from achyk.content import admin_views as content_admin
from achyk.content import feeds
from achyk.content import views as content_views
from achyk.search import views as search_views
from achyk.signin.urls import public_urls as signin_urls
from achyk.transparency import signin
from achyk.ui import views as ui_views

urlpatterns = [
    # Before Wagtail's own address, which fails on the tree's root (see the view).
    path("admin/pages/<int:page_to_move_id>/set_position/", content_admin.set_page_position),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accessibility/", ui_views.accessibility, name="accessibility"),
]
if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", ui_views.media, name="media")]
urlpatterns += i18n_patterns(
    path("feeds/rss/", feeds.NewsRssFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.NewsAtomFeed(), name="feed_atom"),
    path("untranslated/<int:page_id>/", content_views.untranslated, name="untranslated"),
    path("emblem/", content_views.emblem, name="body_emblem"),
    path("search/", search_views.search, name="search"),
    path("login/", signin.SignInView.as_view(), name="jmeg_login"),
    path("login/", include(signin_urls)),
    path("logout/", signin.SignOutView.as_view(), name="jmeg_logout"),
    path("registry/", include("achyk.documents.registry.urls")),
    path("transparency/", include("achyk.transparency.urls")),
    path("budget/", include("achyk.budget.urls")),
    path("requests/", include("achyk.requests.urls")),
    path("subscriptions/", include("achyk.subscriptions.urls")),
    path("plans/", include("achyk.plans.urls")),
    path("participation/", include("achyk.participation.urls")),
    path("social-order/", include("achyk.social_order.urls")),
    path("", include(wagtail_urls)),
)

handler404 = "achyk.ui.views.not_found"
handler500 = "achyk.ui.views.server_error"
