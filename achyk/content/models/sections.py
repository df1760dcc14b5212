"""The other sections of a body's site: pages, galleries, documents, people, contacts, vacancies."""

import logging

from django.db import DatabaseError, models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from achyk.ui.panels import BoundedInlinePanel

from ..submissions import ReceptionSubmissionsView
from ..visibility import public
from .base import BasePage, paginate, rich_text

logger = logging.getLogger(__name__)
#: The thank-you page that reads nothing from the database (`FeedbackFormPage`).
RECEIVED_TEMPLATE = "content/feedback_form_page_received.html"


class Section(models.TextChoices):
    """Which information the law asks for a page gives: the transparency monitor counts the
    page as evidence of that duty ("section:<value>")."""

    ABOUT = "about", _("about the territory (passport)")
    STRUCTURE = "structure", _("structure and staff")
    COUNCIL = "council", _("local council: deputies, commissions")
    CHARTER = "charter", _("charter of the local community")
    SERVICES = "services", _("services and how to get them")
    APPEALS = "appeals", _("how to appeal")
    ACCESS = "access-to-information", _("access to information")
    ANTI_CORRUPTION = "anti-corruption", _("anti-corruption")
    JMEG = "jmeg", _("joint monitoring and evaluation group")
    SOCIAL_ORDER = "social-order", _("municipal social order")
    PROPERTY = "property", _("municipal property and land")
    BUDGET = "budget", _("budget")
    PROCUREMENT = "procurement", _("procurement")


