"""Words of a text as search sees them: normalised tokens and their stems, per language."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from . import stemmers

#: A word: letters and digits of any script (Kyrgyz ң ө ү and Kazakh ә ғ қ ң ө ұ ү һ і kept).
WORD = re.compile(r"[^\W_]+")
LANGUAGES = ("ky", "ru", "kk", "en")
_SNOWBALL = {"ru": "russian", "en": "english"}


def normalise(text: str) -> str:
    """Casefolded NFC text with ё read as е, so that spelling variants meet."""
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


def tokens(text: str) -> list[str]:
    """The normalised words of `text`, in order; punctuation and symbols are dropped."""
    return WORD.findall(normalise(text))


@lru_cache(maxsize=4)
def _snowball(language: str):
    return snowballstemmer.stemmer(_SNOWBALL[language])


@lru_cache(maxsize=65536)
def stem(token: str, language: str) -> str:
    """The stem of a normalised `token` in `language` (Snowball for ru/en, ours for ky/kk)."""
    if language == "ky":
        return stemmers.kyrgyz(token)
    if language == "kk":
        return stemmers.kazakh(token)
    if language in _SNOWBALL:
        return _snowball(language).stemWord(token)
    return token


def stems(token: str, language: str = "") -> set[str]:
    """The stems of `token` in `language`, or in every language when it is not known."""
    return {stem(token, code) for code in ((language,) if language else LANGUAGES)}


def terms(text: str, language: str = "") -> str:
    """What the index keeps of `text`: its distinct stems, space separated, in first order."""
    seen: dict[str, None] = {}
    for token in tokens(text):
        for found in sorted(stems(token, language)):
            seen.setdefault(found, None)
    return " ".join(seen)
