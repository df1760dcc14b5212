"""Light suffix strippers for Kyrgyz and Kazakh (neither PostgreSQL nor Snowball has one).

Both languages are agglutinative: a noun takes plural, possessive and case endings in that
order, each in the variants vowel harmony and the last sound of the stem ask for
(бюджет-тин, айыл-дын, суу-нун; шешім-нің, ауыл-дың). The stripper removes endings from the
end of a normalised word, the longest first, as long as at least `MIN_STEM` letters remain,
and then undoes the voicing of a final consonant before a vowel (мектеби → мектеп,
кабагы → кабак, әкімдігі → әкімдік), so every form of a word reaches one stem. It is a
stripper, not a morphological analyser: a stem is what forms of one word share, not the
dictionary form, and short words (суу, жол, иш) are left alone rather than destroyed.
Recall and collisions are measured on real word forms in tests/test_stemmers.py.

Readers often type Kyrgyz and Kazakh without their own letters (кенеш for кеңеш, окмот for
өкмөт, кала for қала): `fold` writes a word that way, and `kyrgyz(word, folded=True)` and
`kazakh(word, folded=True)` strip the endings as they look once folded (-нын for -ның), so a
folded query and the folded stems kept beside the true ones meet (docs/adr/0003-search.md).
"""

MIN_STEM = 3
MAX_ROUNDS = 4


def _harmony(*stems: str, vowels: str) -> list[str]:
    return [s + v for s in stems for v in vowels]


# Kyrgyz: four-way harmony (а е о ө / ы и у ү) and voiced/voiceless/nasal initial consonants.
KY_SUFFIXES = frozenset(
    # genitive, accusative
    _harmony("н", "д", "т", vowels="ыиуү")
    + [p + v + "н" for p in "ндт" for v in "ыиуү"]
    # dative, locative, ablative (also after a possessive: -на, -нда, -нан)
    + _harmony("г", "к", "н", vowels="аеоө")
    + _harmony("д", "т", "нд", vowels="аеоө")
    + [p + v + "н" for p in ("д", "т", "н", "нд") for v in "аеоө"]
    # attributive locative: айылдагы, мектептеги
    + [p + v for p in ("да", "та", "нда") for v in ("гы",)]
    + [p + v for p in ("де", "те", "нде") for v in ("ги",)]
    + [p + v for p in ("до", "то", "ндо") for v in ("гу",)]
    + [p + v for p in ("дө", "тө", "ндө") for v in ("гү",)]
    # third-person possessive, with the accusative after it
    + list("ыиуү")
    + _harmony("с", vowels="ыиуү")
    + [v + "н" for v in "ыиуү"]
    + ["с" + v + "н" for v in "ыиуү"]
    + ["ыбыз", "ибиз", "убуз", "үбүз"]  # our: айылыбыз
    # plural
    + _harmony("л", "д", "т", vowels=["ар", "ер", "ор", "өр"])
    # instrumental, and the abstract noun ending (айылдык, бюджеттик)
    + ["менен", "бенен", "пенен"]
    + _harmony("л", "д", "т", vowels=["ык", "ик", "ук", "үк"])
)

# Kazakh: two-way harmony (а ы / е і) and its own letters (ғ қ ң ұ і).
KK_SUFFIXES = frozenset(
    _harmony("н", "д", "т", vowels=["ың", "ің"])
    + _harmony("н", "д", "т", vowels="ыі")
    + _harmony("ғ", "қ", vowels="а")
    + _harmony("г", "к", vowels="е")
    + ["на", "не"]
    + _harmony("д", "т", "нд", vowels="ае")
    + [p + v + "н" for p in ("д", "т", "н", "нд") for v in "ае"]
    + ["дағы", "тағы", "ндағы", "дегі", "тегі", "ндегі"]
    + list("ыі")
    + ["сы", "сі", "ын", "ін", "сын", "сін"]
    + ["ымыз", "іміз", "мыз", "міз"]  # our: ауылымыз, қаламыз
    + _harmony("л", "д", "т", vowels=["ар", "ер"])
    + ["мен", "бен", "пен"]
    + _harmony("л", "д", "т", vowels=["ық", "ік"])
)

