"""The input seal: every id an admin form carries must name an object in the user's reach.

The URL seal (`seal.TenantSealMiddleware`) checks the ids of an admin address; the ids a form
sends (a page's image, an inline row's photo, a link inside rich text, a chooser block of a
StreamField) are checked here, by one form mixin that Wagtail's forms are built from:

* `SealedFormMixin.__init__` limits every model choice field whose model is sealed (pages,
  images, documents, collections, bodies, users, body-owned models) to the objects the user
  may reach, in the form and in every inline row (`reach_queryset`);
* `SealedFormMixin.full_clean` checks every chosen object again with the same rule, and every
  page, image, document or snippet that a rich text or StreamField value refers to (found
  with Wagtail's reference extraction, the machinery of its reference index), with
  `tenancy.object_in_reach`. An id out of reach is refused with Django's own message for a
  missing choice, and a missing id is refused alike, so the answer tells nothing of the other
  body; the refused field is shown again with its saved value, never the other body's object.

`seal_admin_forms()` (from the app's `ready`) makes every page type's form and every
model's default admin form (snippets, viewsets built from panels) a sealed one. A form class
written by hand for the admin inherits `SealedFormMixin`; `unsealed_admin_forms()` lists the
admin forms that would let an id through, and the isolation proof fails on any of them.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.blocks.base import BlockField
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import extract_references_from_rich_text

from .models import Body, Membership
from .roles import body_of, sees_all_bodies
from .tenancy import _has_body_field, object_in_reach


def is_sealed_model(model) -> bool:
    """Models whose objects belong to one body (or to none a body's staff may name).
    `model` may be a class or a label ("documents.Document", as chooser blocks give it)."""
    model = resolve_model_string(model)
    return issubclass(model, (Page, Collection, Body, Site, get_user_model())) or _has_body_field(
        model
    )


def reach_queryset(queryset, user):
    """`queryset` limited to the objects `user` may reach (see `tenancy.object_in_reach`)."""
    from .seal_hooks import own_pages_q

    model = queryset.model
    if not is_sealed_model(model) or sees_all_bodies(user):
        return queryset
    body = body_of(user)
    if body is None:
        return queryset.none()
    if issubclass(model, Page):
        return queryset.filter(own_pages_q(user) | Q(depth=1))
    if issubclass(model, Collection):
        own = body.collection
        return queryset.filter(path__startswith=own.path) if own else queryset.none()
    if issubclass(model, Body):
        return queryset.filter(pk=body.pk)
    if issubclass(model, Site):
        return queryset.filter(pk=body.site_id)
    if issubclass(model, get_user_model()):
        members = Membership.objects.filter(body=body).values("user_id")
        return queryset.filter(pk__in=members)
    return queryset.filter(body=body)


def seal_choice_fields(form, user) -> None:
    """Limits the model choice fields of `form` to what `user` may reach."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            field.queryset = reach_queryset(field.queryset, user)


class SealedFormMixin:
    """Refuses every id out of the user's reach (`for_user`), in the form and its inline rows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.sealed_user
        if user is None or sees_all_bodies(user):
            return
        seal_choice_fields(self, user)
        for formset in getattr(self, "formsets", {}).values():
            formset.form = sealed_form_class(formset.form)
            formset.form_kwargs = {**formset.form_kwargs, "for_user": user}

    @property
    def sealed_user(self):
        return getattr(self, "for_user", None)

    def full_clean(self):
        super().full_clean()
        user = self.sealed_user
        if self.is_bound and user is not None and not sees_all_bodies(user):
            refuse_out_of_reach(self, user)


def refuse_out_of_reach(form, user) -> None:
    """Adds Django's "not one of the available choices" error to each field naming an object
    out of reach, and shows the field again without it. A field refused for another reason
    (a required part of a block left empty) is not drawn with another body's object either."""
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.ModelChoiceField):
            chosen = form.cleaned_data.get(name)
            if name in form.cleaned_data and not _choices_in_reach(field, chosen, user):
                form.add_error(name, _invalid_choice(field))
            sealed = field.queryset is not None and is_sealed_model(field.queryset.model)
            if form.has_error(name) and sealed:
                _replace_data(form, name, field, [])
            continue
        references = _references(form, name, field)
        if references is None or _in_reach(references, user):
            continue
        if name in form.cleaned_data:
            form.add_error(name, _invalid_choice(forms.ModelChoiceField(Page.objects.none())))
        _show_saved(form, name, field)


def _choices_in_reach(field, value, user) -> bool:
    chosen = [] if value is None else (list(value) if field_is_multiple(field) else [value])
    chosen = [obj for obj in chosen if is_sealed_model(type(obj))]
    if not chosen:
        return True
    queryset = reach_queryset(type(chosen[0])._default_manager.all(), user)
    return queryset.filter(pk__in=[obj.pk for obj in chosen]).count() == len(chosen)


