"""Tag vocabularies sealed per body.

Wagtail offers "popular tags" in the image and document indexes and in the image chooser,
counted over every image or document of the platform (`popular_tags_for_model`), so one
body's tag names would show in another's admin. The views below are Wagtail's own, with the
tags counted over the objects the user may reach. They are routed before Wagtail's (the
`bodies` app comes first in INSTALLED_APPS), under the same addresses, so every link and
`reverse()` of Wagtail's keeps working.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import path
from taggit.models import Tag
from wagtail.documents.views import documents as document_views
from wagtail.images.views import chooser as image_chooser
from wagtail.images.views import images as image_views

from .roles import sees_all_bodies

POPULAR_TAGS = 10


def popular_tags_for(user, model):
    """The most used tags of the `model` objects that `user` may reach."""
    objects = model.objects.all() if sees_all_bodies(user) else model.objects.for_user(user)
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=objects.values("pk"),
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:POPULAR_TAGS]
    )


class SealedTagsFilterSetMixin:
    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        tag_filter = self.filters.get("tag")
        if tag_filter is None:
            return
        tags = popular_tags_for(request.user, self._meta.model)
        choices = [(tag.name, tag.name) for tag in tags]
        if choices:
            tag_filter.extra["choices"] = choices
        else:
            del self.filters["tag"]


class SealedImagesFilterSet(SealedTagsFilterSetMixin, image_views.ImagesFilterSet):
    class Meta(image_views.ImagesFilterSet.Meta):
        pass


class SealedDocumentsFilterSet(SealedTagsFilterSetMixin, document_views.DocumentsFilterSet):
    class Meta(document_views.DocumentsFilterSet.Meta):
        pass


class ImageIndexView(image_views.IndexView):
    filterset_class = SealedImagesFilterSet


class DocumentIndexView(document_views.IndexView):
    filterset_class = SealedDocumentsFilterSet


class ImageChooseView(image_chooser.ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = popular_tags_for(self.request.user, self.model)
        return context


def _image_choose_view():
    viewset = image_chooser.viewset
    view_class = viewset.inject_view_methods(ImageChooseView, ["get_object_list"])
    return viewset.construct_view(
        view_class,
        icon=viewset.icon,
        page_title=viewset.page_title,
        search_tab_label=viewset.search_tab_label,
        creation_tab_label=viewset.creation_tab_label,
    )


def urlpatterns():
    return [
        path("images/", ImageIndexView.as_view()),
        path("images/results/", ImageIndexView.as_view(results_only=True)),
        path("images/chooser/", _image_choose_view()),
        path("documents/", DocumentIndexView.as_view()),
        path("documents/results/", DocumentIndexView.as_view(results_only=True)),
    ]
