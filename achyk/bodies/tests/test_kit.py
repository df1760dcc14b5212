"""The kit of body-owned admin screens: sealed viewsets, the body of a form, the staff menu
item and the one forbidden page. Acts and the import of acts are the screens built on it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import path
from wagtail.admin.forms import WagtailAdminModelForm

from achyk.bodies import kit, roles
from achyk.bodies.roles import SUPERVISORS_GROUP
from achyk.budget.imports.forms import UploadForm
from achyk.documents.admin_forms import ActForm
from achyk.documents.imports.admin_views import ImportForm
from achyk.documents.models import Act
from achyk.documents.tests import factories as document_factories

#: Forms of the admin that make a body's object.
BODY_FORMS = [ActForm, ImportForm, UploadForm]


@pytest.fixture
def root(platform):
    return get_user_model().objects.create_superuser("root", "root@example.kg", "x")


@pytest.fixture
def supervisor(platform):
    user = get_user_model().objects.create_user("nadzor", password="x")
    user.groups.add(Group.objects.get_or_create(name=SUPERVISORS_GROUP)[0])
    return user


@pytest.fixture
def without_seal(settings):
    """The admin without the tenant seal: the kit's own lock is the one left."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("TenantSealMiddleware")]


def test_sealed_viewset_answers_another_bodys_object_like_a_missing_one(
    client, body_a, editor_b, without_seal
):
    act = document_factories.act(body_a, title="СЕКРЕТ-А <b>токтом</b>")
    client.force_login(editor_b)
    for route in ("edit", "delete", "history", "usage"):
        response = client.get(f"/admin/acts/{route}/{act.pk}/")
        assert response.status_code == 404, route
        assert "СЕКРЕТ-А" not in response.content.decode()
    assert client.post(f"/admin/acts/delete/{act.pk}/").status_code == 404
    assert Act.objects.filter(pk=act.pk).exists()
    assert client.get("/admin/acts/edit/not-a-number/").status_code == 404
    assert "СЕКРЕТ-А" not in client.get("/admin/acts/?q=СЕКРЕТ").content.decode()


@pytest.mark.parametrize("form_class", BODY_FORMS)
def test_body_staff_never_see_the_body_field_and_work_in_their_own_body(
    form_class, body_a, body_b, editor_a
):
    form = form_class(for_user=editor_a)
    assert "body" not in form.fields
    assert form.target_body == body_a
    posted = form_class({"body": body_b.pk}, for_user=editor_a)
    posted.is_valid()
    assert posted.target_body == body_a  # a posted body is not read


@pytest.mark.parametrize("form_class", BODY_FORMS)
def test_a_platform_admin_must_pick_the_body(form_class, body_a, body_b, root):
    form = form_class({}, for_user=root)
    assert "body" in form.fields and form.target_body is None
    assert not form.is_valid() and form.errors["body"]
    picked = form_class({"body": body_b.pk}, for_user=root)
    picked.is_valid()
    assert "body" not in picked.errors and picked.target_body == body_b


def test_an_objects_body_never_changes(body_a, body_b, root):
    act = document_factories.act(body_a)
    form = ActForm({"body": body_b.pk}, instance=act, for_user=root)
    assert "body" not in form.fields
    form.is_valid()
    assert form.target_body == body_a and form.instance.body == body_a


def test_a_user_of_no_body_gets_an_error_not_a_body(supervisor, body_a):
    form = ImportForm({}, for_user=supervisor)
    assert "body" not in form.fields
    assert not form.is_valid()
    assert form.non_field_errors() == [str(kit.NOT_ALLOWED)]


def test_a_sealed_viewset_refuses_a_form_that_does_not_set_the_body(db):
    class PlainForm(WagtailAdminModelForm):
        class Meta:
            model = Act
            fields = ["title"]

    class Careless(kit.SealedViewSet):
        model = Act
        name = "careless_acts"
        form_class = PlainForm

    with pytest.raises(ImproperlyConfigured, match="BodyChoiceMixin"):
        Careless().get_form_class()


def test_a_sealed_viewset_refuses_a_route_the_seal_does_not_know(db):
    class Routed(kit.SealedViewSet):
        model = Act
        name = "routed_acts"
        form_class = ActForm

        def get_urlpatterns(self):
            extra = path("file/<int:file_id>/", self.index_view, name="file")
            return [*super().get_urlpatterns(), extra]

    with pytest.raises(ImproperlyConfigured, match="file_id"):
        Routed().check_routes()


def test_staff_menu_item_is_shown_to_the_role_it_names(editor_a, admin_a, supervisor, root):
    request = RequestFactory().get("/admin/")
    item = kit.StaffMenuItem("Staff", "/admin/", shown_to=roles.is_body_admin)
    everyone = kit.StaffMenuItem("Budget", "/admin/budget/")
    shown = {}
    for user in (editor_a, admin_a, supervisor, root):
        request.user = user
        shown[user.username] = (item.is_shown(request), everyone.is_shown(request))
    assert shown == {
        "editor_a": (False, True), "admin_a": (True, True), "nadzor": (False, True),
        "root": (False, True),
    }  # fmt: skip


def test_refusals_answer_403_with_the_one_plain_page(client, editor_a):
    client.force_login(editor_a)  # an editor does not manage the staff of their body
    response = client.get(f"/admin/staff/{editor_a.membership.body_id}/")
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == kit.FORBIDDEN_TEMPLATE
