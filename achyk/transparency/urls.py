"""Public pages of the transparency monitor, under /<language>/transparency/ (per body too)."""

from django.urls import path

from . import public, views
from .rating import views as rating_views

app_name = "transparency"

urlpatterns = [
    path("methodology/", views.methodology, name="methodology"),
    path("", public.body_page, name="body"),
    path("flag/", public.flag, name="flag"),
    path("rating/", rating_views.rating_page, name="rating"),
    path("rating/duties/", rating_views.duty_statistics_page, name="duty_statistics"),
    path("rating/hearing/", rating_views.hearing_page, name="hearing"),
    path("rating/export.csv", rating_views.export, {"fmt": "csv"}, name="export_csv"),
    path("rating/export.xlsx", rating_views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("rating/export.json", rating_views.export, {"fmt": "json"}, name="export_json"),
]
