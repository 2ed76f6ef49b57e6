"""A learnt second reader for risk: catches disclosures worded in ways no rule anticipated.

The hand-written rules in :mod:`analysis.risk` explain themselves and are precise, but they
miss many disclosures written in words nobody thought of (BENCHMARKS.md, "Risk and
redaction"). This module adds a logistic regression over character and word n-grams,
trained when first needed (about 3 CPU seconds) on examples written for this project and
shipped with it:

* ``data/risk_training.csv``: labelled risk examples (every row ``urgent`` or ``review`` is a
  positive): the slices the rules were developed against, two later held-out slices, and
  ``train11``, 715 rows by a writer who had not read the rules or any other example, half of
  them hard negatives, ``answers11``, 123 short answers to "what could we do better?"
  ("Not a thing", "Nothing in my case") written as negatives after the reader flagged such
  answers among real comments, and ``train12a`` and ``train12b``, 1,048 rows by two more such
  writers (indirect disclosures and their look-alikes; many voices and registers),
  ``train13a`` and ``train13b``, 998 rows by two more (disclosures with no word of risk in
  them; risk buried in long comments, after idioms and negations, and from or to other
  people), ``train13c``, 320 ordinary first-person comments in the style the reader
  mistook for risk (wants, identity, feelings) as negatives, and ``train14a`` to ``train14c``,
  1,394 rows by three more (hard voices and forms; situations rather than feelings, with
  look-alikes; warm recovery feedback with some risk said in the same tone), ``train15``,
  600 disclosures with no word of risk, and ``train16c``, 595 ordinary personal comments in
  the style the reader mistook for risk. The evaluation slices (``tests/data/risk_eval.csv``,
  ``risk_holdout12.csv`` to ``risk_holdout21.csv``, ``risk_situations17.csv`` and the sealed
  ``risk_holdout22.csv``) are never trained on.
* ``data/feedback_examples.txt``: ordinary Talking Therapies feedback in the voice of people
  who use the services (also the demo's comments): hard negatives, first-person and
  emotional but not about risk, plus its ``[risk]`` section as positives.
* The seeds of the Talking Therapies taxonomy (:mod:`analysis.taxonomy`) that the rules do not
  flag, as further negatives.

The reader reads a comment when the rules did not flag it and it says something (not
"Nothing", "n/a"). It scores the comment whole and each of its sentences alone
(:func:`read_comment`), so one disclosure in a long comment about parking and forms is not
diluted. It flags when any of these pieces reaches its threshold: a prompt for a person to
read it, with the sentence it scored highest as the reason. The flag is ``review`` unless a
second logistic regression over the same features, trained to tell ``urgent`` rows from all
the others (:func:`urgency_model`), scores the comment at :data:`URGENT_THRESHOLD` or more
(:func:`is_urgent`), a score reached by the learnt flags of :data:`URGENT_SHARE` (0.1%) of the
real comments; then it is ``urgent``, so it comes first in the queue. Before it, every
learnt flag was ``review``, and on the slices never trained on most of them were written as
urgent (BENCHMARKS.md, "Round 7"). The same model may raise a plain ``review`` from the rules
(review-rated phrases that no context cue touched; :func:`analysis.risk.assess_risk`), never
a level the rules lowered for negation, history, another person or a joke.

Trained without ordinary feedback as negatives, an earlier model learnt "first-person,
emotional wording" and flagged a quarter to a half of real comments. The model still learns
some style: it once scored "I'm a Black man and I want to see someone who looks like me" 0.92
from "I", "want to", "see" and "me". So each piece is held to one of two thresholds.
:data:`THRESHOLD` applies to a piece that uses a word of a broad vocabulary of risk
(``_RISK_WORDS``; :func:`may_speak`) in a comment in which the rules found no risk phrase. The
much stricter :data:`STRICT_THRESHOLD` applies to the rest: pieces with no such word (until
round 4 such comments were never read, and half the disclosures missed on the held-out slices
were of this kind), and every piece of a comment with a risk phrase the rules judged harmless
in context (a screening question, a leaflet's title), whose judgement stands unless the
reader is very sure.

:data:`THRESHOLD` and :data:`STRICT_THRESHOLD` are set so that pieces reach each of them in
:data:`FLAG_SHARE` (3%) and :data:`STRICT_SHARE` (0.6%) of the 7,400 real NHS Friends and
Family Test comments in the shared data, a load a person can read
(``benchmarks/eval_risk_redact.py --calibrate`` recomputes them there).
"""

from __future__ import annotations

