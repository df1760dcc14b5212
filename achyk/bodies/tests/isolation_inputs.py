"""Helpers of the input walk: every admin form of the project, found from the page types and
the registered viewsets (snippets included), and requests that POST another body's ids into
each of its fields that takes one: model choices (choosers, selects, inline rows), rich text
(page and document links, image embeds) and StreamField chooser blocks at any depth.

A form is found from the models, not from a list: a new page type, snippet or viewset is
walked the day it is registered.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, reverse
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.viewsets import viewsets as viewset_registry
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.blocks import ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.blocks.base import BlockField
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, streamfield

from achyk.bodies.seal_forms import is_sealed_model

from .isolation import World, object_of_model

#: Rich text that refers to another body's objects, by what it refers to.
RICH_TEXT = {
    "page link": ('<p><a linktype="page" id="{}">кабар</a></p>', "draft"),
    "image embed": ('<embed embedtype="image" id="{}" format="fullwidth" alt="сүрөт"/>', "image"),
    "document link": ('<p><a linktype="document" id="{}">токтом</a></p>', "document"),
}  # fmt: skip


#: Validators a word passes (a text with other validators, e.g. e-mail addresses, stays empty).
PLAIN_VALIDATORS = {"MaxLengthValidator", "MinLengthValidator", "ProhibitNullCharactersValidator"}


@dataclass
class AdminForm:
    """One admin form that body staff may open: where it is and what it edits."""

    name: str
    url: str
    form_class: type
    model: type
    instance: object
    parent: object = None

    def build(self, user, data=None):
        kwargs = {"instance": self.instance}
        if issubclass(self.model, Page):
            kwargs["parent_page"] = self.parent
        try:
            return self.form_class(data, for_user=user, **kwargs)
        except TypeError:  # a plain ModelForm takes no user
            return self.form_class(data, **kwargs)


@dataclass
class InputProbe:
    form: AdminForm
    field: str
    data: dict
    target: object  # the other body's object the request names


def admin_forms(world: World) -> list[AdminForm]:
    """The edit form of every page type with a page in `world`, and the add and edit forms of
    every registered model viewset (snippets included)."""
    return _page_forms(world) + _viewset_forms(world)


def _page_forms(world: World) -> list[AdminForm]:
    found = []
    own = Page.objects.filter(path__startswith=world.home.path)
    for model in get_page_models():
        page = model.objects.filter(pk__in=own.values("pk"), locked=False).first()
        if page is None:
            continue  # a type the body has no page of (the platform's home page)
        found.append(
            AdminForm(
                name=f"page {model._meta.label}", url=f"/admin/pages/{page.pk}/edit/",
                form_class=model.get_edit_handler().get_form_class(), model=model,
                instance=page.specific, parent=page.get_parent(),
            )
        )  # fmt: skip
    return found


def _viewset_forms(world: World) -> list[AdminForm]:
    found = []
    for viewset in viewset_registry.viewsets:
        if not isinstance(viewset, ModelViewSet) or issubclass(viewset.model, Page):
            continue
        obj = object_of_model(world, viewset.model)
        for view, instance in (("add", None), ("edit", obj)):
            url = _viewset_url(viewset, view, instance)
            if url is None:
                continue
            form_class = viewset.get_form_class(for_update=instance is not None)
            found.append(
                AdminForm(
                    name=f"{view} {viewset.model._meta.label}", url=url, form_class=form_class,
                    model=viewset.model, instance=instance or viewset.model(),
                )
            )  # fmt: skip
    return found


def _viewset_url(viewset, view, instance):
    try:
        args = [instance.pk] if instance is not None else []
        return reverse(viewset.get_url_name(view), args=args)
    except (NoReverseMatch, AttributeError):
        return None


def id_fields(form) -> list[tuple[str | None, str, forms.Field]]:
    """(formset or None, name, field) for each field of the form (as drawn for its user) that
    takes an id: a model choice of a sealed model, rich text, a StreamField with a chooser
    block; in the form and in its inline rows."""
    form_class = type(form)
    found = [(None, name, field) for name, field in form.fields.items()]
    for formset_name, formset in getattr(form, "formsets", {}).items():
        child_fields = formset.empty_form.fields.items()
        found += [(formset_name, name, field) for name, field in child_fields]
    return [(fs, name, field) for fs, name, field in found if _takes_ids(form_class, name, field)]


def _takes_ids(form_class, name, field) -> bool:
    if isinstance(field, forms.ModelChoiceField):
        return field.queryset is not None and is_sealed_model(field.queryset.model)
    if isinstance(field, BlockField):
        return bool(chooser_blocks(field.block))
    model_field = _model_field(form_class, name)
    return isinstance(field.widget, DraftailRichTextArea) or isinstance(model_field, RichTextField)


def _model_field(form_class, name):
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    try:
        return model._meta.get_field(name) if model else None
    except Exception:  # noqa: BLE001 (a form field of no model field)
        return None


def chooser_blocks(block) -> list:
    """The chooser blocks (page, image, document, snippet) anywhere inside `block`."""
    if isinstance(block, ChooserBlock):
        return [block] if is_sealed_model(block.target_model) else []
    children = getattr(block, "child_blocks", None)
    if children is None and isinstance(block, ListBlock):
        children = {"item": block.child_block}
    return [found for child in (children or {}).values() for found in chooser_blocks(child)]


def block_data(block, chooser, value):
    """Form data of `block` in which `chooser` holds `value` and every other part is empty."""
    if block is chooser:
        return value
    if isinstance(block, StreamBlock):
        for name, child in block.child_blocks.items():
            if chooser in chooser_blocks(child) or child is chooser:
                return streamfield([(name, block_data(child, chooser, value))])
        return streamfield([])
    if isinstance(block, ListBlock):
        inner = block_data(block.child_block, chooser, value)
        return {"count": 1, "0": {"value": inner, "deleted": "", "order": 0, "id": ""}}
    if isinstance(block, StructBlock):
        children = block.child_blocks.items()
        return {name: block_data(child, chooser, value) for name, child in children}
    return ""


def form_data(form) -> dict:
    """What the browser would send for an unbound `form` as it is drawn, its rows included,
    with every empty field that needs a value given one (`filled`)."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled or isinstance(field, BlockField):
            continue
        value = _posted(field, form[name].value())
        if value in (None, "", []):
            value = filled(field, _model_field(type(form), name))
        if value is not None:
            data[form.add_prefix(name)] = value
    for name, field in form.fields.items():
        if isinstance(field, BlockField):
            data.update(nested_form_data({form.add_prefix(name): streamfield([])}))
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for child in formset.forms:
            data.update(form_data(child))
    return data


