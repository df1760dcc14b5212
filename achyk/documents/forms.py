"""The admin's document form: Wagtail's, with the file checked by its content, and the file's
place in the registry of acts: the act it is a language version of, or a new act made from the
metadata asked here (type, number, date, adopted by, signatory, status), with defaults.

Named in settings as WAGTAILDOCS_DOCUMENT_FORM_BASE, so the single and the multiple upload
views of the admin both use it.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm

from achyk.bodies.models import Body
from achyk.bodies.roles import body_of
from achyk.ui.uploads import ContentCheckedFileMixin, check_document, use_checked_file_field

from . import notices
from .models import TITLE_LANGUAGES, Act, ActChange, ActStatus, AdoptedBy, DocumentType
from .services import ActIn, create_act, record_change


class DocumentFileField(ContentCheckedFileMixin, WagtailDocumentField):
    """Runs our checks (type by content, active content, size) before Wagtail's own."""

    check = staticmethod(check_document)


class ActChoiceField(forms.ModelChoiceField):
    """The acts a file may be a version of, each naming the required languages it lacks."""

    def label_from_instance(self, obj):
        return notices.choice_label(obj)


#: The metadata of a new act, asked beside the file; the act's title is the file's title, in
#: the file's language.
NEW_ACT_FIELDS = ("act_type", "act_number", "act_adopted_on", "act_adopted_by", "act_signatory",
                  "act_status")  # fmt: skip


class DocumentForm(BaseDocumentForm):
    act_type = forms.ModelChoiceField(
        DocumentType.objects.all(), required=False, label=_("New act: type"),
        help_text=_("To add this file to the registry as a new act, choose its type (or "
                    "choose an existing act above)."),
    )  # fmt: skip
    act_number = forms.CharField(label=_("New act: number"), max_length=50, required=False)
    act_adopted_on = forms.DateField(
        label=_("New act: date of adoption"), required=False, widget=AdminDateInput,
        initial=timezone.localdate,
    )  # fmt: skip
    act_adopted_by = forms.ChoiceField(
        label=_("New act: adopted by"), choices=AdoptedBy.choices, initial=AdoptedBy.COUNCIL,
        required=False,
    )  # fmt: skip
    act_signatory = forms.CharField(label=_("New act: signatory"), max_length=200, required=False)
    act_status = forms.ChoiceField(
        label=_("New act: status"), choices=ActStatus.choices, initial=ActStatus.IN_FORCE,
        required=False,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        use_checked_file_field(self, DocumentFileField)
        if "act" in self.fields:
            acts = Act.objects.for_user(self.user) if self.user else Act.objects.none()
            old = self.fields["act"]
            self.fields["act"] = ActChoiceField(
                notices.with_languages(acts), required=False, label=old.label,
                help_text=old.help_text, widget=old.widget,
            )  # fmt: skip
            body = body_of(self.user) if self.user else None
            if body and not self.instance.language and "language" in self.fields:
                self.initial["language"] = body.default_language
        else:
            for name in NEW_ACT_FIELDS:
                self.fields.pop(name, None)

    def clean(self):
        data = super().clean()
        act, collection = data.get("act"), data.get("collection") or self.instance.collection
        body = Body.objects.filter(collection_id=getattr(collection, "pk", None)).first()
        if act and body and act.body_id != body.pk:
            self.add_error("act", _("This act belongs to another body."))
        if (act or data.get("act_type")) and not data.get("language"):
            self.add_error("language", _("Say which language version of the act this file is."))
        return data

    def save(self, commit=True):
        # Readers see an upload once its title and language are given: a bulk upload saves
        # each file first with its name as title and no language, then asks for them.
        data = self.cleaned_data
        if "language" in self.fields:
            title = (data.get("title") or "").strip()
            self.instance.is_published = bool(title and data.get("language"))
        document = super().save(commit=commit)
        if commit and "act" in self.fields:
            self._register(document)
        return document

    def _register(self, document) -> None:
        """Make a new act from the metadata, or note the file in its act's history."""
        data = self.cleaned_data
        if document.act is None and data.get("act_type") and document.body:
            titled = {f"title_{document.language}": document.title}
            if document.language not in TITLE_LANGUAGES:
                titled = {"title": document.title}
            act = create_act(body=document.body, by=self.user, data=ActIn(
                type=data["act_type"], **titled, number=data["act_number"],
                adopted_on=data["act_adopted_on"], signatory=data["act_signatory"],
                adopted_by=data["act_adopted_by"] or AdoptedBy.COUNCIL,
                status=data["act_status"] or ActStatus.IN_FORCE,
            ))  # fmt: skip
            document.act = act
            document.save(update_fields=["act"])
        elif document.act is None or not {"act", "language", "file"} & set(self.changed_data):
            return
        record_change(
            act=document.act, by=self.user, action=ActChange.Action.FILE,
            language=document.language, title=document.title,
        )  # fmt: skip
