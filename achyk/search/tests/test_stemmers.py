"""Recall of the stemmers on real word forms, and that different words keep different stems.

Recall: the share of forms whose stem is the stem most forms of their word reach. Collisions:
pairs of different words whose forms reach one stem. The floors below are what the stemmers
reach today; a change that loses recall or merges words fails here.
"""

from collections import Counter
from pathlib import Path

import pytest

from achyk.search import text

DATA = Path(__file__).parent / "data"
FLOORS = {"ky": 0.95, "kk": 0.95, "ru": 0.95}


def groups(language: str) -> dict[str, list[str]]:
    found = {}
    for line in (DATA / f"{language}_forms.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, forms = line.split(":")
            found[word.strip()] = forms.split()
    return found


def stem(form: str, language: str) -> str:
    return text.stem(text.normalise(form), language)


def measure(language: str) -> tuple[float, int, list[tuple[str, str]]]:
    reached, total, stems_of = 0, 0, {}
    for word, forms in groups(language).items():
        stems = Counter(stem(form, language) for form in forms)
        main, count = stems.most_common(1)[0]
        reached, total = reached + count, total + len(forms)
        stems_of[word] = set(stems)
    collisions = [(a, b) for a in stems_of for b in stems_of if a < b and stems_of[a] & stems_of[b]]
    return reached / total, total, collisions


@pytest.mark.parametrize("language", ["ky", "kk", "ru"])
def test_forms_of_one_word_reach_one_stem_and_different_words_do_not_meet(language):
    recall, total, collisions = measure(language)
    print(f"{language}: recall {recall:.3f} over {total} forms, collisions {collisions}")
    assert total >= (60 if language == "ky" else 40)
    assert recall >= FLOORS[language]
    assert collisions == []


def test_kyrgyz_forms_of_budget_meet():
    forms = ["бюджет", "бюджети", "бюджеттин", "бюджетке", "бюджеттен", "бюджетти"]
    assert {stem(form, "ky") for form in forms} == {"бюджет"}


def test_kazakh_letters_are_kept_and_forms_meet():
    assert {stem(form, "kk") for form in ["шешім", "шешімнің", "шешімі", "шешімге"]} == {"шешім"}
    assert stem("Әкімнің", "kk") == "әкім"


def test_short_words_are_not_destroyed():
    assert stem("суу", "ky") == "суу"
    assert stem("иш", "ky") == "иш"
    assert stem("угуу", "ky") == "угуу"


def test_normalisation_reads_yo_as_ye_and_drops_punctuation():
    assert text.tokens("Сёла, «КЕҢЕШ»!") == ["села", "кеңеш"]
