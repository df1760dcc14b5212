"""What keeps the index in step: the signals of pages, documents and acts.

Pages: published (index), unpublished or deleted (forget), moved or given a view restriction
(the page and everything under it again). Documents: saved (index, or forget when archived)
and deleted, and again when their text has been read. Acts: saved, given topics or a file, or
deleted (their language versions and their registry records again). Items of the modules
(plans and their actions, needs studies, events, calls and contracts of the social order,
public requests): saved (index, or forget when not public) and deleted; a plan's save
indexes its actions again (publishing or withdrawing it shows or hides them), a priority's
its study, an application's or organisation's the contracts that show them. Connected in
`SearchConfig.ready()`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail import signals as wagtail_signals
from wagtail.models import Page, PageViewRestriction

from achyk.documents.models import Act, Document
from achyk.documents.tasks import text_extracted as document_text_extracted
from achyk.participation.events.models import Event
from achyk.participation.needs.models import NeedsStudy, Priority
from achyk.plans.models import Action, Plan
from achyk.requests.models import Request
from achyk.social_order.contracts import Contract
from achyk.social_order.models import Application, Call, Organisation

from . import services

UID = "achyk.search.signals"


def page_published(sender, instance, **kwargs) -> None:
    services.index_page(instance)


def page_gone(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        services.remove_page(page_id=instance.pk)


def page_moved(sender, instance, **kwargs) -> None:
    services.index_page_tree(instance)


def restriction_changed(sender, instance, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        services.index_page_tree(page)


def document_changing(sender, instance, **kwargs) -> None:
    """Note the act a document leaves, so that act's record comes back where it lost a file."""
    if instance.pk:
        instance._search_former_act_id = (
            Document.objects.filter(pk=instance.pk).values_list("act_id", flat=True).first()
        )


def document_saved(sender, instance, **kwargs) -> None:
    services.index_document(document_id=instance.pk)
    acts = {instance.act_id, getattr(instance, "_search_former_act_id", None)}
    for act_id in acts - {None}:
        services.index_act(act_id=act_id)


def text_extracted(sender, document_id, **kwargs) -> None:
    services.index_document(document_id=document_id)


def document_deleted(sender, instance, **kwargs) -> None:
    services.remove_document(document_id=instance.pk)
    if instance.act_id:
        services.index_act(act_id=instance.act_id)


def act_saved(sender, instance, **kwargs) -> None:
    for document_id in instance.files.values_list("pk", flat=True):
        services.index_document(document_id=document_id)
    services.index_act(act_id=instance.pk)


def act_deleting(sender, instance, **kwargs) -> None:
    instance._search_file_ids = list(instance.files.values_list("pk", flat=True))


def act_deleted(sender, instance, **kwargs) -> None:
    """Forget the act's records; its files, no longer versions of an act, are documents again."""
    services.remove_act(act_id=instance.pk)
    for document_id in getattr(instance, "_search_file_ids", ()):
        services.index_document(document_id=document_id)


def act_topics_changed(sender, instance, action, **kwargs) -> None:
    if isinstance(instance, Act) and action in ("post_add", "post_remove", "post_clear"):
        services.index_act(act_id=instance.pk)


def plan_saved(sender, instance, **kwargs) -> None:
    services.index_plan(plan_id=instance.pk)
    services.index_plan_actions(plan_id=instance.pk)


def priority_changed(sender, instance, **kwargs) -> None:
    services.index_needs_study(study_id=instance.study_id)


def application_saved(sender, instance, **kwargs) -> None:
    for contract_id in instance.contracts.values_list("pk", flat=True):
        services.index_social_contract(contract_id=contract_id)


def organisation_saved(sender, instance, **kwargs) -> None:
    contracts = Contract.objects.filter(application__organisation=instance)
    for contract_id in contracts.values_list("pk", flat=True):
        services.index_social_contract(contract_id=contract_id)


def _item_receivers(index, remove, keyword):
    """(saved, deleted) receivers of a module's model: index it again, or forget it."""

    def saved(sender, instance, **kwargs) -> None:
        index(**{keyword: instance.pk})

    def deleted(sender, instance, **kwargs) -> None:
        remove(**{keyword: instance.pk})

    return saved, deleted


#: The modules' models whose items are indexed: (model, index, remove, keyword).
MODULE_MODELS = (
    (Action, services.index_plan_action, services.remove_plan_action, "action_id"),
    (NeedsStudy, services.index_needs_study, services.remove_needs_study, "study_id"),
    (Event, services.index_event, services.remove_event, "event_id"),
    (Call, services.index_social_call, services.remove_social_call, "call_id"),
    (Contract, services.index_social_contract, services.remove_social_contract, "contract_id"),
    (Request, services.index_request, services.remove_request, "request_id"),
)
#: Kept alive here: signals hold their receivers weakly.
_RECEIVERS = {
    model: _item_receivers(index, remove, keyword)
    for model, index, remove, keyword in MODULE_MODELS
}


def plan_deleted(sender, instance, **kwargs) -> None:
    services.remove_plan(plan_id=instance.pk)


def connect() -> None:
    wagtail_signals.page_published.connect(page_published, dispatch_uid=f"{UID}.published")
    wagtail_signals.page_unpublished.connect(page_gone, dispatch_uid=f"{UID}.unpublished")
    post_delete.connect(page_gone, dispatch_uid=f"{UID}.page_deleted")
    wagtail_signals.post_page_move.connect(page_moved, dispatch_uid=f"{UID}.moved")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{UID}.r{id(signal)}"
        )
    pre_save.connect(document_changing, sender=Document, dispatch_uid=f"{UID}.document_changing")
    post_save.connect(document_saved, sender=Document, dispatch_uid=f"{UID}.document_saved")
    post_delete.connect(document_deleted, sender=Document, dispatch_uid=f"{UID}.document_gone")
    document_text_extracted.connect(text_extracted, dispatch_uid=f"{UID}.text_extracted")
    post_save.connect(act_saved, sender=Act, dispatch_uid=f"{UID}.act_saved")
    pre_delete.connect(act_deleting, sender=Act, dispatch_uid=f"{UID}.act_deleting")
    post_delete.connect(act_deleted, sender=Act, dispatch_uid=f"{UID}.act_deleted")
    m2m_changed.connect(
        act_topics_changed, sender=Act.tags.through, dispatch_uid=f"{UID}.act_topics"
    )
    post_save.connect(plan_saved, sender=Plan, dispatch_uid=f"{UID}.plan_saved")
    post_delete.connect(plan_deleted, sender=Plan, dispatch_uid=f"{UID}.plan_deleted")
    for model, (saved, deleted) in _RECEIVERS.items():
        name = model._meta.label_lower
        post_save.connect(saved, sender=model, dispatch_uid=f"{UID}.{name}.saved")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"{UID}.{name}.deleted")
    for signal in (post_save, post_delete):
        signal.connect(priority_changed, sender=Priority, dispatch_uid=f"{UID}.p{id(signal)}")
    post_save.connect(application_saved, sender=Application, dispatch_uid=f"{UID}.application")
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid=f"{UID}.organisation")
