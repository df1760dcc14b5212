"""What a Content-Security-Policy without 'unsafe-inline' would block in a page: inline
scripts, event handler attributes and `javascript:` addresses (and, apart, inline styles)."""

import json
from html.parser import HTMLParser

#: Script types a browser does not run: data read by a script, never executed.
DATA_TYPES = frozenset({"application/json", "application/ld+json", "text/template"})
#: Attributes that hold an address a click or a load would open.
ADDRESSES = frozenset({"href", "src", "action", "formaction"})


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs.items())[:160]}>"
        for name, value in attrs.items():
            value = (value or "").strip()
            if name.startswith("on"):
                self.scripts.append(f"{name} handler on {where}")
            if name in ADDRESSES and value.lower().startswith("javascript:"):
                self.scripts.append(f"javascript: address on {where}")
            if name == "style" and value:
                self.styles.append(where)
        if tag == "script" and "src" not in attrs:
            kind = (attrs.get("type") or "text/javascript").strip().lower()
            if kind not in DATA_TYPES:
                self._in_script = where
        if tag == "style":
            self.styles.append(where)

    def handle_data(self, data):
        if self._in_script is not None and data.strip():
            self.scripts.append(f"{self._in_script} {data.strip()[:160]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def find(html: str) -> _Finder:
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder


def inline_scripts(html: str) -> list[str]:
    """Every inline script, event handler attribute and `javascript:` address of `html`."""
    return find(html).scripts


def inline_styles(html: str) -> list[str]:
    """Every `style` attribute and `<style>` element of `html`."""
    return find(html).styles


def html_of(response) -> list[str]:
    """The HTML a response carries: its body, or the HTML strings of a JSON body (a modal's
    steps); [] for anything else."""
    kind = response.get("Content-Type", "")
    if response.streaming:
        return []
    if kind.startswith("text/html"):
        return [response.content.decode()]
    if kind.startswith("application/json"):
        return [text for text in _strings(json.loads(response.content)) if "<" in text]
    return []


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
