"""Words of a text as search sees them: normalised tokens and their stems, per language."""

import re
import threading
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


#: Snowball stemmers of this thread: a stemmer keeps the word it works on in its own
#: attributes, so one shared by threads cuts their words into each other's (wrong stems, and
#: IndexError). One per thread and language costs a few KB and no lock.
_local = threading.local()


def _snowball(language: str):
    stemmers_here = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers_here:
        stemmers_here[language] = snowballstemmer.stemmer(_SNOWBALL[language])
    return stemmers_here[language]


def snowball_stem(token: str, language: str) -> str:
    """The Snowball stem of `token` in `language` ("ru" or "en"), by this thread's stemmer."""
    return _snowball(language).stemWord(token)


@lru_cache(maxsize=65536)
def stem(token: str, language: str) -> str:
    """The stem of a normalised `token` in `language` (Snowball for ru/en, ours for ky/kk)."""
    if language == "ky":
        return stemmers.kyrgyz(token)
    if language == "kk":
        return stemmers.kazakh(token)
    if language in _SNOWBALL:
        return snowball_stem(token, language)
    return token


def stems(token: str, language: str = "") -> set[str]:
    """The stems of `token` in `language`, or in every language when it is not known."""
    return {stem(token, code) for code in ((language,) if language else LANGUAGES)}


@lru_cache(maxsize=65536)
def folded_stem(token: str, language: str) -> str:
    """The stem of `token` written without Kyrgyz and Kazakh letters (кеңештин → кенеш)."""
    folded = stemmers.fold(token)
    if language == "ky":
        return stemmers.kyrgyz(folded, folded=True)
    if language == "kk":
        return stemmers.kazakh(folded, folded=True)
    return stemmers.fold(stem(token, language))


def folded_stems(token: str, language: str = "") -> set[str]:
    """What a reader without ң ө ү (ky) or ә ғ қ ң ө ұ ү һ і (kk) may type for `token`, stemmed:
    the folded stem and the stem of the folded word. Kept beside the true stems, they never
    match a query word that has those letters (it reached its true stem)."""
    codes = (language,) if language else LANGUAGES
    found = {stemmers.fold(stem(token, code)) for code in codes}
    return found | {folded_stem(token, code) for code in codes}


def query_stems(word: str) -> set[str]:
    """The stems a query word is looked up by, in every language; a word typed without
    Kyrgyz and Kazakh letters is also read as folded Kyrgyz and Kazakh (кенештин → кенеш)."""
    found = stems(word)
    if stemmers.is_folded(word):
        found |= {stemmers.kyrgyz(word, folded=True), stemmers.kazakh(word, folded=True)}
    return found


def terms(text: str, language: str = "") -> str:
    """What the index keeps of `text`: its distinct stems, space separated, in first order,
    then the folded stems of its words that have Kyrgyz or Kazakh letters."""
    seen: dict[str, None] = {}
    folded: dict[str, None] = {}
    for token in tokens(text):
        for found in sorted(stems(token, language)):
            seen.setdefault(found, None)
        if not stemmers.is_folded(token):
            for found in sorted(folded_stems(token, language)):
                folded.setdefault(found, None)
    return " ".join([*seen, *(term for term in folded if term not in seen)])
