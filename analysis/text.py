"""Text preparation for theme discovery: normalisation, tokenising, clauses, contentless comments.

Everything here works without downloaded nltk data (no punkt, no stopwords corpus): sentences
and clauses are split with regular expressions, stop words come from scikit-learn and stemming
uses nltk's Snowball stemmer, which is pure code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from nltk.stem import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "FILLER_WORDS",
    "GENERIC_WORDS",
    "STOP_WORDS",
    "Analyzer",
    "Tokenizer",
    "is_contentless",
    "is_critical",
    "is_generic",
    "normalise",
    "split_units",
    "surface_tokens",
]

# Domain spellings that mean the same thing, so "PHQ-9", "phq 9" and "PHQ9" become one token and
# abbreviations meet their spelled-out forms. Phrases are rewritten on the lower-cased text, each
# only when a cheap substring test says it can match (most comments need none of them); single
# words are mapped token by token in :class:`Tokenizer`.
_CONTRACTION = {"c": " can not ", "w": " will not ", "n": " not "}
_PHRASES: tuple[tuple[str, re.Pattern[str], Any], ...] = (
    *((trigger, re.compile(pattern), repl) for trigger, pattern, repl in (
        ("phq", r"\bphq[\s\-]?9\b", " phq9 "),
        ("gad", r"\bgad[\s\-]?7\b", " gad7 "),
        ("core", r"\bcore[\s\-]?10\b", " core10 "),
        ("n/a", r"\bn/a\b", " na "),
        ("&", r"\ba\s?&\s?e\b", " a_and_e "),
        ("accident", r"\baccident and emergency\b", " a_and_e "),
        ("cognitive", r"\bcognitive behaviou?ral therapy\b", " cbt "),
        ("talking", r"\btalking therap(?:y|ies)\b", " iapt "),
        ("thank", r"\bthank[\s\-]?you\b", " thank "),
    )),
    # Contractions in one pass (leftmost match first, as the four rewrites one after another).
    ("'", re.compile(r"\bcan'?t\b|\bwon'?t\b|n't\b|'(?:s|re|ve|ll|d|m)\b"),
     lambda m: _CONTRACTION.get(m.group(0)[0], " ")),
)
_WORD_MAP: dict[str, str] = {
    "appt": "appointment", "appts": "appointment", "dr": "doctor", "drs": "doctor",
    "doc": "doctor", "docs": "doctor", "cpn": "nurse", "cpns": "nurse",
    "pwp": "practitioner", "pwps": "practitioner", "thanks": "thank", "thankyou": "thank",
    "telephone": "phone", "ringing": "phone", "min": "minutes", "mins": "minutes",
    "hr": "hours", "hrs": "hours", "wk": "weeks", "wks": "weeks", "cant": "can",
}

# Words, and the numbers of NHS services ("111", "999") but not other numbers.
_TOKEN = re.compile(r"[a-z][a-z0-9_]+|\b(?:111|999)\b")
_WORD = re.compile(r"[a-z]+")

# Stop words for themes. Negations carry no topic, so they are stop words here; sentiment is
# measured separately on the raw text.
# scikit-learn's list drops words that are topics in health feedback ("call back", "not enough
# staff", "first appointment", "system"); they are kept.
_TOPICAL = frozenset(
    re.findall(
        r"\S+",
        "call back system name serious cry empty move full give put detail side fire bill enough "
        "first next last interest",
    )
)
STOP_WORDS: frozenset[str] = (frozenset(ENGLISH_STOP_WORDS) - _TOPICAL) | {
    "just", "really", "did", "does", "got", "get", "getting", "ve", "ll", "im", "dont", "didnt",
    "na", "able", "also", "would", "could", "think", "feel", "felt", "way", "lot", "bit", "thing",
    "things", "make", "made", "want", "wanted", "need", "needed", "know", "like",
}

# Words that, when they are all a comment says, mean the person said nothing ("n/a", "Did not
# answer", "No comment", "Nothing to add", "ok").
_FILLER: frozenset[str] = frozenset(
    re.findall(
        r"\S+",
        """
        a add all an answer answered anything applicable as at blank can cant comment comments did
        didnt do dont else far fine given i idk is it its know me more my n na nil no none nope not
        nothin nothing notta nowt of ok okay particular question really response say so specific
        sure that the think this to was yes honestly non mean t s d m ll ve re don didn isn
        wasn couldn haven won doesn aren
        """,
    )
)

# General evaluation with no topic: "Excellent service", "Very good overall", "Terrible
# experience". Written by hand from everyday English, not learnt from labels. Words that
# describe people ("friendly", "kind", "rude") are deliberately absent: they are a topic (staff).
GENERIC_WORDS: frozenset[str] = frozenset(
    re.findall(
        r"\S+",
        """
        good great excellent brilliant amazing fantastic perfect wonderful superb outstanding
        lovely fab fabulous marvellous awesome best better brill top class first second
        exceptional exemplary faultless fault faults flawless impressive incredible magnificent
        satisfied satisfactory unsatisfactory dissatisfied happy unhappy pleased fine ok okay nice
        alright decent adequate average acceptable terrible awful poor bad rubbish appalling
        disgusting dreadful horrible worst useless shocking pathetic disappointing disappointed
        service services experience experiences overall everything thing things nothing job
        work worked working keep carry doing thank grateful gratitude appreciate appreciated
        care cared treatment treated recommend recommended recommending friends family highly
        quality level standard standards improve improved improvement improvements change
        changes complaint complaints complain happy extremely absolutely totally completely
        quite pretty truly definitely simply generally sure 10 100 percent star stars score
        whole entire gave provided received given done bettered wish expect expected
        expectations exceeded hundred notch well excellently brilliantly wonderfully
        spot satisfaction total round altogether circumstances deserve deserves medal credit
        praise praised blessed lucky impressed delighted glad pleasure positive excelent
        brillant fantastic superb marvelous thankful thanked grateful
        """,
    )
)

# General criticism: a clause is critical when one of these is not negated ("not bad").
# Counting on a sentiment lexicon instead misreads "No complaints" and "Can't fault them".
_CRITICAL_WORDS: frozenset[str] = frozenset(
    re.findall(
        r"\S+",
        """
        terrible awful poor bad rubbish appalling disgusting dreadful horrible worst useless
        shocking pathetic disappointing disappointed unhappy dissatisfied unsatisfactory
        unacceptable disgraceful diabolical woeful atrocious inadequate negative
        """,
    )
)
_NEGATORS = frozenset({"not", "no", "never", "nothing", "none", "nobody", "without", "hardly"})

# A general word ("well" in "Very well") is content: it praises; every other stop word is not.
_CONTENTLESS = _FILLER | (STOP_WORDS - GENERIC_WORDS)

#: Words that carry nothing on their own (public alias of the filler list).
FILLER_WORDS = _FILLER

# A split point is a run of white space after a sentence's end (. ! ? ;), a line break, or before
# a contrast word. Written to start with one white-space character so that the regex engine can
# skip straight to white space: three times faster than putting the look-behind first.
_SENTENCE = re.compile(
    r"\s\s*(?:(?<=[.!?;]\s)|(?<=\n)|(?=(?:but|however|although|though|whereas)\b))"
)
# Stripped from both ends of a piece: white space (what ``\s`` matches) and stray commas/dashes.
_EDGES = " ,-\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(
    map(chr, [*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]))


def normalise(text: str) -> str:
    """Lower-case ``text`` and apply the domain replacements.

    Parameters
    ----------
    text : str
        A comment or part of one.

    Returns
    -------
    str
        The normalised text (still a string; tokenise it with :class:`Tokenizer`).
    """
    out = text.lower().replace("’", "'")
    for trigger, pattern, repl in _PHRASES:
        if trigger in out:
            out = pattern.sub(repl, out)
    return out


def is_contentless(text: str) -> bool:
    """Return True when ``text`` says nothing a theme could describe.

    Parameters
    ----------
    text : str
        A comment.

    Returns
    -------
    bool
        True for empty text and for text made only of filler ("n/a", "Nothing", "ok",
        "Did not answer", "no comment", "Nothing to add").
    """
    # No normalising: the filler list holds the pieces of "n/a" and "can't" ("n", "a", "t").
    return _CONTENTLESS.issuperset(_WORD.findall(text.lower()))


def is_generic(text: str) -> bool:
    """Return True when ``text`` evaluates without naming a topic ("Excellent service").

    Parameters
    ----------
    text : str
        A comment or clause.

    Returns
    -------
    bool
        True when every word left after stop words is a general evaluation word.
    """
    return all(word in GENERIC_WORDS or word in _FILLER for word in _PLAIN(text))


def is_critical(text: str) -> bool:
    """Return True when a general clause criticises ("Awful service", but not "Not bad at all").

    Parameters
    ----------
    text : str
        A clause, usually one for which :func:`is_generic` is True.

    Returns
    -------
    bool
        True when a critical word appears without a negator in the three words before it.
    """
    words = _TOKEN.findall(normalise(text))
    for i, word in enumerate(words):
        if word in _CRITICAL_WORDS and not _NEGATORS.intersection(words[max(0, i - 3):i]):
            return True
    return False


def split_units(text: str, drop_contentless: bool = True) -> list[str]:
    """Split a comment into sentences and contrastive clauses ("..., but ...").

    Contentless pieces (a leading "Nothing." in "Nothing. Quite satisfied.") are dropped, so a
    comment with any content yields at least one unit and a contentless one yields none.

    Parameters
    ----------
    text : str
        A comment.
    drop_contentless : bool, default=True
        Drop contentless pieces; when False only pieces without any letter are dropped.

    Returns
    -------
    list of str
        The units in order of appearance.
    """
    pieces = [piece.strip(_EDGES) for piece in _SENTENCE.split(text.strip())]
    if not drop_contentless:
        return [piece for piece in pieces if re.search(r"[A-Za-z]", piece)]
    return [piece for piece in pieces if piece and not is_contentless(piece)]


class Tokenizer:
    """Normalise, tokenise, drop stop words and stem; a picklable class for ``TfidfVectorizer``.

    Stems are cached per instance because the same few thousand words recur in every comment
    and Snowball stemming dominates the cost otherwise.

    Parameters
    ----------
    stem : bool, default=True
        Reduce words to Snowball stems ("waiting", "waited" -> "wait").
    """

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem
        self._cache: dict[str, str] = {}
        self._stemmer = SnowballStemmer("english") if stem else None

    def __call__(self, text: str) -> list[str]:
        """Return the tokens of ``text``."""
        cache = self._cache
        words = _TOKEN.findall(normalise(text))
        try:
            tokens = [cache[word] for word in words]
        except KeyError:
            tokens = [cache[word] if word in cache else self._learn(word) for word in words]
        return list(filter(None, tokens))

    def _learn(self, word: str) -> str:
        """Map, stop and stem one new word, and remember it ("" for a stop word)."""
        mapped = _WORD_MAP.get(word, word)
        if mapped.isdigit():
            mapped = "nhs" + mapped
        if mapped in STOP_WORDS:
            token = ""
        elif self._stemmer is not None:
            token = self._stemmer.stem(mapped)
        else:
            token = mapped
        self._cache[word] = token
        return token

    def __getstate__(self) -> dict[str, object]:
        # The cache is rebuilt cheaply; keeping it out makes saved models smaller.
        return {"stem": self.stem}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(stem=bool(state["stem"]))


class Analyzer:
    """Unigrams and bigrams of :class:`Tokenizer` tokens, bigrams never crossing a sentence.

    A picklable ``analyzer`` for ``TfidfVectorizer``. A text's features are the features of its
    pieces (sentences and contrastive clauses, as :func:`split_units` cuts them) one after
    another, so the features of a comment are the sum of its pieces': the theme model counts
    each distinct piece once and adds them up (see ``analysis.themes``), and a bigram across a
    full stop ("staff. the" -> "staff the") is not a phrase anyway.

    Parameters
    ----------
    stem : bool, default=True
        Reduce words to Snowball stems.
    """

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem
        self.tokenizer = Tokenizer(stem=stem)

    @staticmethod
    def pieces(text: str) -> list[str]:
        """The sentences and clauses of ``text`` (non-empty, stripped as :func:`split_units`)."""
        parts = _SENTENCE.split(text.strip())
        if len(parts) == 1:
            piece = parts[0].strip(_EDGES)
            return [piece] if piece else []
        return [p for p in (s.strip(_EDGES) for s in parts) if p]

    @staticmethod
    def pieces_of(texts: Iterable[str]) -> list[list[str]]:
        """``[Analyzer.pieces(text) for text in texts]``, without a call per text."""
        split, edges = _SENTENCE.split, _EDGES
        return [[piece for part in split(text.strip()) if (piece := part.strip(edges))]
                for text in texts]

    def features(self, piece: str) -> list[str]:
        """Unigrams and bigrams of one piece."""
        tokens = self.tokenizer(piece)
        return tokens + list(map(" ".join, pairwise(tokens)))

    def __call__(self, text: str) -> list[str]:
        """Return the features of ``text``."""
        pieces = self.pieces(text)
        if len(pieces) == 1:
            return self.features(pieces[0])
        return [f for piece in pieces for f in self.features(piece)]


_PLAIN = Tokenizer(stem=False)


def surface_tokens(texts: Iterable[str]) -> list[list[str]]:
    """Tokenise without stemming, for readable theme terms and names."""
    plain = Tokenizer(stem=False)
    return [plain(text) for text in texts]