import csv
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "FLAG_SHARE", "STRICT_SHARE", "STRICT_THRESHOLD", "THRESHOLD", "URGENT_SHARE",
    "URGENT_THRESHOLD", "flags", "is_urgent", "learnt_scores", "read_comment", "threshold_for",
    "training_set", "urgency_scores",
]

DATA = Path(__file__).resolve().parent / "data"
TRAINING_CSV = DATA / "risk_training.csv"
FEEDBACK_EXAMPLES = DATA / "feedback_examples.txt"

#: The share of real comments the reader may add flags to among those that use a word of the
#: vocabulary of risk; :data:`THRESHOLD` is set by it.
FLAG_SHARE = 0.03
#: Scores at or above this make an unflagged comment that uses a word of the vocabulary of
#: risk ``review`` (see the module docstring).
THRESHOLD = 0.42
#: The share of real comments the reader may add flags to among the others (no word of the
#: vocabulary, or a risk phrase the rules judged harmless in context); :data:`STRICT_THRESHOLD`
#: is set by it.
STRICT_SHARE = 0.006
#: The stricter score those comments need: the reader must be much surer where the gate
#: would have kept it out.
STRICT_THRESHOLD = 0.70
#: The share of real comments whose learnt flag may be ``urgent``; :data:`URGENT_THRESHOLD`
#: is set by it.
URGENT_SHARE = 0.001
#: The urgency model's score at which a learnt flag is ``urgent`` rather than ``review``.
URGENT_THRESHOLD = 0.81

_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")

# The reader speaks only when a comment uses a word from the broad vocabulary of risk: death
# and living, harm and pain, means and places, violence and fear, hopelessness, endings and
# farewells. Trained on a few thousand rows, the model also learns style ("I want to ...",
# first person), and without this gate it flagged "I'm a Black man and I want to see someone
# who looks like me" (0.92) and "I've learnt skills I'm still using months later". The first
# list was written from general knowledge of how risk is put into words.
_RISK_WORDS = re.compile(
    r"\b(?:"
    r"di(?:e|es|ed|ing)|dead|death|dying|kill\w*|suicid\w*|unalive|kms|kys|"
    r"aliv\w*|live|living|lives?|life|exist\w*|wake|waking|woke|sleep\w*|"
    r"end|ends|ending|ended|finish\w*|over|gone|goodbyes?|bye|farewell\w*|"
    r"leav\w*|disappear\w*|around|here|anymore|forever|"
    r"hurt\w*|harm\w*|pain\w*|cut\w*|blood\w*|bleed\w*|burn\w*|scar\w*|"
    r"overdos\w*|od|pills?|tablets?|meds?|medication|paracetamol|rope|hang\w*|noose|"
    r"knife|knives|blade\w*|razor\w*|bridge|jump\w*|edge|roof|cliff|train|tracks?|"
    r"motorway|drown\w*|hose|gas|poison\w*|bottle|drink\w*|drunk|"
    r"hit|hits|hitting|beat\w*|punch\w*|kick\w*|push\w*|shov\w*|strangl\w*|chok\w*|"
    r"grab\w*|slap\w*|threat\w*|scared|afraid|frighten\w*|terrified|unsafe|safe|"
    r"abus\w*|rap(?:e|ed|ing)|touch\w*|forc\w*|lock\w*|control\w*|weapon\w*|gun|"
    r"hopeless\w*|pointless|point|worthless|burden|better off|without me|"
    r"plan\w*|note|notes|letters?|arrang\w*|tonight|weekend|enough|give up|giving up|"
    r"go on|cope|coping|crisis|dark|ready|mind made up|made my mind up|peace|"
    r"starv\w*|eat\w*|food|water|self|myself|baby|child\w*|kids?|son|daughter|"
    # Added after reading the disclosures the reader missed in cross-validation on the train11
    # training slice (never the held-out one): attempts and decisions, farewells and affairs
    # put in order, more means and places, marks of abuse, thoughts named in passing.
    r"attempt\w*|tried|try again|decid\w*|decision|choice|my mind up|sorry|blame|"
    r"last|coroner|funeral|grave|will in order|my will|insurance|affairs|"
    r"morphine|blister\w*|stockpil\w*|saved up|hoard\w*|scissors|lorry|canal|river|"
    r"railway|platform|quarry|storey|engine|exhaust|garage|reservoir|lake|sea|"
    r"bruis\w*|marks|regret|scream\w*|thud\w*|my room at night|"
    r"thoughts?|bother\w*|miss me|research\w*|google\w*|checking out|not coming back|"
    r"future|escape|trapped|numb|empty|sectioned|anniversary|safety plan|"
    # Added after reading the misses of cross-validation on the train12a/train12b training
    # slices: affairs settled in ordinary words, means bought, wounds, threats made "for good".
    r"moving|boxes|chemists?|pharmac\w*|wounds?|for good|envelope|just in case|passwords?|"
    r"charity shop|solicitor|kennels|rehom\w*|punish\w*|one-way|location|everything i need|"
    r"sure of anything|the list|address"
    r")\b",
    re.IGNORECASE,
)
_lock = threading.Lock()
_model: Any = None
_urgency: Any = None
# (text, its features) for the last text the reader read first: see learnt_scores.
_last_features: tuple[str, Any] | None = None


