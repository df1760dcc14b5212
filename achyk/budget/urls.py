"""Public addresses of budget data, under each language and each body's prefix:
/<slug>/<lang>/budget/... (the year pages, the Citizens' Budget, the hearings) and the open
data beside each year: data.csv, data.json, datapackage.json and budget.csv (the FDP resource);
platform-wide, /<lang>/budget/export/<year>.csv."""

from django.urls import path

from .citizens import views as citizens
from .hearings import views as hearings
from .opendata import views as opendata
from .public import views as public

urlpatterns = [
    path("<int:year>/data.csv", opendata.data_csv, name="budget_data_csv"),
    path("<int:year>/data.json", opendata.data_json, name="budget_data_json"),
    path("<int:year>/datapackage.json", opendata.datapackage_json, name="budget_datapackage"),
    path("<int:year>/budget.csv", opendata.fdp_csv, name="budget_fdp_csv"),
    path("export/<int:year>.csv", opendata.platform_export, name="budget_export"),
    path("", public.index, name="budget_index"),
    path("<int:year>/", public.year, name="budget_year"),
    path("<int:year>/citizens/<slug:stage>/", citizens.citizens, name="budget_citizens"),
    path(
        "<int:year>/citizens/<slug:stage>/pdf/", citizens.citizens_pdf, name="budget_citizens_pdf"
    ),
    path("hearings/", hearings.hearings, name="budget_hearings"),
    path("hearings/<int:pk>/", hearings.hearing, name="budget_hearing"),
]
