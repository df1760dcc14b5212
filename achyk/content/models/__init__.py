"""Page types of the common site template that every body's site is made of."""

from .base import BasePage
from .council import Commission, CouncilPage, Deputy
from .home import BodyHomePage, PlatformHomePage
from .news import AnnouncementIndexPage, AnnouncementPage, NewsIndexPage, NewsPage
from .sections import (
    ContactPage,
    DocumentIndexPage,
    FeedbackFormField,
    FeedbackFormPage,
    GalleryImage,
    GalleryIndexPage,
    GalleryPage,
    LeadershipPage,
    Person,
    Section,
    StandardPage,
    VacancyIndexPage,
    VacancyPage,
)
from .starts import PageStart

__all__ = [
    "AnnouncementIndexPage", "AnnouncementPage", "BasePage", "BodyHomePage", "Commission",
    "ContactPage", "CouncilPage", "Deputy", "DocumentIndexPage", "FeedbackFormField",
    "FeedbackFormPage", "GalleryImage", "GalleryIndexPage", "GalleryPage", "LeadershipPage",
    "NewsIndexPage", "NewsPage", "PageStart", "Person", "PlatformHomePage", "Section",
    "StandardPage", "VacancyIndexPage", "VacancyPage",
]  # fmt: skip
