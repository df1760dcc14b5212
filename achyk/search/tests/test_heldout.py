"""Recall measured on word forms the stemmers were never tuned on (tests/data/heldout/), and
on the same forms typed without Kyrgyz and Kazakh letters.

Two figures per language: stem recall (the share of forms reaching the stem most forms of their
word reach, as in test_stemmers.py) and search recall (the share of pairs of forms of one word
where a query of one finds a text holding the other, by the index's prefix rule). The floors are
the figures measured when the set was written, before any change to the stemmers; they are
recorded in docs/adr/0003-search.md. A change that loses recall fails here.
"""

from collections import Counter
from pathlib import Path

import pytest

from achyk.search import stemmers, text

DATA = Path(__file__).parent / "data"
STEM_FLOORS = {"ky": 0.96, "kk": 0.90}
SEARCH_FLOORS = {"ky": 0.965, "kk": 0.915}
FOLDED_FLOORS = {("ky", "data"): 1.0, ("kk", "data"): 0.985,
                 ("ky", "heldout"): 0.965, ("kk", "heldout"): 0.915}  # fmt: skip


def groups(path: Path) -> dict[str, list[str]]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, forms = line.split(":")
            found[word.strip()] = forms.split()
    return found


def stem_recall(language: str) -> tuple[float, int]:
    reached = total = 0
    for forms in groups(DATA / "heldout" / f"{language}_forms.txt").values():
        stems = Counter(text.stem(text.normalise(form), language) for form in forms)
        reached, total = reached + stems.most_common(1)[0][1], total + len(forms)
    return reached / total, total


def finds(word: str, terms: set[str]) -> bool:
    """Whether a one-word query `word` finds a text indexed as `terms` (selectors' rule)."""
    return any(term.startswith(s) for s in text.query_stems(word) for term in terms)


def search_recall(path: Path, language: str, *, folded: bool) -> float:
    hits = total = 0
    for forms in groups(path).values():
        indexed = [set(text.terms(form, language).split()) for form in forms]
        for form in forms:
            query = text.normalise(form)
            query = stemmers.fold(query) if folded else query
            hits += sum(finds(query, terms) for terms in indexed)
            total += len(indexed)
    return hits / total


@pytest.mark.parametrize("language", ["ky", "kk"])
def test_held_out_forms_reach_their_stem_and_find_each_other(language):
    recall, total = stem_recall(language)
    path = DATA / "heldout" / f"{language}_forms.txt"
    searched = search_recall(path, language, folded=False)
    print(f"{language} held out: stem recall {recall:.3f} over {total} forms, "
          f"search recall {searched:.3f}")  # fmt: skip
    assert total >= (60 if language == "ky" else 30)
    assert len(groups(path)) >= (10 if language == "ky" else 8)
    assert recall >= STEM_FLOORS[language]
    assert searched >= SEARCH_FLOORS[language]


def test_held_out_forms_are_not_in_the_training_forms():
    for language in ("ky", "kk"):
        held_out = groups(DATA / "heldout" / f"{language}_forms.txt")
        trained = groups(DATA / f"{language}_forms.txt")
        forms = {form for forms in trained.values() for form in forms}
        assert not forms & {form for forms in held_out.values() for form in forms}
        assert not set(trained) & set(held_out)


@pytest.mark.parametrize("language", ["ky", "kk"])
@pytest.mark.parametrize("folder", ["data", "heldout"])
def test_forms_typed_without_kyrgyz_and_kazakh_letters_find_as_many(language, folder):
    path = (DATA / f"{language}_forms.txt") if folder == "data" else (
        DATA / "heldout" / f"{language}_forms.txt")  # fmt: skip
    typed = search_recall(path, language, folded=False)
    folded = search_recall(path, language, folded=True)
    print(f"{language} {folder}: search recall {typed:.3f}, typed without letters {folded:.3f}")
    assert folded >= FOLDED_FLOORS[(language, folder)]
    assert folded >= typed - 0.01
