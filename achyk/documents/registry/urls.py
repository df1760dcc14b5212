"""Addresses of the registry, under each language (and each body's prefix): /<lang>/registry/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.registry_list, name="registry"),
    path("rss/", views.RegistryRssFeed(), name="registry_rss"),
    path("atom/", views.RegistryAtomFeed(), name="registry_atom"),
    path("export.csv", views.export_csv, name="registry_csv"),
    path("export.json", views.export_json, name="registry_json"),
]
