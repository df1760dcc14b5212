"""Wagtail's widgets and panels write carriers for ui/admin-init.js, never inline scripts
(achyk/ui/admin_scripts.py). The pages that use them are walked in the staff walk's test and
in the browser (tests/browser/test_admin_policy.py); here are the ones no screen uses yet."""

import json
import re

import pytest
from django.test import RequestFactory
from wagtail.admin.panels import MultipleChooserPanel
from wagtail.admin.widgets import (
    AdminDateInput,
    AdminDateTimeInput,
    AdminPageChooser,
    AdminTimeInput,
)
from wagtail.admin.widgets.workflows import AdminTaskChooser
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images.widgets import AdminImageChooser

from achyk.content.models import GalleryPage
from achyk.ui.tests.inline import inline_scripts

CARRIER = re.compile(r"<template data-achyk-init=[^>]*></template>")


def carriers(html: str) -> list[dict]:
    found = []
    for tag in CARRIER.findall(html):
        attrs = dict(re.findall(r'data-achyk-([a-z]+)="([^"]*)"', tag))
        attrs["options"] = json.loads(attrs["options"].replace("&quot;", '"'))
        found.append(attrs)
    return found


@pytest.mark.parametrize(
    ("widget", "call"),
    [(AdminDateInput, "date"), (AdminTimeInput, "time"), (AdminDateTimeInput, "datetime")],
)
def test_date_and_time_pickers_write_a_carrier(widget, call):
    html = widget().render("when", None, attrs={"id": "id_when"})
    assert inline_scripts(html) == []
    [carrier] = carriers(html)
    assert (carrier["init"], carrier["id"]) == (call, "id_when")
    assert "format" in carrier["options"]


@pytest.mark.parametrize(
    ("widget", "constructor"),
    [(AdminPageChooser, "PageChooser"), (AdminImageChooser, "ImageChooser"),
     (AdminDocumentChooser, "DocumentChooser")],
)  # fmt: skip
def test_choosers_write_a_carrier_naming_their_class(db, widget, constructor):
    html = widget().render("chosen", None, attrs={"id": "id_chosen"})
    assert inline_scripts(html) == []
    [carrier] = carriers(html)
    assert (carrier["init"], carrier["id"], carrier["constructor"]) == (
        "chooser", "id_chosen", constructor,
    )  # fmt: skip
    assert carrier["options"]["modalUrl"].startswith("/admin/")


def test_the_task_chooser_writes_a_carrier(db):
    html = AdminTaskChooser().render("task", None, attrs={"id": "id_task"})
    assert inline_scripts(html) == []
    assert [(c["init"], c["id"]) for c in carriers(html)] == [("task-chooser", "id_task")]


def test_a_multiple_chooser_panel_writes_a_carrier(editor_a, body_a):
    panel = MultipleChooserPanel("gallery_images", chooser_field_name="image", max_num=5)
    panel = panel.bind_to_model(GalleryPage)
    request = RequestFactory().get("/admin/")
    request.user = editor_a
    instance = GalleryPage(title="Сүрөттөр")
    form = panel.get_form_class()(instance=instance, for_user=editor_a)
    html = panel.get_bound_panel(instance=instance, form=form, request=request).render_html()
    assert inline_scripts(html) == []
    calls = [c["init"] for c in carriers(html)]
    assert calls[-1] == "multiple-chooser-panel"  # after its rows' image choosers
    assert set(calls[:-1]) == {"chooser"}
    assert 'id="id_gallery_images-CHOOSER_WIDGET"' in html
