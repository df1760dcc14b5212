"""Public addresses of plans, under each language and body: /<slug>/<lang>/plans/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="plans_index"),
    path("overview/", views.overview, name="plans_overview"),
    path("monitoring/", views.monitoring, name="plans_monitoring"),
    path("monitoring/report/", views.file_report, name="plans_file_report"),
    path("<int:pk>/", views.plan, name="plans_plan"),
    path("<int:pk>/<slug:table>.<slug:fmt>", views.export, name="plans_export"),
    path("actions/<int:pk>/", views.action, name="plans_action"),
    path("actions/<int:pk>/assess/", views.assess, name="plans_assess"),
    path("flags/<int:pk>/reopen/", views.reopen, name="plans_flag_reopen"),
    path("flags/<int:pk>/close/", views.close, name="plans_flag_close"),
    path("reports/<int:pk>/", views.report, name="plans_report"),
    path("reports/<int:pk>/publish/", views.publish, name="plans_publish"),
]
