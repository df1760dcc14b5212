"""Stemming from many threads at once (gunicorn's threads, the task worker) gives every word
the stem one thread alone gives it: a Snowball stemmer keeps the word it is working on in its
own attributes, so threads sharing one would cut each other's words."""

import sys
import threading
from pathlib import Path

import snowballstemmer

from achyk.search import text

DATA = Path(__file__).parent / "data"
THREADS = 8
ROUNDS = 30


def words(language: str) -> list[str]:
    found = []
    for line in (DATA / f"{language}_forms.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found += [text.normalise(form) for form in line.split(":")[1].split()]
    return found


ENGLISH = text.tokens(
    "The councils published their budgets, hearings and reports; residents were reading "
    "the published decisions, appeals, procurements, and the transparency ratings of bodies."
)


def reference(language: str, forms: list[str]) -> list[str]:
    """Each form stemmed by a stemmer of its own, in one thread."""
    name = {"ru": "russian", "en": "english"}[language]
    return [snowballstemmer.stemmer(name).stemWord(form) for form in forms]


def stem_in_threads(stem, cases) -> tuple[list, list]:
    """Every (language, form, expected) stemmed ROUNDS times in each of THREADS threads."""
    wrong, errors, start = [], [], threading.Barrier(THREADS)

    def work():
        start.wait()
        for _round in range(ROUNDS):
            for language, form, expected in cases:
                try:
                    found = stem(form, language)
                except Exception as error:  # noqa: BLE001 - counted, the test fails on it
                    errors.append(repr(error))
                    continue
                if found != expected:
                    wrong.append((form, found, expected))

    workers = [threading.Thread(target=work) for _ in range(THREADS)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: mid-word
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(interval)
    return wrong, errors


def test_snowball_stems_are_the_same_in_many_threads_as_in_one():
    cases = [
        (language, form, expected)
        for language, forms in (("ru", words("ru")), ("en", ENGLISH))
        for form, expected in zip(forms, reference(language, forms), strict=True)
    ]
    assert len(cases) > 60
    wrong, errors = stem_in_threads(text.snowball_stem, cases)
    assert errors == []
    assert wrong == []


def test_cached_stems_are_the_same_in_many_threads_as_in_one():
    """Through `text.stem` and its cache: a wrong stem kept there would stay wrong."""
    text.stem.cache_clear()
    cases = [
        (language, form, expected)
        for language, forms in (("ru", words("ru")), ("en", ENGLISH))
        for form, expected in zip(forms, reference(language, forms), strict=True)
    ]
    wrong, errors = stem_in_threads(text.stem, cases)
    assert errors == [] and wrong == []
    assert [text.stem(form, language) for language, form, _ in cases] == [
        expected for _, _, expected in cases
    ]
