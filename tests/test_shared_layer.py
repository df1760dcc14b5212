"""The shared platform's layers (conftest.py): built once on the shared platform, rolled back
whole, and each test reading its objects afresh."""

import pytest
from wagtail.models import Page

import conftest


def marked_pages() -> int:
    return Page.objects.filter(title__contains="SEKRET").count()


def test_a_layer_is_built_on_the_platform_and_rolled_back_whole(db, django_db_blocker, tmp_path):
    from achyk.bodies.models import Body

    shared = conftest.SharedPlatform()
    shared.blocker, shared.media_root = django_db_blocker, tmp_path / "shared-media"
    shared.media_root.mkdir()
    shared.open()
    bodies = Body.objects.count()
    shared.open_layer("isolation_worlds")
    world_a, world_b = shared.layer.value.fresh()
    assert world_a.body.pk == shared.pks["body_a"] and world_b.body.pk == shared.pks["body_b"]
    assert marked_pages() > 0
    files = [path for path in shared.layer.media_root.rglob("*") if path.is_file()]
    assert files, "the layer's images and documents are written to its own media directory"
    shared.open_layer("isolation_worlds")  # the same layer: kept, not built again
    assert shared.layer.value.worlds[0] is not world_a and marked_pages() > 0
    shared.close_layer()
    assert marked_pages() == 0, "the layer's pages are rolled back with it"
    assert not files[0].exists(), "and its files removed"
    assert Body.objects.count() == bodies, "the platform under it stays"
    shared.close()
    assert Body.objects.count() == bodies - 2


@pytest.mark.parametrize("turn", ["first", "second"])
def test_a_test_s_changes_to_the_layer_do_not_reach_the_next(isolation_worlds, turn):
    """Whichever of the two runs first renames body B's published news, in the database and
    in memory, and changes an act in memory; the other finds both as the layer built them."""
    _world_a, world_b = isolation_worlds
    published, act = world_b.published, world_b.act
    assert "changed by a test" not in published.title
    assert "changed by a test" not in act.title
    assert not Page.objects.filter(title__contains="changed by a test").exists()
    published.title = f"{published.title}, changed by a test"
    published.save()
    act.title = "changed by a test"