def field_is_multiple(field) -> bool:
    return isinstance(field, forms.ModelMultipleChoiceField)


def _invalid_choice(field) -> ValidationError:
    if field_is_multiple(field):
        return ValidationError(field.error_messages["invalid_list"], code="invalid_list")
    return ValidationError(field.error_messages["invalid_choice"], code="invalid_choice")


def _references(form, name, field):
    """What the value of a rich text or StreamField field refers to, as Wagtail's reference
    index finds it: (model, id, model path, content path); None for other fields."""
    if not isinstance(field, BlockField) and not _is_rich_text(form, name, field):
        return None
    if name in form.cleaned_data:
        value = form.cleaned_data[name]
    else:  # refused already: what the form would draw again
        try:
            value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        except (KeyError, ValueError, TypeError, ValidationError):
            return []
    if not value:
        return []
    if isinstance(field, BlockField):
        return list(field.block.extract_references(value))
    return list(extract_references_from_rich_text(str(value)))


def _in_reach(references, user) -> bool:
    """Whether every referenced object exists and is in `user`'s reach."""
    for model, pk, _path, _content_path in references:
        if is_sealed_model(model):
            if not object_in_reach(user, model, pk):  # out of reach, or missing
                return False
        elif not model._default_manager.filter(pk=_as_pk(model, pk)).exists():
            return False  # a missing object is refused like another body's
    return True


def _as_pk(model, pk):
    try:
        return model._meta.pk.to_python(pk)
    except ValidationError:
        return None


def _is_rich_text(form, name, field) -> bool:
    if isinstance(field.widget, DraftailRichTextArea):
        return True
    model = getattr(getattr(form, "_meta", None), "model", None)
    try:
        return model is not None and isinstance(model._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


def _show_saved(form, name, field) -> None:
    """The refused value is not shown again: its widget would draw the other body's object
    (a chooser shows its title, the rich text editor the linked page's address)."""
    saved = form.get_initial_for_field(field, name)
    if isinstance(field, BlockField):
        field.disabled = True  # a StreamField is drawn from its saved value
        return
    _replace_data(form, name, field, field.widget.format_value(saved))


def _replace_data(form, name, field, value) -> None:
    data = form.data.copy()
    key = form.add_prefix(name)
    if isinstance(value, list) and hasattr(data, "setlist"):
        data.setlist(key, value)
    else:
        data[key] = "" if isinstance(value, list) else value
    form.data = data


_sealed_classes: dict[type, type] = {}


def sealed_form_class(form_class: type) -> type:
    """`form_class` with the input seal (the class itself when it already has it)."""
    if issubclass(form_class, SealedFormMixin):
        return form_class
    if form_class not in _sealed_classes:
        _sealed_classes[form_class] = type(
            f"Sealed{form_class.__name__}", (SealedFormMixin, form_class), {}
        )
    return _sealed_classes[form_class]


def seal_admin_forms() -> None:
    """Every page type's form and every model's default admin form carry the input seal.

    `base_form_class` is Wagtail's own setting of the form a model's panels build on (it sets
    `Page.base_form_class` itself); page types and models that choose their own form get it
    wrapped, so a new page type or snippet is sealed without anyone remembering.
    """
    from django.apps import apps

    for model in apps.get_models():
        base = getattr(model, "base_form_class", None)
        if base is not None:
            model.base_form_class = sealed_form_class(base)
        elif _refers_to_objects(model):
            model.base_form_class = sealed_form_class(WagtailAdminModelForm)


def _refers_to_objects(model) -> bool:
    """Whether a form of `model` would take ids: a key or many-to-many relation of its own to
    a sealed model, or a field that refers to objects (rich text, a StreamField)."""
    for field in model._meta.get_fields():
        if hasattr(field, "extract_references"):
            return True
        forward = (field.many_to_one or field.many_to_many) and not field.auto_created
        if forward and field.related_model and is_sealed_model(field.related_model):
            return True
    return False


def unsealed_admin_forms(form_classes) -> list[str]:
    """The names of the form classes that take an id (a model choice, rich text, a stream)
    and do not carry the input seal."""
    unsealed = []
    for form_class in form_classes:
        if issubclass(form_class, SealedFormMixin):
            continue
        fields = getattr(form_class, "base_fields", {})
        if any(_takes_ids(field) for field in fields.values()):
            unsealed.append(f"{form_class.__module__}.{form_class.__qualname__}")
    return unsealed


def _takes_ids(field) -> bool:
    if isinstance(field, forms.ModelChoiceField):
        return field.queryset is None or is_sealed_model(field.queryset.model)
    return isinstance(field, BlockField) or isinstance(field.widget, DraftailRichTextArea)
