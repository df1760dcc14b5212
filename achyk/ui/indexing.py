"""Wagtail's search index and reference index, brought up to date once per object for a batch
of saves instead of at every save.

Wagtail (through modelsearch) indexes an object for the admin's search, and records what it
refers to in the reference index, on every `post_save`: one task each. Building a body's site
saves each of its twenty pages three times (added, revised, published), so the same page was
indexed three times and its references written three times. Inside `indexed_once()`, saves
in this thread only note which objects changed; when the block ends, each noted object that
still exists gets the same two tasks once, on the same queue. Saves in other threads, and
deletes anywhere, are handled at once as before.

`install()` (from `UiConfig.ready`, which runs before Wagtail and modelsearch connect their
receivers) puts a waiting receiver in the place of each of the two `post_save` receivers;
outside a block it calls the original.
"""

import contextlib
from collections import defaultdict

from asgiref.local import Local

_batch = Local()
_originals: dict = {}


def _noted() -> dict | None:
    """{task: {model: {pk}}} of the block running in this thread, or None."""
    return getattr(_batch, "noted", None)


def _waiting(name: str, task_path: str):
    """A `post_save` receiver that calls Wagtail's receiver `name`, or notes the instance for
    `task_path` in a block."""

    def receiver(instance, **kwargs) -> None:
        noted = _noted()
        if noted is None:
            _originals[name](instance, **kwargs)
        elif not kwargs.get("raw", False) and not _switched_off(name):
            noted[task_path][type(instance)].add(instance.pk)

    receiver.__name__ = receiver.__qualname__ = f"waiting_{name}"
    return receiver


def _switched_off(name: str) -> bool:
    """Whether the caller turned Wagtail's receiver off (its own
    `disable_reference_index_auto_update()`), which the original would have obeyed."""
    if name != "update_reference_index_on_save":
        return False
    from wagtail.signal_handlers import reference_index_auto_update_disabled

    return getattr(reference_index_auto_update_disabled, "value", False)


#: The receivers replaced: (module, function, the task it enqueues).
RECEIVERS = [
    ("modelsearch.signal_handlers", "post_save_signal_handler",
     "modelsearch.tasks.insert_or_update_object_task"),
    ("wagtail.signal_handlers", "update_reference_index_on_save",
     "wagtail.tasks.update_reference_index_task"),
]  # fmt: skip


def install() -> None:
    """Replace Wagtail's two `post_save` receivers before they are connected."""
    import importlib

    for module_name, name, task_path in RECEIVERS:
        if name in _originals:
            continue
        module = importlib.import_module(module_name)
        _originals[name] = getattr(module, name)
        setattr(module, name, _waiting(name, task_path))


@contextlib.contextmanager
def indexed_once():
    """Saves inside are indexed (search, references) once per object, when the block ends.

    Nested blocks join the outer one. Nothing is indexed if the block raises: its writes are
    expected to be rolled back with it."""
    if _noted() is not None:
        yield
        return
    _batch.noted = noted = defaultdict(lambda: defaultdict(set))
    try:
        yield
    finally:
        del _batch.noted
    _index(noted)


def _index(noted: dict) -> None:
    from django.utils.module_loading import import_string

    for task_path, saved in noted.items():
        task = import_string(task_path)
        for model, pks in saved.items():
            meta = model._meta
            existing = model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
            for pk in sorted(existing):
                task.enqueue(meta.app_label, meta.model_name, str(pk))