def _plain(model_field) -> bool:
    validators = getattr(model_field, "validators", [])
    return all(type(v).__name__ in PLAIN_VALIDATORS for v in validators)


def filled(field, model_field=None):
    """A value for an empty field: text for text (a page's image needs its description), the
    first choice of a required choice, a date for a required date, a year for a number."""
    if type(field) is forms.CharField and not isinstance(field.widget, DraftailRichTextArea):
        return "сүрөт" if _plain(field) and _plain(model_field) else None
    if not field.required:
        return None
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return first.pk if first is not None else None
    if isinstance(field, forms.ChoiceField):
        return next((str(k) for k, _label in field.choices if k not in ("", None)), None)
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        today = datetime.datetime(2030, 5, 15, 10, 0)
        return field.widget.format_value(
            today if isinstance(field, forms.DateTimeField) else today.date()
        )
    if isinstance(field, forms.IntegerField):
        return 2030
    return None


def _posted(field, value):
    if isinstance(field.widget, DraftailRichTextArea):
        return field.widget.format_value(value)
    if isinstance(field, forms.BooleanField):
        return "on" if value else None
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)) or isinstance(field, forms.MultipleChoiceField):
        return [v.pk if isinstance(v, models.Model) else v for v in value or []]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return field.widget.format_value(value)
    return "" if value is None else value


def input_probes(form: AdminForm, user, other: World) -> list[InputProbe]:
    """One request per field that takes an id (three for rich text), naming `other`'s object."""
    base = form_data(form.build(user))
    probes = []
    for formset, name, field in id_fields(form.build(user)):
        for label, value, target in _values(form, name, field, other):
            data = dict(base)
            if formset is None:
                data.update(_field_data(form.build(user), name, value))
            else:
                data.update(_row_data(form.build(user), formset, name, value))
            probes.append(InputProbe(form, f"{formset or ''}-{name} ({label})", data, target))
    return probes