# A voiced consonant before a vowel ending is voiceless at the end of the bare word.
_DEVOICED = str.maketrans({"б": "п", "г": "к", "ғ": "қ"})


KY_VOWELS = frozenset("аеёиоуыэюяөү")
# In Kazakh у and и close a syllable like consonants: ауыл-дың, тыңдау-ы.
KK_VOWELS = frozenset("аеёоыэюяөүәұі")


def _joins(stem: str, suffix: str, vowels: frozenset[str]) -> bool:
    """Whether `suffix` can follow `stem`: -ты, -ды, -дар and vowel endings come after a
    consonant, -сы after a vowel, the locative -да after either. This tells бюджет-и (its
    budget) from a stem cut to бюдже by -ти."""
    first, last = suffix[0], stem[-1]
    if first == "д" and suffix[1] in "аеоө" and not suffix.endswith("р"):
        return True  # locative and ablative: угуу-да, суу-дан
    if first in "дт" or first in vowels:
        return last not in vowels
    if first == "с":
        return last in vowels
    return True


#: The letter a reader without a Kyrgyz or Kazakh keyboard types instead: ң → н, ө → о ...
FOLD = str.maketrans("ңөүәғқұһі", "ноуагкухи")
FOLDABLE = frozenset("ңөүәғқұһі")


def fold(word: str) -> str:
    """`word` as typed without Kyrgyz and Kazakh letters: кеңеш → кенеш, қала → кала."""
    return word.translate(FOLD)


def is_folded(word: str) -> bool:
    """Whether `word` has none of the letters `fold` replaces (it may have been typed so)."""
    return FOLDABLE.isdisjoint(word)


KY_SUFFIXES_FOLDED = frozenset(map(fold, KY_SUFFIXES))
KK_SUFFIXES_FOLDED = frozenset(map(fold, KK_SUFFIXES))
KY_VOWELS_FOLDED = frozenset(map(fold, KY_VOWELS))
# Folded Kazakh и and у stand for і, ұ, ү too; they are read as in Kazakh spelling (closing).
KK_VOWELS_FOLDED = frozenset(map(fold, KK_VOWELS)) - {"и", "у"}


def _strip(word: str, suffixes: frozenset[str], vowels: frozenset[str]) -> str:
    longest = max(map(len, suffixes))
    for _round in range(MAX_ROUNDS):
        for size in range(min(longest, len(word) - MIN_STEM), 0, -1):
            if word[-size:] in suffixes and _joins(word[:-size], word[-size:], vowels):
                word = _devoice(word[:-size])
                break
        else:
            break
    return _devoice(word)


def _devoice(word: str) -> str:
    return word[:-1] + word[-1].translate(_DEVOICED) if word else word


def kyrgyz(word: str, *, folded: bool = False) -> str:
    """The stem of a normalised Kyrgyz word: бюджеттин, бюджетке, бюджети → бюджет; with
    `folded`, of a word typed without ң ө ү (кенештин → кенеш)."""
    if folded:
        return _strip(word, KY_SUFFIXES_FOLDED, KY_VOWELS_FOLDED)
    return _strip(word, KY_SUFFIXES, KY_VOWELS)


def kazakh(word: str, *, folded: bool = False) -> str:
    """The stem of a normalised Kazakh word: бюджеттің, шешімнің, әкімдігі → бюджет, шешім, әкім;
    with `folded`, of a word typed without ә ғ қ ң ө ұ ү һ і (каланын → кала)."""
    if folded:
        return _strip(word, KK_SUFFIXES_FOLDED, KK_VOWELS_FOLDED)
    return _strip(word, KK_SUFFIXES, KK_VOWELS)
