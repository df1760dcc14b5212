"""Public pages of the transparency monitor, under /<language>/transparency/ (per body too)."""

from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("methodology/", views.methodology, name="methodology"),
]
