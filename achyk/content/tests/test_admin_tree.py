"""The page tree in the admin: pages keep their places, and the tree's root has none."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from achyk.content import models as content
from achyk.content.tests import factories as f


@pytest.fixture
def root_admin(client, platform):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.kg", "x"))
    return client


def test_the_tree_s_root_has_no_place_to_set_and_answers_404(root_admin):
    root = Page.get_first_root_node()
    assert root_admin.get(f"/admin/pages/{root.pk}/set_position/").status_code == 404
    response = root_admin.post(f"/admin/pages/{root.pk}/set_position/?position=0")
    assert response.status_code == 404


def test_a_page_is_moved_to_the_place_staff_drop_it_at(root_admin, body_a):
    first, second = f.news(body_a, "ky", title="Биринчи"), f.news(body_a, "ky", title="Экинчи")
    index = f.section(body_a, "ky", content.NewsIndexPage)
    response = root_admin.post(f"/admin/pages/{second.pk}/set_position/?position=0")
    assert response.status_code == 200
    assert [page.pk for page in index.get_children()][:2] == [second.pk, first.pk]
