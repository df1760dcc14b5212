"""Public addresses of budget data, under each language and each body's prefix:
/<slug>/<lang>/budget/<year>/data.csv, data.json, datapackage.json and budget.csv (the FDP
resource beside it); platform-wide, /<lang>/budget/export/<year>.csv."""

from django.urls import path

from . import views, views_public

urlpatterns = [
    path("<int:year>/data.csv", views.data_csv, name="budget_data_csv"),
    path("<int:year>/data.json", views.data_json, name="budget_data_json"),
    path("<int:year>/datapackage.json", views.datapackage_json, name="budget_datapackage"),
    path("<int:year>/budget.csv", views.fdp_csv, name="budget_fdp_csv"),
    path("export/<int:year>.csv", views.platform_export, name="budget_export"),
    path("", views_public.index, name="budget_index"),
    path("<int:year>/", views_public.year, name="budget_year"),
    path("<int:year>/citizens/<slug:stage>/", views_public.citizens, name="budget_citizens"),
    path(
        "<int:year>/citizens/<slug:stage>/pdf/",
        views_public.citizens_pdf,
        name="budget_citizens_pdf",
    ),
    path("hearings/", views_public.hearings, name="budget_hearings"),
    path("hearings/<int:pk>/", views_public.hearing, name="budget_hearing"),
]