class StandardPage(BasePage):
    """An article or information page (макала / статья): about the body, services, rules."""

    body = rich_text(_("text"))
    section = models.CharField(
        _("information required by law"), max_length=30, choices=Section.choices, blank=True,
        help_text=_("If this page publishes information the law requires, say which: the "
                    "transparency monitor then counts it."),
    )  # fmt: skip
    content_panels = BasePage.content_panels + ["section", "body"]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.BodyHomePage", "content.StandardPage", "content.PlatformHomePage"]

    class Meta:
        verbose_name = _("page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = public(self.get_children().live(), request)
        return context


class GalleryIndexPage(BasePage):
    parent_page_types = ["content.BodyHomePage"]
    subpage_types = ["content.GalleryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("photo galleries section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        galleries = (
            public(GalleryPage.objects.live(), request).child_of(self)
            .order_by("-first_published_at")
            .prefetch_related("gallery_images__image__renditions")
        )  # fmt: skip
        context["items"] = paginate(request, galleries)
        return context


class GalleryPage(BasePage):
    """A photo gallery (фотогалерея): images, each with its text alternative."""

    content_panels = BasePage.content_panels + [
        BoundedInlinePanel("gallery_images", label=_("Images"), min_num=1, max_num=100)
    ]
    parent_page_types = ["content.GalleryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("photo gallery")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["images"] = self.gallery_images.select_related("image").prefetch_related(
            "image__renditions"
        )
        return context


class GalleryImage(Orderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("images.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        _("image description (alt text)"), max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )  # fmt: skip
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    panels = ["image", "alt_text", "caption"]


class DocumentIndexPage(RoutablePageMixin, BasePage):
    """The registry of a body's acts (документтер / документы): filtered by the query string
    (type, year, status, adopted by, language, sort), newest adoption first, with feeds and
    exports of the same filters (`achyk.documents.registry.views`)."""

    parent_page_types = ["content.BodyHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("documents section")

    def get_context(self, request, *args, **kwargs):
        from achyk.documents.registry import views as registry_views

        context = super().get_context(request, *args, **kwargs)
        body = self.site_body
        form = registry_views.registry.RegistryFilter(request.GET, body=body)
        context.update(
            registry_views.listing_context(request, body=body, form=form, base_url=request.path)
        )
        return context

    @path("acts/<int:act_id>/", name="act")
    @path("acts/<int:act_id>-<str:slug>/", name="act_with_slug")
    def act(self, request, act_id, slug=None):
        """A legal act's page (`achyk.documents.views`): the id is permanent, the slug redirects."""
        from achyk.documents.views import act_page

        context = BasePage.get_context(self, request)
        return act_page(request, section=self, context=context, act_id=act_id, slug=slug)


class LeadershipPage(BasePage):
    """Leadership and structure (жетекчилик жана түзүмү / руководство и структура)."""

    structure = rich_text(_("structure of the body"))
    content_panels = BasePage.content_panels + [
        BoundedInlinePanel(
            "people",
            label=_("People"),
            max_num=100,
            help_text=_(
                "The first person is the head of the body, shown with the photo on the home page."
            ),
        ),
        "structure",
    ]
    parent_page_types = ["content.BodyHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("leadership and structure")


class Person(Orderable):
    page = ParentalKey(LeadershipPage, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=250)
    photo = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("photo"),
    )  # fmt: skip
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    reception_hours = models.CharField(_("reception hours"), max_length=250, blank=True)
    duties = models.TextField(_("duties"), blank=True)
    panels = [
        FieldRowPanel(["name", "position"]), "photo",
        FieldRowPanel(["phone", "email"]), "reception_hours", "duties",
    ]  # fmt: skip


class ContactPage(BasePage):
    """Contacts and reception hours: the body's address, phones and e-mail, and how to come."""

    body = rich_text(_("reception of citizens"))
    map_url = models.URLField(_("link to a map"), blank=True)
    content_panels = BasePage.content_panels + ["body", "map_url"]
    parent_page_types = ["content.BodyHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contacts")


class VacancyIndexPage(BasePage):
    parent_page_types = ["content.BodyHomePage"]
    subpage_types = ["content.VacancyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("vacancies section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        vacancies = (
            public(VacancyPage.objects.live(), request)
            .child_of(self)
            .order_by("-first_published_at")
        )
        context["open_items"] = [v for v in vacancies if v.is_open]
        context["closed_items"] = [v for v in vacancies if not v.is_open][:10]
        return context


class VacancyPage(BasePage):
    """An open post or a competition for one (бош орун / вакансия)."""

    deadline = models.DateField(_("applications until"), null=True, blank=True)
    body = rich_text(_("duties, requirements, how to apply"))
    content_panels = BasePage.content_panels + ["deadline", "body"]
    parent_page_types = ["content.VacancyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("vacancy")

    @property
    def is_open(self) -> bool:
        return self.deadline is None or self.deadline >= timezone.localdate()


class FeedbackFormField(AbstractFormField):
    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(AbstractEmailForm, BasePage):
    """Online reception of appeals (онлайн кабыл алуу / интернет-приёмная)."""

    thank_you_text = rich_text(_("text after sending"))
    content_panels = BasePage.content_panels + [
        FormSubmissionsPanel(),
        BoundedInlinePanel("form_fields", label=_("Form fields"), max_num=50),
        "thank_you_text",
        MultiFieldPanel(
            [FieldRowPanel(["from_address", "to_address"]), FieldPanel("subject")],
            _("E-mail"),
        ),
    ]
    parent_page_types = ["content.BodyHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("online reception")

    def get_submissions_list_view_class(self):
        """Appeals are personal data: see `content.submissions`."""
        return ReceptionSubmissionsView

    def serve(self, request, *args, **kwargs):
        """The form carries its reader's CSRF token: no cache (ours or a proxy's) may keep it."""
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """The thank-you page, drawn here rather than on the way out. The appeal is stored by
        now: if the database goes away before the page is drawn (its menus and texts are read
        from it), the resident is told plainly that the appeal was received, from a page that
        reads nothing more, instead of an error that would make them send it again."""
        try:
            response = super().render_landing_page(request, form_submission, *args, **kwargs)
            return response.render()
        except DatabaseError:
            if form_submission is None:
                raise
            logger.exception("The reception's thank-you page failed after the appeal was stored")
            # The body's home in this language, under the prefix the request is served at
            # (the body's slug, or none on its own host): reversed, not read.
            context = {"title": self.title, "home_url": reverse("wagtail_serve", args=[""])}
            return HttpResponse(render_to_string(RECEIVED_TEMPLATE, context))
