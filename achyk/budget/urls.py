"""Public addresses of budget data, under each language and each body's prefix:
/<slug>/<lang>/budget/<year>/data.csv, data.json, datapackage.json and budget.csv (the FDP
resource beside it); platform-wide, /<lang>/budget/export/<year>.csv."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:year>/data.csv", views.data_csv, name="budget_data_csv"),
    path("<int:year>/data.json", views.data_json, name="budget_data_json"),
    path("<int:year>/datapackage.json", views.datapackage_json, name="budget_datapackage"),
    path("<int:year>/budget.csv", views.fdp_csv, name="budget_fdp_csv"),
    path("export/<int:year>.csv", views.platform_export, name="budget_export"),
]
