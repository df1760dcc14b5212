"""Public addresses: /<slug>/<lang>/requests/... on a body's site, /<lang>/requests/ for the
platform's register."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.register, name="requests_register"),
    path("export.csv", views.register_csv, name="requests_csv"),
    path("ask/", views.ask, name="requests_ask"),
    path("sent/", views.sent, name="requests_sent"),
    path("confirm/<str:token>/", views.confirm, name="requests_confirm"),
    path("<str:reference>/", views.detail, name="requests_detail"),
    path("<str:reference>/files/<int:pk>/", views.answer_file, name="requests_file"),
]
