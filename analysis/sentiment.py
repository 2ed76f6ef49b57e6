"""Sentiment of feedback comments about talking therapy services.

A rule-based scorer built on the VADER lexicon that ships inside the ``vaderSentiment`` package
(read from the installed package; nothing is downloaded). VADER was built for social media, so it
is adjusted here for feedback about mental-health services:

- Words that describe the person's condition ("depression", "anxiety", "suicidal", "panic")
  say nothing by themselves about the service, so they carry no valence.
- Service words that are negative in this setting ("waiting list", "discharged", "cancelled",
  "no follow up", "only 6 sessions") and positive ("listened", "understood", "helped me",
  "life-changing") are added.
- Answers such as "Nothing, it was all great" to "What could we do better?" count as positive.
- A comment is scored sentence by sentence; within a sentence, the clause after "but",
  "however" or "although" outweighs the clause before it.

That rule-based score is :func:`lexicon_score`. The score the rest of the engine uses,
:func:`sentiment_score`, adds a small learnt model on top of it: a logistic regression over word
and word-pair TF-IDF features and the lexicon score (as a value and as the three bands its
thresholds make), trained, at first use, on feedback written for this project and labelled on
the same 1-5 scale as the NHS labellers use (``data/sentiment_training.csv``: ambulance, mental
health, community and Talking Therapies answers, and hard cases such as bare suggestions, "as
above", sarcasm). When the question a comment answers is known (:func:`question_kind` reads
its wording), the model reads that too: "Nothing." answers "What could we do better?" with
praise and "What was good?" with none. The score is P(positive) - P(negative), from -1 to 1.
The lexicon alone reads "Parking." or "Nobody rang me back." as neutral, though they answer
"what could we do better?" with a complaint; the model learns how such answers are meant.

The thresholds that turn a score into a label were chosen by a grid search on a fixed half of
real, human-labelled NHS Friends and Family Test comments and checked on the other half, which
was never read and never trained on (``benchmarks/eval_sentiment.py``; numbers in
``BENCHMARKS.md``). None of those real comments is in the training file.
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

__all__ = [
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "QUESTION_KINDS",
    "lexicon_score",
    "lexicon_scores",
    "question_kind",
    "sentiment_label",
    "sentiment_score",
    "sentiment_scores",
]

#: Scores at or above this are "positive" (tuned on the tune half of the FFT data).
POSITIVE_THRESHOLD = 0.3
#: Scores at or below this are "negative" (tuned on the tune half of the FFT data).
NEGATIVE_THRESHOLD = -0.45
#: The same two thresholds for :func:`lexicon_score` alone (tuned the same way); the learnt
#: model also reads the lexicon score as the three bands they make.
LEXICON_POSITIVE = 0.25
LEXICON_NEGATIVE = -0.05

TRAINING_CSV = Path(__file__).resolve().parent / "data" / "sentiment_training.csv"
#: The kinds of question a comment may answer, which change what a short answer means:
#: "Nothing." to "What was good?" is a complaint, to "What could we do better?" praise.
QUESTION_KINDS = ("good", "better", "why")
# Read in this order: "What could we do better?" is "better" before it is "good".
_QUESTION_WORDS = (
    ("better", re.compile(r"\b(?:better|improve\w*|change\w*|differently|wrong|worse|worst"
                          r"|least|(?:didn't|did not|don't|do not) like|disappoint\w*)\b",
                          re.IGNORECASE)),
    ("good", re.compile(r"\b(?:good|well|best|liked|(?:did|do) you like|like (?:about|most)"
                        r"|satisf\w*|helpful|helped|positive|enjoy\w*|valued?|pleased)\b",
                        re.IGNORECASE)),
    ("why", re.compile(r"\bwhy\b|\breasons?\b|\byour (?:answer|rating|score)\b"
                       r"|\btell us more\b", re.IGNORECASE)),
)
_model: Any = None
_lock = threading.Lock()

# The person's condition, not a judgement of the service: neutral here.
_CONDITION_WORDS = (
    "depression", "depressed", "depressive", "anxiety", "anxious", "anxieties", "suicidal",
    "suicide", "panic", "panicky", "stress", "stressed", "stressful", "trauma", "traumatic",
    "traumatised", "worried", "worry", "worries", "worrying", "ill", "illness", "sick",
    "crisis", "grief", "grieving", "bereavement", "lonely", "loneliness", "scared", "fear",
    "fears", "afraid", "phobia", "abuse", "abused", "harm", "pain", "struggle", "struggling",
    "struggled", "problem", "problems", "issues", "low", "unwell", "hurt", "upset",
    "paranoid", "paranoia", "hopeless", "hopelessness", "worthless", "cry", "crying",
    "cried", "tears", "death", "died", "loss", "difficult", "difficulties", "scary",
    "frightening", "frightened", "terrified", "distressing", "distressed", "nervous",
    "emergency",
)  # fmt: skip

# Single words whose valence in this setting differs from VADER's social-media lexicon.
_DOMAIN_WORDS: dict[str, float] = {
    "listened": 1.8,
    "listening": 1.2,
    "listens": 1.5,
    "understood": 1.6,
    "understanding": 1.6,
    "supportive": 2.0,
    "reassuring": 1.8,
    "reassured": 1.5,
    "professional": 1.5,
    "patient": 0.8,
    "informative": 1.2,
    "efficient": 1.5,
    "prompt": 1.2,
    "promptly": 1.2,
    "quick": 0.9,
    "quickly": 0.8,
    "polite": 1.5,
    "thorough": 1.3,
    "knowledgeable": 1.5,
    "knowledgable": 1.5,
    "attentive": 1.6,
    "compassionate": 2.2,
    "empathetic": 1.8,
    "non-judgemental": 1.8,
    "lifesaver": 2.8,
    "life-changing": 2.8,
    "life-saving": 2.8,
    "discharged": -0.8,
    "cancelled": -1.4,
    "canceled": -1.4,
    "rescheduled": -0.8,
    "waited": -0.6,
    "waiting": -0.4,
    "delays": -1.3,
    "late": -1.0,
    "wait": -0.5,
    "chase": -1.0,
    "chasing": -1.0,
    "ignored": -1.8,
    "dismissed": -1.8,
    "dismissive": -2.0,
    "rushed": -1.5,
    "impersonal": -1.5,
    "unhelpful": -1.9,
    "unprofessional": -2.0,
    "disorganised": -1.8,
    "disorganized": -1.8,
    "shambles": -2.2,
    "patronising": -2.0,
    "patronizing": -2.0,
    "condescending": -2.0,
    "robotic": -1.2,
    "helped": 1.5,
    "professionalism": 1.8,
    "excelent": 2.7,
    "brill": 2.5,
    "fab": 2.5,
    "quicker": -0.8,
    "faster": -0.8,
    "sooner": -0.8,
    "heart": 0.0,
    "judged": -1.5,
    "forgotten": -1.5,
    "rigid": -1.0,
    "pointless": -1.8,
    "fobbed": -1.8,
    "invaluable": 2.5,
    "like": 0.5,
    "please": 0.0,
}

# Phrases VADER cannot see word by word: each is rewritten to a made-up token with a valence.
# fmt: off
_PHRASES: tuple[tuple[str, str, float], ...] = (
    # VADER looks only three words back for a negation; these reach further.
    (r"(?:nobody|no one|no-one|none of (?:the|them|us|you)(?: \w+)?) (?:\w+ ){0,2}?"
     r"(?:listen(?:ed)?|help(?:ed)?|cared?|understood|understand|explained|bothered|checked|"
     r"(?:rang|called|phoned|got|came) back)",
     "ysxnobody", -2.0),
    (r"nothing (?:was|has been|got|is|were) (?:being )?"
     r"(?:done|sorted|resolved|offered|put in place)",
     "ysxnothingdone", -2.4),
    (r"waiting (?:list|lists|times?)", "ysxwaitlist", -1.2),
    (r"(?:long|longer|too long a) wait(?:s|ing)?", "ysxlongwait", -1.6),
    (r"no (?:follow[- ]?up|followup|aftercare|after care|support|contact)", "ysxnofollow", -2.0),
    (r"(?:never|nobody|no one|no-one) (?:got|gets|came|rang|called|phoned) back",
     "ysxnocall", -2.0),
    (r"(?:only|just) (?:\d+|one|two|three|four|five|six|eight|ten|twelve) "
     r"(?:sessions?|appointments?|weeks)",
     "ysxonlyn", -1.5),
    (r"not enough (?:sessions?|time|staff|support|appointments?)", "ysxnotenough", -1.6),
    (r"(?:more|extra) (?:sessions?|appointments?|staff|time|support|follow[- ]?up)",
     "ysxmoreof", -0.6),
    (r"(?:helped|helps|help) me", "ysxhelpedme", 2.0),
    (r"made (?:me|us) feel (?:at ease|comfortable|safe|welcome|valued|listened to|heard)",
     "ysxfeltsafe", 2.4),
    (r"put (?:me|us) at ease", "ysxatease", 2.2),
    (r"(?:felt|feel) (?:heard|listened to|understood|supported|safe|valued|respected)",
     "ysxfeltheard", 2.2),
    (r"(?:changed|saved) my life", "ysxchangedlife", 3.0),
    (r"went above and beyond", "ysxabove", 2.6),
    (r"(?:could not|couldn't|cannot|can't|cant) fault", "ysxnofault", 2.6),
    # "Could not have been better", "nothing could be improved": praise that VADER reads as
    # a negated positive.
    (r"(?:could|can|would)(?:n't|nt| not|not) (?:have |of )?(?:been |be |do |done |get |got |"
     r"ask for |asked for |wish for |fault )?(?:any |much |a lot )?(?:better|more|it)",
     "ysxcouldntbetter", 2.6),
    (r"(?:nothing|none|not (?:a )?thing) (?:could|can|needs to|need to|would|to|should) "
     r"(?:have )?be(?:en)? (?:improved?|better|changed|done better|any better)",
     "ysxnothingbetter", 2.4),
    (r"nothing (?:better|extra|more|else)(?: (?:needed|required|to add))?", "ysxnothingelse", 1.6),
    (r"(?:don't|dont|do not|didn't|didnt|did not) (?:feel|think) (?:any ?thing|there is anything|"
     r"there's anything|it) (?:could|can|needs to|should) (?:have )?(?:be(?:en)? )?"
     r"(?:better|improved|changed)",
     "ysxnothingbetter", 2.4),
    (r"(?:didn't|didnt|did not|dint|couldn't|could not|can't|cannot) (?:find|see|think of) "
     r"(?:anything|any ?thing) (?:wrong|bad|negative|to complain about)",
     "ysxnothingwrong", 2.2),
    (r"not sure|(?:don't|dont|do not) know|unsure", "ysxunsure", 0.0),
    (r"(?:thank you|thanks)(?: so much| very much)?", "ysxthanks", 1.8),
    (r"no (?:improvements?|complaints?|changes?)(?: needed| necessary)?", "ysxnocomplaint", 1.8),
    (r"(?:all|everything) (?:was |is )?(?:fine|good|great|ok|okay|excellent|perfect)",
     "ysxallgood", 2.0),
    (r"keep (?:up the good work|doing what (?:you(?:'re| are)|your) doing)", "ysxkeepup", 2.4),
    (r"(?:no|not any|without any) (?:problems?|issues?|concerns?)", "ysxnoproblem", 1.5),
    (r"on hold", "ysxonhold", -1.2),
    (r"too (?:long|slow|many|much|late|short|few)", "ysxtoomuch", -1.5),
    (r"(?:passed|passing|pass) (?:you|me|us|him|her) (?:on|onto|around|about|back)",
     "ysxpassed", -1.5),
    (r"did not attend|marked as dna", "ysxdna", -1.0),
    (r"(?:felt|feel|feeling|treated) like (?:a|just a) (?:number|statistic|case|box)", "ysxnumber",
     -1.8),
    (r"tick[- ]?box(?:es|ing)?|box[- ]?ticking", "ysxtickbox", -1.5),
    (r"(?:tell|telling|told|repeat|repeating|retell|retelling|go over|going over|explain|"
     r"explaining) (?:my|the same|the whole|my whole|my life) (?:story|history|life story|"
     r"everything|things)",
     "ysxretell", -1.5),
    (r"pillar to post|round in circles|(?:fell|fall|falling|slipped) (?:through|between) the "
     r"(?:gaps|cracks|net)",
     "ysxbounced", -2.0),
    (r"(?:didn't|didnt|did not|doesn't|doesnt|does not|never|wasn't|was not) (?:really )?"
     r"(?:work|working|helpful|help|right) for me",
     "ysxnotforme", -1.6),
    (r"one size fits all", "ysxonesize", -1.2),
    (r"heard nothing|(?:never|not) heard (?:back|anything)|nobody (?:got|came) back",
     "ysxheardnothing", -1.8),
    (r"got me through|pulled me through|turned my life around|got my life back", "ysxgotme", 2.6),
    # Suggestions ("could be better", "more staff") read as positive word by word, but people
    # write them to say what went wrong.
    (r"(?:could|should|would|need(?:s|ed)? to|must) (?:have |of |\'ve )?(?:been |be |have been )?"
     r"(?:a (?:bit|little|lot) |much |far )?(?:more|better|improved|quicker|faster|clearer|"
     r"sooner|less)",
     "ysxsuggest", -1.4),
    (r"(?:had|have|having) to wait", "ysxhadtowait", -1.4),
    (r"took (?:\w+ )?(?:\w+ )?(?:nearly |over |almost |about |more than )?(?:an?|\d+|several|two|"
     r"three|four|five|six|many) (?:hours?|weeks?|months?|years?)",
     "ysxlongwait", -1.6),
    (r"wait(?:ed|ing)? (?:for )?(?:over |nearly |almost |about |more than )?(?:an?|\d+|several|"
     r"two|three|four|five|six|many) (?:hours?|weeks?|months?|years?)",
     "ysxlongwait", -1.6),
)
# fmt: on

# Whole answers that mean "no complaints" to a "What could we do better?" question. The
# lookahead keeps "No one listened" and "Nothing was done" out: the phrase must end the
# sentence or be followed by a fresh clause such as "they were great".
_NOTHING_TO_IMPROVE = re.compile(
    r"^\W*(?:absolutely |honestly |really |there(?:'s| is) )?"
    r"(?:(?:nothing really|nothing at all|nothing to improve|nothing i can think of|nothing|"
    r"not much|not a thing|nowt|not really|"
    r"(?:i )?(?:(?:honestly|really) )?(?:can(?:no|')?t|cannot|can not) think of anything)"
    r"(?=\W*$|\s*[.,!;:-]|\s+(?:they|she|he|everything|all|you|your|staff|great|excellent|"
    r"fantastic|brilliant|good|perfect|thank|thanks|keep|very|really|absolutely|i|we)\b)"
    r"|(?:none|nope|no improvements?(?: needed)?|no)(?=\W*$|\s*[.,!;:-]))",
    re.IGNORECASE,
)
# "Everything" on its own answers "what was good?".
_EVERYTHING = re.compile(r"^\W*(?:everything|all of it|the lot)\W*$", re.IGNORECASE)
# The score of a bare "nothing (to improve)" answer: mildly positive.
_NOTHING_SCORE = 0.4
# The same for the learnt score. Without its question, "Nothing." can mean "nothing to improve"
# or "nothing was good", and the training examples hold both, so the model puts it halfway,
# on the edge of the positive threshold. The labellers read it as praise far more often (it
# mostly answers "What could we do better?"), so it is given a fixed, mildly positive score.
_BARE_NOTHING_SCORE = 0.6

_CONTRAST = re.compile(
    r"\b(?:but|however|although|though|except|yet|apart from|other than|aside from)\b",
    re.IGNORECASE,
)
# A sentence that opens with a request for more or better of something is a suggestion.
_SUGGESTION_START = re.compile(
    r"^\W*(?:(?:maybe|perhaps|possibly|please|just|to|i think|i would like|i'd like) )*"
    r"(?:more|better|be more|improve[ds]?|improving|faster|quicker|speed up|less|fewer|"
    r"(?:it |there )?(?:would|could) be (?:nice|good|helpful|better)|"
    # Bare imperatives answer "how could we improve?".
    r"allow|answer|arrange|ask|check|communicate|consider|contact|employ|ensure|explain|"
    r"get|give|hire|include|increase|inform|introduce|invest|let|listen|look|make|offer|"
    r"pay|provide|reduce|respond|review|send|stop|take|tell|train|re-train|retrain|treat|"
    r"turn up|update|use)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|\n+")
_PHRASE_PATTERNS = tuple(
    (re.compile(rf"\b{pattern}\b", re.IGNORECASE), f" {token} ") for pattern, token, _ in _PHRASES
)
# Any of the phrases: most comments contain none, and one search is far cheaper than one
# substitution per phrase.
_ANY_PHRASE = re.compile(
    "|".join(rf"(?:\b{pattern}\b)" for pattern, _, _ in _PHRASES), re.IGNORECASE
)
# Sentences and clauses recur across comments ("Very helpful staff."): score each once.
_CACHE_SIZE = 1 << 16

# Weight of the clause after a contrast word relative to the clause before it.
_AFTER_CONTRAST_WEIGHT = 0.6


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """Build the one shared analyzer with the domain lexicon; loaded on first use."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    # VADER treats "but" itself; we split on contrast words ourselves and weight clauses.
    for word in _CONDITION_WORDS:
        analyzer.lexicon[word] = 0.0
    analyzer.lexicon.update(_DOMAIN_WORDS)
    analyzer.lexicon.update({token: valence for _, token, valence in _PHRASES})
    return analyzer


