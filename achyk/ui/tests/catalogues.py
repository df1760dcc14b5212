"""A small reader of gettext .po files, enough to check our catalogues (no tools needed)."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def read(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """(header fields, entries) of a .po file; obsolete (#~) entries are left out."""
    entries, current, target = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip() or line.startswith("#~"):
            if current is not None and not line.startswith("#~"):
                entries.append(current)
                current = None
            continue
        current = current or Entry()
        if line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            current.msgctxt, target = _unquote(line[8:]), "msgctxt"
        elif line.startswith("msgid_plural "):
            current.msgid_plural, target = _unquote(line[13:]), "msgid_plural"
        elif line.startswith("msgid "):
            current.msgid, target = _unquote(line[6:]), "msgid"
        elif line.startswith("msgstr"):
            index = int(line[7 : line.index("]")]) if line.startswith("msgstr[") else 0
            current.msgstr[index] = _unquote(line[line.index(" ") + 1 :])
            target = index
        elif line.startswith('"'):
            if isinstance(target, int):
                current.msgstr[target] += _unquote(line)
            else:
                setattr(current, target, getattr(current, target) + _unquote(line))
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    fields = {}
    if header is not None:
        for row in header.msgstr.get(0, "").splitlines():
            name, _sep, value = row.partition(":")
            fields[name.strip()] = value.strip()
    return fields, [e for e in entries if e is not header]


def catalogue(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
