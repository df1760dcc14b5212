"""Public addresses of the social order under each body's prefix: /<slug>/<lang>/social-order/
(the register, a call, a contract, the exports; an NGO's sign-up, applications and reports;
a commission member's calls and score sheets; the monitoring group's reports on projects,
filed on the site, and the NGO's answers to them)."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import views
from .applicants import views as applicants
from .commission import views as commission
from .monitoring import views as monitoring

urlpatterns = [
    path("", views.index, name="social_order_index"),
    path("calls/<int:pk>/", views.call, name="social_order_call"),
    path("contracts/<int:pk>/", views.contract, name="social_order_contract"),
    path("data.csv", views.data_csv, name="social_order_csv"),
    path("data.json", views.data_json, name="social_order_json"),
    path("360giving.json", views.giving_json, name="social_order_360giving"),
    path("signup/", never_cache(applicants.signup), name="social_order_signup"),
    path("mine/", never_cache(applicants.mine), name="social_order_mine"),
    path("calls/<int:pk>/apply/", applicants.start, name="social_order_start"),
    path("applications/<int:pk>/", never_cache(applicants.application),
         name="social_order_application"),
    path("tranches/<int:pk>/report/", never_cache(applicants.report), name="social_order_report"),
    path("monitoring/", never_cache(monitoring.page), name="social_order_monitoring"),
    path("monitoring/report/", monitoring.file_report, name="social_order_monitoring_file"),
    path("monitoring/<int:pk>/publish/", monitoring.publish,
         name="social_order_monitoring_publish"),
    path("monitoring/<int:pk>/answer/", monitoring.answer, name="social_order_monitoring_answer"),
    path("commission/", never_cache(commission.calls), name="social_order_commission"),
    path("commission/applications/<int:pk>/", never_cache(commission.application),
         name="social_order_commission_application"),
]  # fmt: skip