def _rewrite_phrases(text: str) -> str:
    if not _ANY_PHRASE.search(text):
        return text
    for pattern, token in _PHRASE_PATTERNS:
        text = pattern.sub(token, text)
    return text


@lru_cache(maxsize=_CACHE_SIZE)
def _clause_score(clause: str) -> float:
    return float(_analyzer().polarity_scores(clause)["compound"])


@lru_cache(maxsize=_CACHE_SIZE)
def _sentence_score(sentence: str) -> float:
    if _SUGGESTION_START.match(sentence):
        sentence = "ysxsuggest " + sentence
    parts = [p.strip(" ,") for p in _CONTRAST.split(sentence)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return _clause_score(sentence)
    before = _clause_score(" ".join(parts[:-1]))
    after = _clause_score(parts[-1])
    if after == 0.0:
        return before
    if before == 0.0:
        return after
    return (1 - _AFTER_CONTRAST_WEIGHT) * before + _AFTER_CONTRAST_WEIGHT * after


def lexicon_score(text: str) -> float:
    """The rule-based score of one comment: VADER's lexicon with this module's domain words,
    phrases and clause rules, without the learnt model.

    Returns
    -------
    float
        From -1 (very negative) to 1 (very positive); 0 for empty or neutral text. Labels
        follow :data:`LEXICON_NEGATIVE` and :data:`LEXICON_POSITIVE`.
    """
    if not text or not text.strip():
        return 0.0
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    score = _text_score(text)
    nothing = _NOTHING_TO_IMPROVE.match(text)
    if nothing:
        # "Nothing, they were fantastic": the answer to "what could we do better?" is a
        # compliment, and VADER would read "nothing" as negating "fantastic".
        rest_score = _text_score(text[nothing.end() :])
        if rest_score > 0.0:
            score = rest_score
        elif rest_score == 0.0:
            score = _NOTHING_SCORE
    elif _EVERYTHING.match(text):
        score = _NOTHING_SCORE
    return max(-1.0, min(1.0, score))


def _text_score(text: str) -> float:
    rewritten = _rewrite_phrases(text)
    sentences = [s for s in _SENTENCE.split(rewritten) if s.strip()]
    scores = [_sentence_score(s) for s in sentences]
    nonzero = [s for s in scores if s != 0.0]
    return float(np.mean(nonzero)) if nonzero else 0.0


def lexicon_scores(texts: Iterable[str]) -> np.ndarray:
    """:func:`lexicon_score` of many comments, as float64."""
    return np.fromiter((lexicon_score(t) for t in texts), dtype=np.float64)


def _lexicon_features(texts: list[str]) -> Any:
    from scipy import sparse

    score = lexicon_scores(texts)[:, None]
    bands = np.hstack([score >= LEXICON_POSITIVE, score <= LEXICON_NEGATIVE, score == 0.0])
    return sparse.csr_matrix(np.hstack([score, bands]).astype(np.float64))


def question_kind(question: str | None) -> str | None:
    """The kind of question (one of :data:`QUESTION_KINDS`) a question's wording asks, or
    None when it is none of them or unknown ("Is there anything else you would like to say?").
    """
    if not question:
        return None
    for kind, words in _QUESTION_WORDS:
        if words.search(question):
            return kind
    return None


def _with_question(text: str, kind: str | None) -> str:
    """The text the word features read: a token for the question's kind, then the answer."""
    return f"qq{kind} {text}" if kind in QUESTION_KINDS else text


def training_set() -> tuple[list[str], list[str], list[str | None]]:
    """The texts, labels (``"positive"``, ``"neutral"``, ``"negative"``) and question kinds the
    model learns from: 1-2 positive, 3 neutral or mixed, 4-5 negative, as the labellers' scale
    collapses."""
    texts: list[str] = []
    labels: list[str] = []
    kinds: list[str | None] = []
    with TRAINING_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            value = int(row["sentiment"])
            texts.append(row["text"])
            labels.append("positive" if value <= 2 else "neutral" if value == 3 else "negative")
            kinds.append(row["question"] if row["question"] in QUESTION_KINDS else None)
    return texts, labels, kinds


class _Model:
    """Word and word-pair TF-IDF beside the lexicon's features, into a logistic regression.

    Each training example is read twice, once after a token for the question it answers and
    once alone, so the model reads answers whose question is known and answers without one.
    """

    def __init__(
        self, examples: tuple[list[str], list[str], list[str | None]] | None = None
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        # The examples are training_set()'s unless given (benchmarks/eval_sentiment.py
        # --in-domain trains the same model on other labels, for comparison).
        texts, labels, kinds = examples if examples is not None else training_set()
        asked = [i for i, kind in enumerate(kinds) if kind]
        answers = [*texts, *(texts[i] for i in asked)]
        read = [*texts, *(_with_question(texts[i], kinds[i]) for i in asked)]
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        words = self.vectorizer.fit_transform(read)
        self.regression = LogisticRegression(C=4.0, max_iter=5000).fit(
            self._join(words, answers), [*labels, *(labels[i] for i in asked)])
        classes = list(self.regression.classes_)
        self.positive = classes.index("positive")
        self.negative = classes.index("negative")

    def _join(self, words: Any, texts: list[str]) -> Any:
        from scipy import sparse

        return sparse.hstack([words, _lexicon_features(texts)], format="csr")

    def probabilities(self, texts: list[str], kinds: list[str | None]) -> np.ndarray:
        """Each text's probability of each class, in ``self.regression.classes_`` order."""
        words = self.vectorizer.transform(
            [_with_question(t, k) for t, k in zip(texts, kinds, strict=True)])
        return self.regression.predict_proba(self._join(words, texts))

    def scores(self, texts: list[str], kinds: list[str | None]) -> np.ndarray:
        proba = self.probabilities(texts, kinds)
        return (proba[:, self.positive] - proba[:, self.negative]).astype(np.float64)


def model() -> _Model:
    """The learnt model, trained once per process on first use (thread-safe; about 10 CPU
    seconds)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _Model()
    return _model


def _is_bare_nothing(text: str) -> bool:
    """Whether the whole answer is "Nothing", "None", "No" or the like, with nothing after it."""
    nothing = _NOTHING_TO_IMPROVE.match(text)
    return bool(nothing) and not text[nothing.end():].strip(" .!,;:-\n\t")


def sentiment_score(text: str, question: str | None = None) -> float:
    """Score the sentiment of one comment: the learnt model over the lexicon (module docstring).

    Parameters
    ----------
    text : str
        A free-text comment.
    question : str, optional
        The wording of the question it answers, when known ("What could we do better?"):
        short answers such as "Nothing." mean opposite things to different questions.

    Returns
    -------
    float
        From -1 (very negative) to 1 (very positive); 0 for empty text.
    """
    return float(sentiment_scores([text], None if question is None else [question])[0])


def sentiment_label(score: float) -> str:
    """Turn a score from :func:`sentiment_score` into ``"positive"``, ``"neutral"`` or
    ``"negative"``."""
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    if score <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def sentiment_scores(texts: Iterable[str],
                     questions: Iterable[str | None] | None = None) -> np.ndarray:
    """Score many comments at once; the same numbers as :func:`sentiment_score` one at a time.

    ``questions``, when given, holds the wording of the question each comment answers (None
    where it is not known).

    Returns
    -------
    numpy.ndarray of float64, shape (n,)
    """
    texts = [t.replace("\u2019", "'").replace("\u2018", "'") if isinstance(t, str) else ""
             for t in texts]
    kinds = ([None] * len(texts) if questions is None
             else [question_kind(q) for q in questions])
    if len(kinds) != len(texts):
        raise ValueError("sentiment_scores needs one question (or None) per text")
    scores = np.zeros(len(texts), dtype=np.float64)
    said = []
    for i, text in enumerate(texts):
        # A bare "Nothing" to "What was good?" is a complaint: the model reads it with its
        # question. To anything else it is read as praise (see _BARE_NOTHING_SCORE).
        if kinds[i] != "good" and _is_bare_nothing(text):
            scores[i] = _BARE_NOTHING_SCORE
        elif text.strip():
            said.append(i)
    if said:
        scores[said] = np.clip(
            model().scores([texts[i] for i in said], [kinds[i] for i in said]), -1.0, 1.0)
    return scores
