"""The registry as data: one dictionary per act with stable keys, written as CSV or JSON.

Both formats stream (a body's whole registry, or the platform's, never sits in memory), read
the same selector as the list, and carry the same keys: id, body, type, number, adopted_on,
adopted_by, signatory, status, languages, title, url, files [{language, url, size, format}].
Both are written by `ui.exports` (CSV with a byte order mark for Excel, formula-like text
quoted by its one rule).
"""

from django.urls import reverse

from achyk.ui.exports import csv_stream, json_stream

from .registry.selectors import share_bodies

#: Keys of every exported act, in this order (CSV columns too).
KEYS = ("id", "body", "type", "number", "adopted_on", "adopted_by", "signatory", "status",
        "languages", "title", "url", "files")  # fmt: skip
CHUNK = 200


def act_url(request, act) -> str:
    """The act's public address: its own page when it has one, else its registry's."""
    path = act.get_absolute_url()
    if path is None:
        path = reverse("registry") + f"?body={act.body.slug}#act-{act.pk}"
    return request.build_absolute_uri(path)


def act_record(request, act) -> dict:
    files = getattr(act, "public_files", None)
    if files is None:
        files = list(act.files.public().order_by("language", "pk"))
    return {
        "id": act.pk,
        "body": act.body.slug,
        "type": act.type.code,
        "number": act.number,
        "adopted_on": act.adopted_on.isoformat() if act.adopted_on else None,
        "adopted_by": act.adopted_by,
        "signatory": act.signatory,
        "status": act.status,
        "languages": sorted({f.language for f in files if f.language}),
        "title": act.local_title,
        "url": act_url(request, act),
        "files": [
            {
                "language": f.language,
                "url": request.build_absolute_uri(f.url),
                "size": f.file_size,
                "format": f.file_extension.lower(),
            }
            for f in files
        ],
    }


def records(request, acts):
    for act in share_bodies(acts.iterator(chunk_size=CHUNK)):
        yield act_record(request, act)


def csv_lines(request, acts):
    """The CSV text of `acts`, BOM first. Languages and file addresses are joined with spaces
    (a cell holds one value)."""

    def rows():
        for record in records(request, acts):
            record["languages"] = " ".join(record["languages"])
            record["files"] = " ".join(f["url"] for f in record["files"])
            yield [record[key] for key in KEYS]

    return csv_stream(KEYS, rows())


def json_chunks(request, acts):
    """A JSON list of the records of `acts`, one record per chunk."""
    return json_stream(records(request, acts))
