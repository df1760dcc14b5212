from django.urls import path

from . import views

urlpatterns = [
    path("", views.subscribe, name="subscriptions_subscribe"),
    path("sent/", views.sent, name="subscriptions_sent"),
    path("confirm/<str:token>/", views.confirm, name="subscriptions_confirm"),
    path("leave/<str:key>/", views.leave, name="subscriptions_leave"),
]