def feedback_examples() -> list[tuple[str, str, str]]:
    """``(section, tone, text)`` for every comment in ``data/feedback_examples.txt``, in file
    order; tone is "-" negative, "+" positive, "~" mixed or "=" neutral (the demo uses it)."""
    out, section = [], ""
    for line in FEEDBACK_EXAMPLES.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        tone, text = line[0], line[1:].strip()
        if tone not in "-+~=" or not text or re.match(r"[-+~=] ", text):
            raise ValueError(f"Bad example comment line: {line!r}")
        out.append((section, tone, text))
    return out


def _training_rows() -> list[tuple[str, str]]:
    """``(text, level)`` for every row of ``data/risk_training.csv``."""
    with TRAINING_CSV.open(newline="", encoding="utf-8") as handle:
        return [(row["text"], row["level"]) for row in csv.DictReader(handle)]


def training_set() -> tuple[list[str], list[int]]:
    """The texts and labels (1 = risk) the model learns from; see the module docstring."""
    from analysis.risk import assess_rules
    from analysis.taxonomy import get_taxonomy

    rows = _training_rows()
    texts = [text for text, _ in rows]
    labels = [int(level != "none") for _, level in rows]
    for section, _, text in feedback_examples():
        texts.append(text)
        labels.append(int(section == "risk"))
    for definition in get_taxonomy("iapt"):
        for seed in definition.seeds:
            if not assess_rules(seed).flag:
                texts.append(seed)
                labels.append(0)
    return texts, labels


def _fit() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    texts, labels = training_set()
    return make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                            min_df=2, dtype=np.float32),
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32),
        ),
        LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced"),
    ).fit(texts, labels)


def model() -> Any:
    """The fitted pipeline, trained once per process (thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _fit()
    return _model


def urgency_set() -> tuple[list[str], list[int]]:
    """The texts and labels (1 = ``urgent``) the urgency model learns from: every row of
    ``data/risk_training.csv`` (``review`` and ``none`` rows are 0) and the ordinary feedback
    examples (0, their ``[risk]`` section included, since it has no level)."""
    rows = _training_rows()
    texts = [text for text, _ in rows]
    labels = [int(level == "urgent") for _, level in rows]
    for _, _, text in feedback_examples():
        texts.append(text)
        labels.append(0)
    return texts, labels


def urgency_model() -> Any:
    """A logistic regression over the reader's own features that tells ``urgent`` from the
    rest, trained once per process on first use (thread-safe; about 2 CPU seconds on top of
    the reader)."""
    global _urgency
    if _urgency is None:
        features = model().steps[0][1]
        with _lock:
            if _urgency is None:
                from sklearn.linear_model import LogisticRegression

                texts, labels = urgency_set()
                _urgency = LogisticRegression(
                    C=4.0, max_iter=3000, class_weight="balanced"
                ).fit(features.transform(texts), labels)
    return _urgency


def urgency_scores(texts: list[str]) -> np.ndarray:
    """The urgency model's probability that each text, read whole, is ``urgent`` (0 to 1)."""
    if not texts:
        return np.zeros(0)
    urgency = urgency_model()
    last = _last_features
    if len(texts) == 1 and last is not None and last[0] == texts[0]:
        matrix = last[1]
    else:
        matrix = model().steps[0][1].transform(texts)
    return urgency.predict_proba(matrix)[:, 1]


def is_urgent(text: str) -> bool:
    """Whether a comment the reader flags is ``urgent``: the comment, read whole, reaches
    :data:`URGENT_THRESHOLD` on the urgency model. (Read sentence by sentence as well, it
    called "Letters keep going to my mum's house." urgent, and gained little.)"""
    return bool(urgency_scores([text])[0] >= URGENT_THRESHOLD)


