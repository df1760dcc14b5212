"""The social order in the admin: its viewsets (one menu group) and its screens."""

from django.urls import include, path
from wagtail import hooks

from . import admin_views as views

urls = [
    path("calls/<int:pk>/", views.CallView.as_view(), name="call"),
    path("contracts/<int:pk>/tranches/", views.ContractView.as_view(), name="contract"),
    path("tranches/<int:pk>/", views.TrancheActionView.as_view(), name="tranche"),
    path("reports/<int:pk>/review/", views.ReportReviewView.as_view(), name="review"),
    path("organisations/<int:pk>/document/", views.FoundingDocumentView.as_view(),
         name="founding_document"),
    path("attachments/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("report-files/<int:pk>/", views.ReportAttachmentView.as_view(), name="report_file"),
]  # fmt: skip


@hooks.register("register_admin_urls")
def register_social_order_urls():
    return [path("social-order/", include((urls, "social_order_admin")))]


@hooks.register("register_admin_viewset")
def register_social_order_viewsets():
    from .viewsets import SocialOrderGroup

    return SocialOrderGroup()