def _values(form, name, field, other: World):
    """(label, posted value, target) for each way the field can name `other`'s objects."""
    if isinstance(field, forms.ModelChoiceField):
        target = target_of(other, field.queryset.model, form.instance)
        if target is None:
            raise LookupError(f"{form.name}: no object of {field.queryset.model} in the walk")
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        return [("choice", [target.pk] if multiple else target.pk, target)]
    if isinstance(field, BlockField):
        values = []
        for chooser in chooser_blocks(field.block):
            target = object_of_model(other, resolve_model_string(chooser.target_model))
            if target is None:
                raise LookupError(f"{form.name}: no object of {chooser.target_model} in the walk")
            stream = block_data(field.block, chooser, target.pk)
            values.append((f"{chooser.__class__.__name__}", stream, target))
        return values
    widget = field.widget if isinstance(field.widget, DraftailRichTextArea) else None
    values = []
    for label, (html, key) in RICH_TEXT.items():
        target = other.objects[key]
        text = html.format(target.pk)
        values.append((label, widget.format_value(text) if widget else text, target))
    return values


def target_of(world: World, model, instance):
    """An object of `model` in `world`, not the one the form edits (an act cannot amend
    itself)."""
    target = object_of_model(world, model)
    if target is None or not isinstance(instance, model) or target.pk != instance.pk:
        return target
    others = model._default_manager.exclude(pk=instance.pk)
    if any(f.name == "body" for f in model._meta.get_fields()):
        return others.filter(body=world.body).first()
    return None


def _field_data(form, name, value) -> dict:
    if isinstance(form.fields[name], BlockField):
        return nested_form_data({form.add_prefix(name): value})
    return {form.add_prefix(name): value}


def _row_data(form, formset_name, name, value) -> dict:
    """One more row in the formset, its required text filled and `name` set to `value`."""
    formset = form.formsets[formset_name]
    index = formset.total_form_count()
    row = formset.form(prefix=formset.add_prefix(index), **formset.get_form_kwargs(index))
    data = {}
    for field_name, field in row.fields.items():
        key = row.add_prefix(field_name)
        if field_name == name:
            data[key] = value
        elif isinstance(field, forms.CharField) and field.required:
            data[key] = "сүрөт"
        elif field_name == "ORDER":
            data[key] = index + 1
    data[f"{formset.prefix}-TOTAL_FORMS"] = index + 1
    return data


def references_of(obj) -> set[tuple[str, str]]:
    """(model label, id) of every object `obj` refers to: its foreign keys and many-to-many
    relations, its rich text and StreamField values, and the same of its inline rows."""
    found = set()
    for field in obj._meta.get_fields():
        if field.many_to_one and field.concrete:
            pk = getattr(obj, field.attname)
            if pk is not None:
                found.add((field.related_model._meta.label_lower, str(pk)))
        elif isinstance(field, (RichTextField, StreamField)):
            for model, pk, _path, _content in field.extract_references(getattr(obj, field.name)):
                found.add((model._meta.label_lower, str(pk)))
        elif field.one_to_many and field.auto_created and _is_child_relation(field):
            for child in getattr(obj, field.get_accessor_name()).all():
                found |= references_of(child)
    return found


def _is_child_relation(field) -> bool:
    from modelcluster.fields import ParentalKey

    return isinstance(getattr(field, "field", None), ParentalKey)


def referrer_count(target) -> int:
    """How many rows of any model point at `target` with a foreign key or many-to-many
    relation (an act's amendments are rows of their own, not a field of the act)."""
    total = 0
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.many_to_one or field.many_to_many) or not field.concrete:
                continue
            if field.related_model is not None and isinstance(target, field.related_model):
                total += model._default_manager.filter(**{field.name: target.pk}).count()
    return total


def saved_state(form: AdminForm):
    """The object as the admin would show it next: a page's latest revision, a model's row."""
    if issubclass(form.model, Page):
        return Page.objects.get(pk=form.instance.pk).get_latest_revision_as_object()
    if form.instance.pk is None:
        return None
    return form.model._default_manager.filter(pk=form.instance.pk).first()