def may_speak(text: str) -> bool:
    """Whether the reader may flag ``text``: it uses a word from the vocabulary of risk, as
    written or as the rules read it (typos corrected, repeated letters squeezed, "0v3rd0se"
    spelt out), so that a misspelt risk word still lets the reader in. A word inside one of
    the rules' idioms ("dying to know") does not count."""
    from analysis.risk import _IDIOMS, _MAX_CHARS, _read, _word_matches

    read = _read(text[:_MAX_CHARS])[1]
    idioms = [m.span() for m in _word_matches(_IDIOMS, read)]
    if not idioms and _RISK_WORDS.search(text) is not None:
        return True
    for start, end in idioms:
        # A risk word inside an idiom ("I'm dying to know", "this wait is killing me") is not
        # one: the text is read without it.
        read = read[:start] + " " * (end - start) + read[end:]
    words = _squeezed_risk_words()
    return words.search(read) is not None or words.search(read.replace("'", "")) is not None


@lru_cache(maxsize=1)
def _squeezed_risk_words() -> re.Pattern[str]:
    """:data:`_RISK_WORDS` squeezed as the rules' reading of a text is ("pills" is "pils"),
    so that a misspelt "pils" or "kil" still lets the reader in."""
    from analysis.risk import _squeeze_pattern

    return re.compile(_squeeze_pattern(_RISK_WORDS.pattern), re.IGNORECASE)


def threshold_for(text: str) -> float | None:
    """The score ``text``, read whole, needs for the reader to flag it, or None when the
    reader does not read it (the rules flagged it, or it says nothing): :data:`THRESHOLD` when
    the rules found no risk phrase and it uses a word of the vocabulary of risk
    (:func:`may_speak`), else :data:`STRICT_THRESHOLD`. Each sentence of a longer comment is
    held to its own words' threshold the same way (:func:`read_comment`)."""
    from analysis.risk import _learnt_reads, _rules

    found, phrase_seen = _rules(text)
    if not _learnt_reads(text, found):
        return None
    return _threshold_of(text, phrase_seen)


def _threshold_of(piece: str, phrase_seen: bool) -> float:
    """The threshold a piece of a comment is held to (see :func:`read_comment`)."""
    return THRESHOLD if not phrase_seen and may_speak(piece) else STRICT_THRESHOLD


def learnt_scores(texts: list[str]) -> np.ndarray:
    """The model's probability that each text, read whole, discloses risk (0 to 1)."""
    global _last_features
    if not texts:
        return np.zeros(0)
    features, regression = (step for _, step in model().steps)
    matrix = features.transform(texts)
    # The comment read whole comes first when the reader reads a comment: kept, so that the
    # urgency model, which reads the same features of the same text next, need not compute
    # them again (the costly part).
    _last_features = (texts[0], matrix[:1])
    return regression.predict_proba(matrix)[:, 1]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


def read_comment(text: str, phrase_seen: bool = False) -> tuple[float, float, str]:
    """Read a comment as the app does: whole, and each of its sentences alone, in one call to
    the model, so one disclosure inside a long comment about parking and forms is not diluted
    by the rest.

    Each of these pieces is held to the threshold of its own words: the best score among the
    pieces that use a word of the vocabulary of risk (:func:`may_speak`) is compared with
    :data:`THRESHOLD`, the best among the others with :data:`STRICT_THRESHOLD`. So a plain
    sentence such as "I know I'm not the only one." cannot raise a comment at the ordinary
    threshold just because another sentence of it uses a risk word. When the rules found a
    risk phrase and judged it harmless (``phrase_seen``), every piece is held to the strict
    threshold.

    Returns the best ordinary-tier score (-1 if no piece is in that tier), the best
    strict-tier score (-1 likewise) and the reason to show if it flags: the highest-scoring
    sentence among those that reached their own threshold, or, when only the comment read
    whole did, its highest-scoring sentence.
    """
    sentences = _sentences(text)
    pieces = [text] + (sentences if len(sentences) > 1 else [])
    scores = learnt_scores(pieces)
    ordinary = strict = -1.0
    reached: list[tuple[float, int]] = []
    for i, (piece, score) in enumerate(zip(pieces, scores, strict=True)):
        needed = _threshold_of(piece, phrase_seen)
        if needed == THRESHOLD:
            ordinary = max(ordinary, float(score))
        else:
            strict = max(strict, float(score))
        if i and score >= needed:
            reached.append((float(score), i))
    if reached:
        reason = pieces[max(reached)[1]]
    elif len(pieces) > 1:
        reason = pieces[int(np.argmax(scores[1:])) + 1]
    else:
        reason = text.strip()
    return ordinary, strict, reason


def flags(text: str, phrase_seen: bool = False) -> str | None:
    """The sentence to show as the reason when the reader flags ``text``, else None (see
    :func:`read_comment`)."""
    ordinary, strict, reason = read_comment(text, phrase_seen)
    if ordinary >= THRESHOLD or strict >= STRICT_THRESHOLD:
        return reason
    return None
