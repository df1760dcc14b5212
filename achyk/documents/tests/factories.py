"""Acts and their files for tests; titles are hostile (markup, quotes, Kyrgyz letters)."""

from django.core.files.base import ContentFile

from achyk.documents.models import Act, Document, DocumentType
from achyk.documents.services import ActIn, attach_file, create_act

HOSTILE_TITLE = 'Жер тилкелери жөнүндө <script>alert("ң")</script> токтом'


def act(body, *, by=None, type_code="council-resolution", **fields) -> Act:
    fields.setdefault("title", HOSTILE_TITLE)
    data = ActIn(type=DocumentType.objects.get(code=type_code), **fields)
    return create_act(body=body, data=data, by=by)


def document(body, name: str, data: bytes, *, title: str = "Файл «ң»") -> Document:
    doc = Document(title=title, collection=body.collection, file=ContentFile(data, name=name))
    doc._set_document_file_metadata()
    doc.save()
    return Document.objects.get(pk=doc.pk)


def version(act_: Act, language: str, name: str, data: bytes, *, by=None) -> Document:
    """A file of `act_` in `language`."""
    doc = document(act_.body, name, data)
    return attach_file(act=act_, document=doc, language=language, by=by)
