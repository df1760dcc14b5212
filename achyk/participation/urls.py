"""Public addresses of participation under each body and language:
/<slug>/<lang>/participation/needs/, needs/<pk>/, needs/<pk>/schedule/, groups/,
calendar/, calendar/<pk>/, calendar.ics, calendar/<kind>.ics, calendar/event/<key>.ics."""

from django.urls import path

from .events import views as events
from .groups import views as groups
from .needs import views as needs
from .statistics import views as statistics

urlpatterns = [
    path("needs/", needs.studies, name="participation_studies"),
    path("needs/<int:pk>/", needs.study, name="participation_study"),
    path("needs/<int:pk>/schedule/", needs.schedule, name="participation_schedule"),
    path("groups/", groups.groups, name="participation_groups"),
    path("statistics/", statistics.statistics, name="participation_statistics"),
    path("calendar/", events.calendar, name="participation_calendar"),
    path("calendar/<int:pk>/", events.event, name="participation_event"),
    path("calendar.ics", events.feed, name="participation_feed"),
    path("calendar/<slug:kind>.ics", events.feed, name="participation_kind_feed"),
    path("calendar/event/<slug:key>.ics", events.single, name="participation_event_ics"),
]
