"""jieba and OpenCC for the article import: segmentation with a user dictionary (the database's people, units and
issuers, and the award vocabulary), how ordinary a text's characters are, and 繁→简."""

import functools
import logging
import math
import warnings
from collections import Counter
from dataclasses import dataclass, field

HAN_RANGE = ("\u4e00", "\u9fff")
USER_WORD_FREQ = 20000  # high enough that a known name or unit is never cut in two


@dataclass(frozen=True)
class Lexicon:
    """What the database knows: names of people, units and issuers (full and short), all optional."""

    names: frozenset[str] = field(default_factory=frozenset)
    units: frozenset[str] = field(default_factory=frozenset)
    issuers: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, names=(), units=(), issuers=()) -> "Lexicon":
        return cls(
            frozenset(n for n in names if n), frozenset(u for u in units if u), frozenset(i for i in issuers if i)
        )


@functools.cache
def jieba():
    with warnings.catch_warnings():  # jieba 0.42 has invalid escape sequences (SyntaxWarning on first compile)
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba as module  # heavy (its dictionary is built on first use): only article imports need it
        import jieba.posseg  # as above, and inside the warning filter

    module.setLogLevel(logging.WARNING)
    module.initialize()
    return module


@functools.cache
def t2s():
    import opencc  # loaded on first use, like jieba: only article imports need it

    return opencc.OpenCC("t2s")


_loaded: set[tuple[str, str]] = set()


def add_words(words, tag: str) -> None:
    """Teach jieba words (once each per process) so they segment whole."""
    module = jieba()
    for word in words:
        if (word, tag) not in _loaded:
            module.add_word(word, freq=USER_WORD_FREQ, tag=tag)
            _loaded.add((word, tag))


def load(lexicon: Lexicon) -> None:
    add_words(lexicon.names, "nr")
    add_words(lexicon.units, "nt")
    add_words(lexicon.issuers, "nt")


def word_frequency(word: str) -> int:
    return jieba().dt.FREQ.get(word, 0) or 0


def is_common_word(word: str) -> bool:
    """A frequent dictionary word that is not a person's name (高度, 周末, 于是; not 林海)."""
    if (word, "nr") in _loaded:
        return False  # a person of the database
    tag = jieba().posseg.dt.word_tag_tab.get(word, "")
    return word_frequency(word) >= 500 and not tag.startswith("nr")


@functools.cache
def _char_frequencies() -> Counter:
    counts: Counter = Counter()
    for word, freq in jieba().dt.FREQ.items():
        if freq:
            for ch in word:
                counts[ch] += freq
    return counts


def plausibility(text: str) -> float:
    """Mean log-frequency of the Han characters (as written or in simplified form): ordinary Chinese scores about
    11, mojibake 6–7, a text without Han characters 0."""
    freq = _char_frequencies()

    def score(sample: str) -> float:
        han = [ch for ch in sample if HAN_RANGE[0] <= ch <= HAN_RANGE[1]]
        return sum(math.log1p(freq.get(ch, 0)) for ch in han) / len(han) if han else 0.0

    return max(score(text), score(t2s().convert(text)))
