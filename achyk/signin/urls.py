"""Routes of the second factor: the admin's (registered in wagtail_hooks) and the public's."""

from django.urls import include, path
from django.views.decorators.cache import never_cache

from . import views

accounts_urls = [
    path("", views.AccountsView.as_view(), name="index"),
    path("<int:pk>/reset/", views.ResetView.as_view(), name="reset"),
]

admin_urls = [
    path("two-step/", views.OverviewView.as_view(), name="signin_overview"),
    path("two-step/setup/", never_cache(views.AdminSetupView.as_view()), name="signin_setup"),
    path("two-step/codes/", never_cache(views.RecoveryCodesView.as_view()), name="signin_codes"),
    path("two-step/verify/", never_cache(views.AdminVerifyView.as_view()), name="signin_verify"),
    path(
        "two-step/accounts/",
        include((accounts_urls, "signin_accounts"), namespace="signin_accounts"),
    ),
]

#: Under /<language>/login/ (achyk/urls.py), for members of a monitoring group.
public_urls = [
    path("verify/", never_cache(views.PublicVerifyView.as_view()), name="signin_public_verify"),
    path("two-step/", never_cache(views.PublicSetupView.as_view()), name="signin_public_setup"),
]
