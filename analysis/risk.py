"""Flag feedback that suggests risk to the writer or to other people.

The app calls :func:`assess_risk` on every comment as it is saved, so a person's disclosure
reaches a clinician's review queue instead of sitting in a theme report. Recall comes first:
a missed disclosure costs far more than a comment a human reads and dismisses. The design is
therefore a set of hand-written, layered patterns rather than a trained model (we have no
labelled service-user data, and a rule can be read and argued with):

1. **Normalise** the text so that spelling variation does not hide a phrase: replace digits
   and symbols standing in for letters ("su1cidal", "k!ll"), lower-case, unify apostrophes and
   dashes, drop zero-width characters, squeeze every run of a repeated letter to one letter
   ("killl", "kil", "sooo", "beter of" all meet) and collapse spaces. The patterns below are
   written in ordinary spelling and squeezed the same way when they are compiled, so a doubled
   or undoubled letter is never a typo that matters; apostrophes in them are optional ("dont",
   "im"). Slang ("kms", "unalive", "sewerslide") and common misspellings of "suicidal" are
   written into the patterns. Then a word one edit away from a key risk word ("harmimg",
   "wnat", "thoughs", "self-haming") is read as that word, unless the variant is itself an
   English word ("meditation" is never "medication"), so every pattern is typo-tolerant.
2. **Match** phrases in three families (suicide and self-harm, abuse, harm to others). Each
   pattern has a base level: ``urgent`` for a current, explicit statement (ideation, intent,
   method, an act, a current abuser), ``review`` for softer signals (hopelessness, "dark
   place", a bare mention of suicide). Besides phrases, *concept families* state a risk idea in
   general words, so that a new phrasing of it is still caught: no wish or no reason to live,
   the writer's absence as a relief to others ("they'd manage better without their mum"),
   farewells, means hidden or bought in several shops, being at a place of danger, picturing
   one's own death, researching a method, violence, threats and control by a partner, urges to
   hurt a child.
3. **Adjust** each match by its clause (at most 250 characters either side): negation in the
   five words before it ("not suicidal"), history ("used to", "years ago", "three years
   clean"), a third party as the nearest subject ("my son is self-harming"; unless the comment
   says it is happening now: "... 20 minutes ago", "please send someone"), a protective
   statement in the same sentence ("I'd never act on it"), a comparison with something
   ordinary ("I'd rather jump off a cliff than share in a group"), a question whether a
   medicine is safe with a drink, a laugh, or a reported screening question
   ("the PHQ-9 asks ...") or obsessional thoughts ("my OCD", "intrusive thoughts") lower
   ``urgent`` to ``review``. Negation, history, a third party
   and a protective statement never lower a match below ``review``: a person writing "I'm not
   suicidal" has still raised the subject.
   Only a reported screening question can take a *review*-level phrase down to nothing
   ("the form asked if I'd hurt myself, which felt intrusive" quotes the form, it is not a
   disclosure), and even then an ambivalent answer ("I never know how to answer", "in case I
   get sectioned") or the writer's own answer ("... and I said I had thoughts") keeps the
   flag, because hiding an answer is itself a warning sign. The other way to nothing is a
   bare topic word named as a service, material or media ("the leaflet on self-harm",
   "suicide prevention training", "Suicide Squad").
4. **Idioms** ("this wait is killing me", "dying to get started", "dead end", "I cut my
   finger chopping onions") are matched too, and any risk phrase overlapping one is ignored.
5. **Add up** softer signals: two separate review-level signals about the writer that no
   context lowered ("I feel like a burden and I'm ready to go") make the comment urgent.

The level of the comment is the highest level of any match; ``reasons`` lists the matched
phrases as they appear in the original text, so a reviewer sees why the comment was flagged.

Rules only find phrasings someone thought of. Each round of changes brought the slice it was
written from to full recall, but on evaluation rows written afterwards to avoid known
phrasings about half of the risky comments were missed (see BENCHMARKS.md, "Risk and
redaction"), so a flag is a prompt for a person, and no flag is not an all-clear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["LEVELS", "RiskAssessment", "assess_risk", "assess_rules"]

URGENT = "urgent"
REVIEW = "review"
NONE = "none"
#: The levels from most to least severe.
LEVELS = (URGENT, REVIEW, NONE)
_LEVEL_NAMES = {2: URGENT, 1: REVIEW, 0: NONE}

# Comments longer than this are assessed on their first part only. A saved comment is a few
# hundred characters; the cap keeps a pasted book from stalling a request.
_MAX_CHARS = 20_000
# How far (in characters) from a phrase its clause or sentence may reach.
_CONTEXT = 250


@dataclass(frozen=True)
class RiskAssessment:
    """The risk level of one comment and why.

    Attributes
    ----------
    level : str
        ``"urgent"``, ``"review"`` or ``"none"``.
    reasons : tuple of str
        The matched phrases as they appear in the text, in order of appearance; for a flag
        raised by the learnt reader, the one sentence it found most like a disclosure.
    learnt : bool
        Whether the flag was raised by the learnt reader (:mod:`analysis.risk_learnt`) rather
        than by a matched phrase: people reading the flag are told, since that reader is
        often wrong.
    """

    level: str
    reasons: tuple[str, ...] = ()
    learnt: bool = False

    @property
    def flag(self) -> bool:
        """Whether a person should read the comment (any level but ``"none"``)."""
        return self.level != NONE


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_CHAR_MAP = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201b\u02bc\u00b4`\u2032"), "'"),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-"),
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None),
}
# One substitution per letter that actually occurs doubled: much faster than a single
# back-referencing pattern such as ([a-z])\1+, which is tried at every position.
_SQUEEZERS = {c: re.compile(c + "{2,}") for c in "abcdefghijklmnopqrstuvwxyz"}
# Digits and symbols standing in for letters ("su1cidal", "k!ll", "su*cide"). Replaced one for
# one, so offsets into the text stay valid.
_LEET = re.compile(r"[0134579@$*!](?<=[A-Za-z].)(?=[A-Za-z])")
_LEET_MAP = dict(zip("0134579@$*!", "oieastgasii", strict=True))


def _unleet(text: str) -> str:
    return _LEET.sub(lambda m: _LEET_MAP[m.group()], text)


def _normalise(text: str) -> str:
    text = text.lower().translate(_CHAR_MAP)
    for letter, squeezer in _SQUEEZERS.items():
        if letter + letter in text:
            text = squeezer.sub(letter, text)
    return " ".join(text.split())


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The same normalisation, one character at a time, remembering where each came from.

    Only run when something matched, to turn a match back into the writer's own words.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in ch.lower().translate(_CHAR_MAP):
            if c.isspace():
                if not out or out[-1] == " ":
                    continue
                c = " "
            elif "a" <= c <= "z" and out and out[-1] == c:
                continue
            out.append(c)
            origin.append(i)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


# Misspellings of the words the patterns hinge on ("harmimg", "wnat", "thoughs", "self-haming")
# are mapped back to the word before matching, so every pattern is typo-tolerant without
# spelling out each misspelling. A token is corrected when it is one edit away from a key word:
# for long, distinctive words (drug names, "suicide", "overdose", "disappear") any single
# deletion, insertion, substitution or swap of neighbouring letters; for the commoner words only
# a swap (any length from four letters), or from six letters a deletion or a wrong vowel
# ("burdan"). A variant that is itself an
# English word ("meditation", "waiting", "hopes", "tables", "king") is never corrected: these
# were found by generating every variant and checking it against a British English word list
# and the words of 7,400 real NHS feedback comments.
_TYPO_KEYS_STRONG = (
    "suicide", "suicidal", "overdose", "overdosed", "overdosing", "paracetamol", "sertraline",
    "citalopram", "fluoxetine", "mirtazapine", "amitriptyline", "codamol", "painkillers",
    "unalive", "unalived", "disappear", "disappeared", "strangled", "strangling", "ligature",
    "medication",
)
_TYPO_KEYS_WEAK = (
    "myself", "harming", "harmed", "killing", "killed", "wanted", "wanting", "wanna", "want",
    "existing", "anymore", "dying", "alive", "death", "thoughts", "thinking", "ending", "hanging",
    "cutting", "abused", "tablets", "self", "harm", "life", "live", "living", "again", "hopeless",
    "worthless", "burden", "threatened", "threatening", "attacked", "goodbye", "blades", "razor",
    "wrists", "overdose", "obituary", "funeral", "strangle", "everyone", "nobody", "better",
)
# Held in the squeezed form the variants are compared in ("needing" is "neding", one swap from
# "ending": "Needing it all in writing" once read as "ending it all").
_REAL_WORDS = frozenset(map(_normalise, (
    "needing", "deed", "thinning", "hammed", "hamming", "straggle", "straggled", "straggling",
    "abuse", "anted", "armed", "arming", "blade", "bused", "cuing", "dedication", "disapears",
    "exiting", "gain", "hared", "haring", "hopes", "king", "lades", "lief", "ligatured",
    "ligatures", "mediation", "medications", "meditation", "overdoes", "overdoing", "overdone",
    "overdoses", "strangle", "strangler", "strangles", "suicides", "tables", "tablet", "tacked",
    "thought", "wan", "waned", "waning", "abased", "ailing", "barden", "borden", "cating",
    "citing", "cueing", "haried", "hinging", "keling", "loving", "nody", "oiling", "outing",
    "strange", "thanking", "waists", "waited", "waiting", "wonted", "worthies", "wrests", "wrist",
    "writs",)))
# Whole-word slang and phonetic spellings.
_SLANG = {"bout": "about", "tryna": "trying to", "ded": "dead", "wanting2": "wanting to",
          "2day": "today", "2nite": "tonight", "tonite": "tonight", "sum1": "someone",
          "every1": "everyone", "no1": "no one", "ppl": "people", "coz": "because",
          "cuz": "because", "myslf": "myself", "urself": "yourself", "ur": "your"}


def _one_edit(word: str, strong: bool) -> set[str]:
    n = len(word)
    out = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(n - 1) if n >= 4}
    if n >= 6:
        out |= {word[:i] + word[i + 1:] for i in range(n)}
        out |= {word[:i] + c + word[i + 1:] for i in range(n) for c in "aeiou"}
    if strong and n >= 7:
        letters = "abcdefghijklmnopqrstuvwxyz"
        out |= {word[:i] + c + word[i + 1:] for i in range(n) for c in letters}
        out |= {word[:i] + c + word[i:] for i in range(n + 1) for c in letters}
    return out


def _build_typos() -> dict[str, str]:
    keys = {_normalise(k): strong for strong, group in ((True, _TYPO_KEYS_STRONG),
                                                         (False, _TYPO_KEYS_WEAK)) for k in group}
    found: dict[str, str | None] = {}
    for key, strong in keys.items():
        for variant in _one_edit(key, strong):
            variant = _normalise(variant)
            if variant in keys or variant in _REAL_WORDS or _SUICIDE_SPELLING.match(variant):
                # The suicide patterns spell out their own common misspellings.
                continue
            # A variant one edit from two different key words is left alone.
            found[variant] = key if found.get(variant, key) == key else None
    typos = {v: k for v, k in found.items() if k is not None}
    typos.update({_normalise(k): _normalise(v) for k, v in _SLANG.items()})
    return typos


_SUICIDE_SPELLING = re.compile(r"s(?:ui|u|ou|iu)(?:c|s|sc)i?d")
_TYPOS = _build_typos()
_TOKEN = re.compile(r"[a-z0-9]+")


def _correct(norm: str) -> tuple[str, list[int] | None]:
    """``norm`` with misspelt key words corrected, and where each character came from.

    The map is ``None`` when nothing changed (nearly always), otherwise entry ``i`` is the
    position in ``norm`` that character ``i`` of the corrected text stands for.
    """
    if _TYPOS.keys().isdisjoint(_TOKEN.findall(norm)):
        return norm, None
    pieces: list[str] = []
    back: list[int] = []
    last = 0
    for m in _TOKEN.finditer(norm):
        fixed = _TYPOS.get(m.group())
        if fixed is None:
            continue
        s, e = m.span()
        pieces.append(norm[last:s])
        back.extend(range(last, s))
        pieces.append(fixed)
        back.extend(s + min(j, e - s - 1) for j in range(len(fixed) - 1))
        back.append(e - 1)
        last = e
    if not pieces:
        return norm, None
    pieces.append(norm[last:])
    back.extend(range(last, len(norm)))
    return "".join(pieces), back


def _squeeze_pattern(pattern: str) -> str:
    # Squeeze the literal letters of a pattern as the text is squeezed ("better off" becomes
    # "beter of"). A letter after a backslash is an escape such as \b and is left alone.
    return re.sub(r"(?<!\\)([a-z])\1+", r"\1", pattern)


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _compile(pattern: str, *, phrase: bool = False, words: bool = False) -> re.Pattern[str]:
    """Compile a pattern written in ordinary spelling against squeezed text.

    A ``phrase`` pattern (the risk phrases and idioms) is matched with :func:`_word_matches`
    and gets two more changes. Python's ``re`` skips quickly to a pattern's literal first
    characters, but not when the pattern starts with ``\\b``, which made each phrase pattern
    about ten times slower; so the leading ``\\b`` of every top-level alternative is removed
    here and checked by ``_word_matches`` instead. And people often drop apostrophes ("dont",
    "cant", "im"), so every apostrophe in a phrase is optional. The context cues keep their
    apostrophes ("n't" without one would match "went"); those matched with ``_word_matches``
    are compiled with ``words`` to drop the leading ``\\b`` only.
    """
    if phrase or words:
        pattern = "|".join(
            alt[2:] if alt.startswith("\\b") else alt for alt in _top_level_alternatives(pattern)
        )
    if phrase:
        pattern = pattern.replace("'", "'?")
    return re.compile(_squeeze_pattern(pattern))


# --------------------------------------------------------------------------------------------
# Vocabulary shared by the patterns (written in ordinary spelling; squeezed when compiled)
# --------------------------------------------------------------------------------------------


def _alt(*items: str) -> str:
    return "(?:" + "|".join(items) + ")"


_SELF = r"(?:my ?self|meself|myslef|mysef)"
_ANY_SELF = _alt(_SELF, "himself", "herself", "themselves", "themself", "yourself")
_MED = _alt(
    r"pills?", r"tablets?", "meds", r"medications?", r"medicines?", r"painkillers?",
    "paracetamol", "co-?codamol", "codeine", "ibuprofen", "aspirin", "sertraline",
    "citalopram", "fluoxetine", "mirtazapine", "amitriptyline", "tramadol", "diazepam",
    "zopiclone", "propranolol", "insulin", r"antidepressants?", "sleeping (?:pills|tablets)",
)
# Words that turn a method or an ending into an intention ("thinking about jumping").
_WANT = _alt(
    "want", "wanted", "wants", "wanting", "wana", "wanna", "gona", "gonna", "going", "plan",
    "planed", "planning", "ready", "decided", "tempted", "trying", "tried", "try", r"urges?",
    "feel like", "feeling like", "could", "might", "just", "finally", "can",
    r"(?:think|thinking|thought|talk|talks|talking|talked|spoke|speaks) (?:about|of)",
)
_FILLER = r"(?:just |realy |honestly |seriously |simply |literaly |actualy |kind of |sort of )?"
_DIE = _alt("die", "be dead", "not be here", "not be alive", "not exist", "stop existing",
            "be gone", "fade away", "sleep forever", "go to sleep forever", "not wake up")
_BODY = _alt(r"arms?", r"wrists?", r"legs?", r"thighs?", "skin", "stomach", "body", "face",
             "head", r"hands?", r"fingers?", "chest")
_PERSON_OBJ = _alt(
    "him", "her", "them", "someone", "somebody", "anyone", "people", "others", "other people",
    "my " + _alt("ex", r"bab(?:y|ies)", r"kids?", "children", "child", "son", "daughter",
                 "partner", "husband", "wife", "boyfriend", "girlfriend", "neighbour", "boss",
                 "dad", "mum", "brother", "sister", "family", "toddler", "colleague"),
    "the " + _alt("baby", "kids", "children", r"neighbours?"),
    "everyone", "everybody", "whoever",
    r"the (?:people|person|man|men|woman|women|guy|girl|boy|one|ones) (?:who|that)",
)
_ABUSER = _alt(
    "he", "she", "partner", "husband", "wife", "boyfriend", "girlfriend", "ex", "dad", "father",
    "mum", "mother", "step-?dad", "step-?mum", "stepfather", "stepmother", "uncle", "aunt",
    "brother", "sister", "grandad", "cousin", "carer", "fiance", "fiancee",
)
_ABUSE_VERB = _alt(
    "hits", "hit", "hitting", "beats", "beat", "beating", "kicks", "kicked", "punches",
    "punched", "chokes", "choked", "strangles", "strangled", "slaps", "slapped", "rapes",
    "raped", "touches", "touched", "hurts", "threatens", "threatened", "locks", "locked", "attacks",
    "attacked", "abuses", "abused", "molests", "molested", "assaults", "assaulted", "grooms",
    "groomed", "pinches", "pinched", "bites", "bit", "scratches", "scratched", "shoves",
    "shoved", "pushes", "spits at", "spat at", "burns", "burnt", "burned", "headbutts",
    "headbutted", "smacks", "smacked", "batters", "battered", "bullies", "bullied", "rapes",
)
# Places people go to end their lives. Only a risk when an intention sits in the same
# sentence (see the "method at a place" pattern); "traffic on the bridge" is not.
# Things a person may have in mind as a means, and the words that make them an intention.
_MEANS = _alt("knife", "knives", r"blades?", r"razors?", "rope", "belt", "cord", "gun",
              r"pills?", r"tablets?", "meds", "car", "train", "lighter")
_INTENT = (
    r"end it|end things|think about it|thought about it|thinking about it|thinking of it"
    r"|would be easy|be so easy|how easy it (?:would|'d|wil) be|could just|drive in|step of"
    r"|let go|use (?:it|them) on my ?self"
)
_PLACE = _alt("bridge", r"cliffs?", "reservoir", "river", "canal", "railway", "tracks",
              "platform", "roof", "rooftop", "multi-storey", "car park roof", "motorway bridge",
              "edge", "sea", "lake", "quarry", "viaduct", "balcony", "tower block", "station",
              "woods", "forest", "motorway")

# What follows "live", "wake up", "stay" or "keep going" when they are about an ordinary day
# ("I don't want to live in this area", "no reason to stay on the waiting list", "what's the
# point in going on holiday", "I hope I don't wake up late").
_EVERYDAY = (r"(?! (?:in|with|at|near|on|there|here|alone|like|somewhere|abroad|apart|together"
             r"|nearby|far|next|early|late|before|for|to|holiday|a|an|the|about|so early|too)\b)")

# (level, family, pattern, anchors). Level 2 = urgent, 1 = review. A pattern is only tried
# when one of its anchors ("|"-separated substrings, squeezed like the text) occurs in the
# text: a plain substring test is far cheaper than a regex scan, and most comments contain
# few anchors. An anchor starting with a space must start a word (" here" is not "there").
# tests/analysis/test_risk.py checks that no pattern matches without one of its anchors.
_PATTERNS: list[tuple[int, str, str, str]] = [
    # --- Suicidal ideation and intent ---
    # Typo-tolerant "suicidal"/"suicide": suicidel, sucidal, suisidal, suicdal...
    (2, "self", r"\bs(?:ui|u|ou|iu)(?:c|s|sc)i?d(?:al|el|ial|le)\w*",
                "cid|sid|icd|ucd|scd"),
    (2, "self", r"\bs(?:ui|u|ou|iu)(?:c|s|sc)i?d(?:e|al)? ?"
                r"(?:ideation|thoughts?|feelings?|notes?|plans?|attempts?|urges?)\b",
                "cid|sid|icd|ucd|scd"),
    (2, "self", r"\b(?:thoughts?|thinking|think|thought|considering|considered|contemplating"
                r"|commit|commiting|commited|attempt\w*|tried|try|planning) (?:of |about )?"
                r"(?:\w+ )?s(?:ui|u|ou|iu)(?:c|s|sc)i?de\b",
                "cid|sid|icd|ucd|scd"),
    (1, "self", r"\bs(?:ui|u|ou|iu)(?:c|s|sc)i?de\b",
                "cid|sid|icd|ucd|scd"),
    (2, "self", r"\bs(?:ui|u|ou|iu)(?:c|s|sc)i?de (?:is |has been |keeps )?(?:on my mind"
                r"|in my head|crossing my mind)\b",
                "cid|sid|icd|ucd|scd"),
    (2, "self", r"\bsewer ?slide\b|\bself[- ]?delet\w*|\bctb\b",
                "sewer|delet|ctb"),
    (2, "self", r"\b(?:kil+|killing|kiling|killed|kiled) " + _ANY_SELF,
                " kil"),
    (2, "self", r"(?<![\d.,] )(?<!\d)\bkms\b|\bun-?aliv\w*",
                "kms|aliv"),
    (2, "self", r"\b(?:end|ending|ended|take|taking|took|takes) (?:my|his|her|their) (?:own )?"
                r"life\b",
                "life"),
    (2, "self", r"\bend(?:ing|ed)? (?:it all|everything)\b|\bexit plan\b",
                " end| exit"),
    (2, "self", r"\b" + _WANT + r" (?:to )?end(?:ing)? (?:it|things)\b"
                r"(?! (?:there|early|after|before|with|of|at|on|because|when|now|soner))",
                " end"),
    # A bare "ending it" is a softer signal ("the only thing stopping me from ending it").
    (1, "self", r"\bend(?:ing)? it\b(?! (?:there|early|after|before|with|of|at|on|because|when"
                r"|now|soner|al))",
                " end"),
    (2, "self", r"\bonly (?:thing|reason|person) (?:that's |thats |that is )?(?:stoping|keeping)"
                r" me\b|\bonly reason (?:i'm|i am|im) (?:stil )?(?:here|alive)\b",
                " only"),
    (2, "self", r"\b(?:nearly|almost) ended (?:it|things|everything)\b",
                " ended"),
    (2, "self", r"\b(?:want|wanted|wants|wanting|wana|wanna|wish|wishing|wished|ready|going|gona"
                r"|gonna|deserve|prefer|would like) (?:to )?" + _FILLER + r"(?:\w+ ){0,3}?" + _DIE
                + r"\b",
                " die| dead| here|aliv| exist| gone| fade|slep| wake"),
    (2, "self", r"\bwish(?:ed|ing)? (?:that )?i(?: was| were|'d| had) (?:dead|gone|never been born"
                r"|died|not been born|never woken up|not woken up|never existed)\b",
                "wish"),
    (2, "self", r"\bwish(?:ed|ing)? (?:that )?i (?:wasn't|weren't|was not|were not)"
                r" (?:here|alive|around|born)\b",
                "wish"),
    (2, "self", r"\bwish(?:ed|ing)? (?:that )?i (?:could|would) (?:just )?(?:die|disappear"
                r"|stop existing|not wake up|never wake up|go to sleep forever|sleep forever"
                r"|fall asleep forever)\b(?! (?:into|on|to|abroad|somewhere|under)\b)",
                "wish"),
    (2, "self", r"\bwish(?:ed|ing)? (?:that )?i (?:didn't|did not) (?:exist|wake up"
                r"|have to wake up)\b",
                "wish"),
    (2, "self", r"\b(?:sleep|go to sleep|fall asleep) and (?:never|not) wake(?: up)?\b"
                r"|\bdon't want to wake up\b" + _EVERYDAY
                + r"|\bnot wake up again\b|\bsleep forever\b",
                " wake|slep"),
    (2, "self", r"\b(?:don't|do not|dont) want to (?:be here|be alive|live|be around|exist"
                r"|cary on|go on|wake up)(?: any ?more| now)?\b" + _EVERYDAY
                + r"|\bnot wanting to (?:be here|be alive|live|be around|exist|wake up)\b"
                + _EVERYDAY,
                " here|aliv| live| around| exist| cary| go on| wake"),
    # In the past tense "didn't want to be here" is often about a waiting room: review.
    (1, "self", r"\b(?:didn't|did not|didnt) want to (?:be here|be alive|live|be around"
                r"|exist|cary on|go on|wake up)\b",
                " here|aliv| live| around| exist| cary| go on| wake"),
    (2, "self", r"\b(?:don't|do not|dont) want to be\W*$",
                "want to be"),
    (2, "self", r"\bwhy (?:am i|i'm|im|i am) (?:stil )?(?:alive|here)\b",
                "aliv| here"),
    (2, "self", r"\b(?:won't|wont|will not|don't see my ?self|can't see my ?self|not going to)"
                r" (?:be |being )?(?:around|here|alive) (?:by|for|much|long|next|in|soon)\b"
                r"|\b(?:make sure|ensure) (?:that )?(?:i'm|i am|im|i) (?:not|won't be|wont be"
                r"|am not) (?:here|around|alive)\b",
                " around| here|aliv"),
    (2, "self", r"\b(?:better|happier|easier) (?:of )?without me\b|\bbetter of (?:dead|gone)\b"
                r"|\bbetter of (?:not existing|not being (?:here|around|alive)|not alive)\b",
                " without me|of dead|of gone|of not"),
    (2, "self", r"\b(?:better|happier|easier) (?:of )?if i (?:just |realy |simply )?(?:was|were"
                r"|wasn't|weren't|was not"
                r"|died|disappeared|just disappeared|was gone|were gone|was dead|didn't exist"
                r"|wasn't around|wasn't here)\b",
                "if i"),
    (2, "self", r"\b(?:no one|nobody|noone|no-one) (?:would|will|'d) (?:even )?(?:miss|notice"
                r"|care)(?: me| if i)",
                " mis| notice| care"),
    (2, "self", r"\brather be dead\b|\bwould be dead\b|\bbe beter dead\b",
                " dead"),
    (2, "self", r"\bno (?:point|reason|use) (?:in )?(?:me |my )?(?:going on|carying on|living"
                r"|being alive|being here|to live|to go on|to cary on|existing|to exist"
                r"|staying alive)\b|\bno reason to (?:live|be here|stay|keep going)\b"
                + _EVERYDAY,
                "point|reason|use"),
    (2, "self", r"\b(?:see|seeing) (?:the|any) point (?:in|of) (?:living|life|going on"
                r"|being alive|carying on|being here)\b" + _EVERYDAY
                + r"|\bwhat's the point (?:in|of) (?:living|being alive|going on|carying on|life)\b"
                + _EVERYDAY,
                "point"),
    (2, "self", r"\b(?:life|living|it) (?:is not|isn't|isnt|ain't|not) worth (?:living"
                r"|it any ?more)\b|\bnot worth living\b|\bnothing (?:left )?to live for\b",
                "worth|live for"),
    (1, "self", r"\b(?:life|living|my life) (?:is|feels|seems) (?:so )?(?:pointless|meaningless"
                r"|hopeless)\b",
                "pointles|meaningles|hopeles"),
    (2, "self", r"\b(?:tired|sick|done) (?:of|with) (?:living|life|being alive|existing)\b"
                r"|\b(?:had enough|fed up) (?:of|with) (?:living|life|being alive|existing)\b",
                "living|life|aliv| existing"),
    (2, "self", r"\bcan't keep (?:my ?self|me) safe\b|\bcannot keep my ?self safe\b"
                r"|\bunable to keep my ?self safe\b|\bnot safe (?:from|with|around) my ?self\b"
                r"|\b(?:i'm|i am|im) not safe\b"
                r"(?! (?:to drive|driving|on the roads?|behind the wheel))",
                "safe"),
    (2, "self", r"\bdanger to (?:my ?self|meself)\b|\brisk to my ?self\b",
                "danger|risk to"),
    (2, "self", r"\b(?:do|did|doing) (?:something|anything) (?:stupid|silly|drastic)\b",
                "stupid|sily|drastic"),
    (2, "self", r"\bmy (?:own )?funeral\b|\bgoodbye (?:letters?|notes?)\b|\bsuicide note\b"
                r"|\b(?:letters?|notes?) (?:to \w+ )?(?:\w+ ){0,3}saying goodbye\b"
                r"|\bgiv(?:e|ing) away (?:al )?my (?:things|stuf|belongings)\b",
                "funeral|goodbye|away|note"),
    (2, "self", r"\bplan(?:ed|ned)? (?:out )?how (?:i'd|i would|i'll|i will|to) (?:do it|end"
                r"|kill)|\b(?:have|got|made) a plan (?:to|for) (?:end|kill|die|do it)",
                "plan"),
    (2, "self", r"\bdisappear (?:forever|for ever|for good|permanently|and not be found|and never"
                r" come back)\b"
                r"|\b(?:want|wish|need) (?:it all|everything|it|the pain|my life|this) to (?:stop"
                r"|end|be over)(?: for good| forever| permanently)?\b",
                "disapear| to stop| to end| be over"),
    (2, "self", r"\b(?:give|giving|gave) up on (?:life|living)\b",
                "up on"),
    (2, "self", r"\bcounting down the days\b[^.!?]{0,40}\bend\b",
                "counting"),
    (2, "self", r"\b(?:think|thinking|thought|thoughts) (?:a lot )?(?:about|of) (?:not being"
                r" (?:around|here|alive)|not existing|not waking up|not wanting to be here)\b",
                " around| here|aliv| existing| waking"),
    (1, "self", r"\b(?:think|thinking|thought|thoughts) (?:a lot )?(?:about|of) (?:death|dying"
                r"|being dead|not being around|not being here)\b",
                " death| dying| dead| around| here"),
    (1, "self", r"\bdark (?:place|thoughts)\b|\bno way out\b|\b(?:point|meaning) of it all\b"
                r"|\bthought has crossed my mind\b|\bcrossed my mind\b",
                "dark|way out|of it al|crosed"),
    (1, "self", r"\b(?:i|i'm|i am|im|feel|feeling|felt) (?:so |realy |completely |totaly "
                r"|utterly )?(?:hopeles|worthles)\b",
                "hopeles|worthles"),
    (1, "self", r"\bcan't (?:go on|cary on|do this any ?more|cope any ?more)\b"
                r"|\b(?:want|wanted) to disappear\b|\b(?:i'm|i am|im|feel like) (?:not )?a burden\b"
                r"|\bwant out\b(?! of)",
                " go on| cary on| any|disapear|burden|want out"),
    # --- Self-harm ---
    # "Self-harm support", "suicide prevention": the topic named as a service is a softer
    # signal than a disclosure.
    (2, "self", r"\bself[- ]?(?:harm|injur|mutilat)\w*+(?! (?:support|services?|team|leaflets?"
                r"|awareness|training|information|info|resources?|groups?|charity|charities"
                r"|helplines?|clinic|pathway|policy|forum|course|workshop|questions?))",
                "self"),
    (1, "self", r"\bself[- ]?(?:harm|injur)\w* (?:support|services?|team|leaflets?|awareness"
                r"|training|information|info|resources?|groups?|charity|charities|helplines?"
                r"|clinic|pathway|policy|forum|course|workshop|questions?)\b",
                "self"),
    (2, "self", r"\b(?:cut|cuts|cutting|cuting|slit|sliting|burn|burns|burning|burnt|burned"
                r"|scratch|scratching|scratched|hit|hitting|punch|punching|punched|bite|biting"
                r"|starve|starving|strangle|strangling|drown|drowning|suffocate|suffocating"
                r"|poison|poisoning|shoot|shooting|hang|hanging|hung|hanged) " + _ANY_SELF
                + r"(?! out\b| in the fot\b| up\b)",
                "self|selves|mysef|myslef"),
    (2, "self", r"\b(?:cut|cutting|slit|sliting|slash\w*|slic\w*|burn\w*|scratch\w*|bit|biting"
                r"|punch\w*"
                r"|hit|hitting|bang\w*|carv\w*|pick\w*) (?:open |at |into )?my " + _BODY
                + r"\b(?! (?:on|against) (?:the|a) (?:cupboard|door|table))",
                "arm|wrist|leg|thigh|skin|stomach|body|face|head|hand|finger|chest"),
    (2, "self", r"\b(?:punch\w*|hit\w*|bang\w*|head-?but\w*) (?:the )?walls?\b"
                r"|\buntil (?:they|it|i) (?:bleed|bled|bruise)",
                "wal|bled|bruise"),
    (2, "self", r"\b(?:been|started|start|keep|kept|stop|stoped|urges? to|want to|wana|back to"
                r"|go back to|has been|have been) cutting\b"
                r"(?! (?:down|back|out|corners|costs|it|them|my sessions|the|short|of|in|up"
                r"|ties|hair|grass|clases|fod|sugar|cafeine|alcohol|carbs|meat|everyone))"
                r"|\bcutting (?:again|deeper)\b",
                "cuting"),
    (2, "self", r"\burges? (?:to|of) (?:cut|self[- ]?harm|hurt|harm|burn|die|end|jump|overdose|od"
                r"|kil)\b|\burge to (?:cut|hurt|harm|burn)\b",
                "urge"),
    (1, "self", r"\b(?:hurt|hurting|hurts|harm|harming|harmed|injure|injuring|injured) "
                + _ANY_SELF,
                "self|selves|mysef|myslef"),
    (2, "self", r"\b(?:want|wanted|wants|wana|wanna|going|gona|gonna|urges?|tempted|planning"
                r"|need|have|feel like|might|will|'ll|keep|kept|been|started) (?:to )?"
                r"(?:hurt|hurting|harm|harming|injure|injuring) (?:my ?self|meself)\b",
                "self|mysef|myslef"),
    (2, "self", r"\b(?:hurt|hurting|harm|harming) (?:my ?self|meself) (?:again|so badly|tonight"
                r"|today|last night|yesterday|this week|every|when)\b",
                "self|mysef|myslef"),
    (2, "self", r"\b(?:scared|afraid|frightened|terified|woried) (?:i'll|i will|i'd|i might"
                r"|i'm going to|im going to|i am going to) (?:hurt|harm|kill|do something to)"
                r" (?:my ?self|meself)\b",
                "self|mysef|myslef"),
    (2, "self", r"\bligature|\bnose\b(?=[^.!?]{0,40}\b(?:hang|neck|tie|tied|rope|loft))|\bnose"
                r" (?:round|around) my neck\b|\b(?:bought|got|have|found|buy|get) (?:a |some )?"
                r"rope\b",
                "ligature|nose|rope"),
    (2, "self", r"\b(?:try|tried|trying|attempt\w*|want\w*|going) to hang\b",
                "hang"),
    # Overdose and medication.
    (2, "self", r"\boverdos\w*+(?! of (?!" + _MED + r"))|\bod'?e?d\b|\bo\.d\.?'?d\b"
                r"|\b(?:took|take|taking|did|done|had|do) an? od\b|\bod-?ing\b",
                "overdos| od|o.d"),
    (2, "self", r"\b(?:take|taking|took|swallow\w*|down|downing|downed|neck|necking|necked)"
                r" (?:al|a load|loads|a lot|a bunch|a handful|handfuls|\d+|the whole|the lot"
                r"|every|al of|twenty|thirty|fifty|a hundred|a box|boxes|packets?)\b[^.!?]{0,25}?"
                + _MED + r"|\b(?:took|take|taking|swallowed) \d+ " + _MED,
                "pil|tablet|med|painkil|paracet|codamol|codeine|ibuprofen|aspirin|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|tramadol|diazepam|zopiclone|propranolol|insulin|antidepres|sleping"),
    (2, "self", r"\b(?:stash\w*|stockpil\w*|hoard\w*|sav\w* up|saved|colect\w*|storing|stored)"
                r"\b[^.!?]{0,30}?" + _MED + r"|" + _MED
                + r"[^.!?]{0,25}?(?:lined up|stashed|stockpiled|saved up|hidden away)",
                "pil|tablet|med|painkil|paracet|codamol|codeine|ibuprofen|aspirin|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|tramadol|diazepam|zopiclone|propranolol|insulin|antidepres|sleping"),
    (2, "self", r"\b(?:enough|how many|how much)\b[^.!?]{0,25}?" + _MED + r"\b[^.!?]{0,12}?"
                r"\b(?:to do it|to die|to end|to kil|to overdose|it takes|would take|would kil"
                r"|is lethal|to not wake|for it to work)",
                "pil|tablet|med|painkil|paracet|codamol|codeine|ibuprofen|aspirin|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|tramadol|diazepam|zopiclone|propranolol|insulin|antidepres|sleping"),
    # Methods at a height, on a railway or a road, or in water.
    (2, "self", r"\bjump(?:ing|ed|s)? (?:of|from|in front of|under|into) (?:the |a |my |an )?"
                r"(?:top of (?:the |a )?)?(?:bridge|rof|building|clif|car park|multi|train|tube"
                r"|bus|lory|trafic|balcony|window|motorway|river|sea|flats?|tower|platform)",
                "jump"),
    (2, "self", r"\b(?:think\w*|thought\w*|plan\w*|want\w*|going|urges?|tempted|close to|nearly"
                r"|almost|about) (?:about |of |to )?jump(?:ing)?\b"
                r"(?! (?:at|through|on|to conclusions|the queue|ahead|straight|back"
                r"|into action)\b| (?:in|into) (?!(?:the |a )?(?:river|canal|sea|lake|reservoir"
                r"|water|quary|docks|harbour|estuary)\b))",
                "jump"),
    (2, "self", r"\b(?:step\w*|walk\w*|throw\w*|jump\w*|run\w*|lie|lying|lay|fal\w*)"
                r" (?:out |my ?self )?in front of (?:a|the|an) (?:train|tube|bus|lory|truck|car"
                r"|trafic|van)",
                "front of"),
    (2, "self", r"\b(?:driv\w*|drove|crash\w*|ster\w*) (?:my car |the car |it )?(?:into|of)"
                r" (?:a|the) (?:wall|tre|bridge|lory|clif|river|motorway|oncoming|road)",
                " into|of "),
    (2, "self", r"\bwalk\w* into the (?:sea|river)\b",
                " into the"),
    # A place and an intention in one sentence: "stood on the platform edge and thought about
    # it", "sat at the reservoir thinking it would be easy".
    # The same for objects used as means ("the knives in the kitchen").
    (2, "self", r"\b" + _PLACE + r"\b[^.!?]{0,60}?\b(?:end it|end things|jump|" + _INTENT + ")"
                r"|\b(?:" + _INTENT + r")\b[^.!?]{0,40}?\b" + _PLACE + r"\b",
                "bridge|clif|reservoir|river|canal|railway|track|platform|rof|multi|motorway"
                "|edge|sea|lake|quary|viaduct|balcony|tower|station|wods|forest"),
    (2, "self", r"\b" + _MEANS + r"\b[^.!?]{0,60}?\b(?:" + _INTENT + r")"
                r"|\b(?:" + _INTENT + r")\b[^.!?]{0,40}?\b" + _MEANS + r"\b",
                "knife|knives|blade|razor|rope|belt|cord|gun|pil|tablet|med|car|train|lighter"),
    # Final arrangements, researching a method, command hallucinations, passive death wishes.
    (2, "self", r"\b(?:writing|written|wrote|sorting|sorted|making|made|updating|updated|doing)"
                r" (?:out )?my wil\b|\b(?:affairs in order|sorting out my affairs)\b"
                r"|\bwho (?:gets|wil get|should get|wil have) my\b|\btonight(?:'s| is) the night\b",
                "wil|afairs|who gets|who should| tonight"),
    (2, "self", r"\b(?:research\w*|look\w* up|googl\w*|search\w*|read up on)\b[^.!?]{0,30}?"
                r"\b(?:highest|tallest|lethal|fatal|painles\w*|overdose|how to (?:die|kil|hang)"
                r"|how many|how much it takes|ways to die|suicide methods|methods)\b",
                "research|lok|googl|search|read up"),
    (2, "self", r"\bvoices? (?:telling|tel|tels|told|that tel|saying) me to (?:hurt|kil|harm|cut"
                r"|jump|end|die|burn|stab|atack)\b",
                "voice"),
    (2, "self", r"\b(?:wouldn't|would not|wouldnt|won't|wont) (?:mind|care) if i (?:died|didn't"
                r"|didnt|never|got|get|was|were)\b|\bhit by a (?:bus|car|train|lory)\b[^.!?]{0,40}"
                r"(?:wouldn't mind|wouldn't care|welcome|relief)|\bi'd welcome (?:it|death)\b"
                r"|\bhope i (?:don't|never|do not) wake up\b" + _EVERYDAY + r"|\bhope i die\b",
                " mind| care| hit by| welcome| hope i"),
    (2, "self", r"\bin danger\b(?! of (?:losing|being|missing|going))",
                "danger"),
    (2, "self", r"\b(?:have|got|made|with) a plan\b[^.!?]{0,40}?\b(?:do it|going to|gona|tonight"
                r"|this weekend|tomorrow|ready|soon)\b|\b(?:going to|gona|gonna) do it (?:tonight"
                r"|this weekend|tomorrow|soon|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                "plan|do it"),
    (2, "self", r"\b(?:do|did|doing|might do|could do|wil do) (?:something )?to"
                r" (?:my ?self|meself)\b",
                "self"),
    (2, "self", r"\b(?:should|ought to|deserve to|need to) (?:just )?(?:die|be dead|end it"
                r"|kil my ?self|not be here|not exist)\b",
                " die| dead| end it| kil| here| exist"),
    (2, "self", r"\b(?:disappointed|annoyed|upset|angry|gutted|sorry|sad) (?:that )?(?:i'm|i am|im)"
                r" (?:stil )?(?:alive|here|breathing)\b",
                "aliv| here| breathing"),
    (2, "self", r"\b(?:can't|cannot|can not|cant|no way i can|not able to|unable to)"
                r" (?:cary on|go on|keep) (?:living|existing)\b",
                "living| existing"),
    (2, "self", r"\b(?:as if|like) it (?:was|were|is|'s) the last time\b"
                r"|\bways to (?:die|end (?:it|my life)|kil my ?self)\b"
                r"|\bhow to (?:die|kil my ?self|end my life)\b",
                " last time| ways to| how to"),
    (2, "self", r"\bonly (?:way out|option|answer|solution|escape)\b[^.!?]{0,20}?\b(?:end|die"
                r"|kil|suicide|not be here|not being here|death)",
                " only"),
    (2, "self", r"\b(?:nobody|no one|noone|no-one) (?:cares|would care|wil care|gives a \w+)"
                r" (?:if|whether) i (?:live|die|lived|died)\b",
                " care| gives"),
    (2, "self", r"\b(?:tonight|today|this weekend|tomorrow)\b[^.!?]{0,25}?\b(?:ending it|end it"
                r"|doing it|do it)\b|\b(?:ending it|end it|doing it|do it) (?:tonight|today"
                r"|this weekend|tomorrow)\b",
                " tonight| today| weekend| tomorow"),
    (2, "self", r"\b(?:stand\w*|stod|sit|siting|sat|climb\w*|lean\w*) (?:on|over|at) (?:the )?"
                r"(?:edge|railing|railings|ledge|parapet)\b",
                "edge|railing|ledge|parapet"),
    (1, "self", r"\bscars? (?:on|from|al over|up) (?:my|his|her|their) (?:arms?|legs?|wrists?"
                r"|thighs?|body|stomach)\b|\b(?:giving|given|gave) (?:away )?my (?:dog|cat|pets?"
                r"|things|stuf|belongings|posesions)\b",
                "scar|giv|gave"),
    # Broader nets in ordinary words, for phrasings the specific patterns above miss.
    (2, "self", r"\b(?:no|lost (?:the|my|al)|lost|without (?:the|any)|any|not much|little)"
                r" (?:wil|reason|point|desire|motivation|wish) (?:left )?(?:to|in|for)"
                r" (?:live|living|keep living|keep going|go on|cary on|stay alive|be alive"
                r"|be here|exist)\b" + _EVERYDAY,
                "wil|reason|point|desire|motivation|wish"),
    (2, "self", r"\b(?:don't|do not|dont|didn't|never|no longer) (?:realy )?(?:want|wana|wanna"
                r"|wish) (?:to )?(?:be |stay )?(?:alive|living|exist\w*)\b",
                "aliv|living| exist"),
    (2, "self", r"\b(?:not sure|don't know if|dont know if|doubt|unsure if|don't think|dont think)"
                r" (?:that )?(?:i'll|i will|i'd|i would|i'm going to|im going to) (?:stil )?"
                r"(?:be (?:here|around|alive)|make it|last)\b",
                " here| around|aliv| make it| last"),
    (2, "self", r"\b(?:throw|throwing|threw|fling|flinging|hurl\w*) (?:my ?self|meself)"
                r" (?:of|under|in front of|into|from|down)\b",
                "self"),
    (2, "self", r"\b(?:thought|think|thinking|worked out|work out|figured out|figure out"
                r"|decided|researched|researching|looked up|looking up|googled|googling)"
                r" (?:about |up )?(?:how|where|when) (?:i'd|i would|i'll|i will|i could|to)"
                r" (?:do it|end it|end things|kil my ?self|die)\b",
                " how| where| when"),
    (2, "self", _MED + r"\b[^.!?]{0,20}?\b(?:ready|lined up|counted out|set out|waiting)\b"
                r"|\b(?:vodka|whisky|whiskey|alcohol|wine|gin|bottle)\b[^.!?]{0,30}?" + _MED,
                "pil|tablet|med|painkil|paracet|codamol|codeine|sertraline|citalopram"
                "|fluoxetine|mirtazapine|amitriptyline|tramadol|diazepam|zopiclone|propranolol"
                "|insulin|antidepres|sleping|ibuprofen|aspirin"),
    (2, "self", r"\b(?:give|giving) up for good\b|\bready to give up\b(?! on (?:the|this|my) "
                r"(?:course|sessions?|service|app|group|therapy))|\bgive up on everything\b"
                r"|\bgoodbye (?:everyone|al|world|cruel world)\b|\bgoodbye\W*$",
                "give up|giving up|goodbye"),
    (1, "self", r"\bkeep (?:my ?self|me) safe\b",
                "safe"),
    (2, "self", r"\b(?:don't|dont|do not) think i can keep (?:my ?self|me) safe\b"
                r"|\b(?:can't|cannot|cant) promise\b[^.!?]{0,15}keep (?:my ?self|me) safe\b"
                r"|\b(?:not sure|don't know if|dont know if|no idea if) i(?:'ll| can| wil)"
                r" keep (?:my ?self|me) safe\b"
                r"|\b(?:struggling|hard|harder|unable|not able) to keep (?:my ?self|me) safe\b",
                "safe"),
    (1, "self", r"\b(?:want|wanting|wana|wanna|wish|wished|wishing|think|thinking|thought|wonder"
                r"\w*|imagin\w*|dream\w*|fantasi\w*|ready|rather|easier|better)\b[^.!?]{0,30}?"
                r"\b(?:dead|death|die|dying|not alive|not existing|not be here|not being here"
                r"|not being around)\b",
                " dead| death| die| dying|aliv| existing| here| around"),
    (1, "self", r"\b(?:not|no|don't|dont|didn't|never|hate being|barely|sick of being"
                r"|tired of being)\b[^.!?]{0,15}?\balive\b|\bwhy (?:am i|i'm|im) (?:even )?"
                r"(?:here|alive|stil here)\b",
                "aliv| here"),
    (1, "self", r"\b(?:planning|going to do|gona do|gonna do) anything\b",
                " anything"),
    # --- Abuse ---
    (2, "abuse", r"\b" + _ABUSER + r"(?: \w+)?(?: stil| keeps?| always| often)? " + _ABUSE_VERB
                 + r" (?:me|us)\b",
                 "hit|beat|kick|punch|chok|strangl|slap|rape|touch|hurts|threat|lock|atack|abuse"
                 "|molest|asault|grom"
                 "|pinche|bit |bites|scratche|shove|pushe|spits|spat|burns|burnt|burned|headbut"
                 "|smack|bater|buli"),
    (2, "abuse", r"\b(?:threaten\w*|says|said|told me) (?:that )?(?:he|she|they)(?:'ll| will"
                 r"| would|'d| is going to| was going to|'s going to) (?:kill|hurt|stab) me\b"
                 r"|\bthreaten\w* to (?:kill|hurt|stab) me\b",
                 " kil|hurt|stab"),
    (2, "abuse", r"\b(?:he|she|he's|she's|partner|husband|boyfriend|ex)(?:'ll| will| would|'d"
                 r"| is going to| might| could) (?:kil|hurt|stab|hit) (?:me|us|my (?:little |baby"
                 r" |big )?(?:sister|brother|kids?|children|son|daughter|mum|baby|dog|cat)"
                 r"|the kids)\b",
                 " kil|hurt|stab|hit"),
    (1, "abuse", r"\b(?:said|says|told me|tels me|threaten\w*) (?:that )?if i (?:ever )?(?:tel|told"
                 r"|say|said|speak|spoke|go to|leave|left)\b",
                 "if i"),
    (2, "abuse", r"\b(?:used to|would|keeps?|kept|always|often|started to|threatened to"
                 r"|tried to|used to|would) (?:hit|beat|kick|punch|choke|strangle|slap|rape|hurt"
                 r"|attack|abuse|touch|lock|shut|starve|burn) (?:me|us)\b"
                 r"|\bhands? (?:round|around|on) my (?:neck|throat)\b",
                 "hit|beat|kick|punch|chok|strangl|slap|rape|hurt|atack|abuse|touch|lock|shut"
                 "|starve|burn|neck|throat"),
    (2, "abuse", r"\b(?:being|been|was|were|got|get|getting) (?:sexualy |physicaly "
                 r"|emotionaly )?(?:abused|raped|assaulted|beaten|groomed|molested)\b",
                 "abused|raped|asaulted|beaten|gromed|molested"),
    (2, "abuse", r"\bforced (?:me )?to have sex\b|\bforces me to\b|\bmakes me have sex\b"
                 r"|\b(?:comes|came|coming) into my (?:room|bed)\b"
                 r"|\b(?:won't|doesn't|wont|doesnt) let me (?:leave|go out|see)\b",
                 "sex|into my|let me|forces me"),
    (1, "abuse", r"\babusive (?:relationship|partner|husband|wife|boyfriend|girlfriend|mariage"
                 r"|home|parents?|dad|father|mum|mother|ex)\b|\bdomestic (?:violence|abuse)\b"
                 r"|\bcoercive control\b|\b(?:sexual|physical|childhood) abuse\b"
                 r"|\bviolent (?:home|relationship|partner|husband|boyfriend|dad|father)\b",
                 "abusive|domestic|coercive|abuse|violent"),
    (1, "abuse", r"\b(?:scared|afraid|frightened|terified) (?:to go home|of going home|of "
                 r"(?:my |his |her )?(?:partner|husband|wife|boyfriend|girlfriend|dad|father"
                 r"|mum|stepdad|ex)\b)",
                 "scared|afraid|frightened|terified"),
    (1, "abuse", r"\b(?:don't|do not|dont) feel safe (?:at home|with (?:him|her|my))",
                 "safe"),
    # Someone else being abused (the writer's mother, daughter...), or a past abuser.
    (1, "abuse", r"\b" + _ABUSER + r"(?: \w+)?(?: stil| keeps?| always| often| used to)? "
                 + _ABUSE_VERB + r" (?:her|him|them|my (?:mum|mother|sister|daughter|son|kids"
                 r"|children|brother|dad|father|wife|husband|partner))\b"
                 r"|\b(?:who|that) (?:abused|raped|hurt|atacked|beat|asaulted|groomed"
                 r"|molested) (?:me|us)\b|\b(?:hurting|hiting|beating|abusing|atacking"
                 r"|asaulting|raping|strangling) (?:his|her|their) (?:girlfriend|boyfriend|wife"
                 r"|husband|partner|kids|children|son|daughter|mum|dad|baby)\b",
                 "hit|beat|kick|punch|chok|strangl|slap|rape|touch|hurt|threat|lock|atack|abuse"
                 "|asault|grom|molest"
                 "|pinche|bit |bites|scratche|shove|pushe|spits|spat|burns|burnt|burned|headbut"
                 "|smack|bater|buli"),
    # --- Harm to other people ---
    (2, "others", r"\b" + _WANT + r" (?:to )?(?:kill|hurt|harm|stab|attack|strangle|smother"
                  r"|shake)(?:ing)? " + _PERSON_OBJ + r"\b",
                  " kil|hurt|harm|stab|atack|strangl|smother|shake"),
    (2, "others", r"\b(?:scared|afraid|frightened|terified|woried) (?:i'll|i will|i'd|i might"
                  r"|i'm going to|im going to|i am going to|that i'll|that i might) (?:\w+ ){0,4}"
                  r"(?:kill|hurt|harm|stab|attack|shake|smother)",
                  " kil|hurt|harm|stab|atack|strangl|smother|shake"),
    (2, "others", r"\b(?:thoughts?|urges?|images?) (?:of|about) (?:stabing|killing|hurting"
                  r"|harming|attacking|strangling|smothering|drowning) (?:\w+ )?" + _PERSON_OBJ,
                  "stab| kil|hurt|harm|atack|strangl|smother|drown"),
    (2, "others", r"\b(?:i'm|i am|im) going to kill (?:him|her|them|someone|somebody)\b"
                  r"|\bthreat\w* to (?:kil|hurt|stab|harm) \w+",
                  " kil|threat"),
    (2, "others", r"\bdanger to (?:others|other people|anyone|my (?:kids|children|family"
                  r"|baby)|people|the public)\b",
                  "danger"),
    # --- Concept families (added after holdout6 showed that the phrase lists above do not
    # generalise). Each states a risk concept in general words rather than one phrasing: no
    # wish to live, no reason to live, the writer's absence as a relief to others, farewells,
    # means kept hidden or ready, being at a place of danger, picturing one's own death,
    # planning a suicide, euphemisms for dying.
    (2, "self", r"\b(?:(?:don't|dont|do not|didn't|didnt|never|no longer) (?:realy |even )?"
                r"(?:want|wana|wanna|wish)(?: to)?|can't be (?:bothered|arsed|asked)(?: to)?"
                r"|cant be (?:bothered|arsed)(?: to)?|not bothered (?:about )?|no (?:desire|wish"
                r"|wil|energy left) to|lost (?:al )?(?:interest|the wil|my wil) (?:in|to))"
                r" (?:stay |be |keep |go on |cary on )?(?:alive|live|living|existing|exist"
                r"|wake up|waking up)\b(?! (?:in|with|at|near|on|there|here|alone|like|somewhere"
                r"|abroad|apart|together|nearby|far|so|that|this|the|my|our|where|a|an|up to"
                r"|by|anywhere|round|around|closer|next|early|before|for)\b)",
                "aliv| live| living| exist| wake| waking"),
    (2, "self", r"\b(?:no|any|see the|see any|se the|what's the|whats the|what is the|running out"
                r" of|run out of|ran out of|out of|lost (?:my|the|al|any)|no more|not many|few)"
                r" (?:point|reasons?|purpose|wil|motivation|desire)\b(?: \w+){0,3}? (?:in |of |for"
                r" |to )?(?:live|living|be alive|being alive|stay alive|staying alive|keep going"
                r"|go on|going on|cary on|carying on|wake up|waking up|exist|existing|stay|staying"
                r"|life|be around)\b(?! (?:in|on|with|at|for|up|there|late|positive|healthy|wel"
                r"|calm|focused|active|motivated|here|to|holiday|a|an|the|about|is|insurance)\b)",
                "point|reason|purpose|wil|motivation|desire"),
    (2, "self", r"\b(?:would|'d|wil|'ll|could|might)(?: al| realy| honestly)? (?:be |manage |cope"
                r" |get on |do )?(?:so |much |far |a lot |just )?(?:beter|fine|happier|easier"
                r"|relieved|free|ok|okay|safer|richer|beter of)\b[^.!?]{0,40}?(?:without me\b"
                r"(?! (?:for|at|on|in|there|around|nagging|checking|being there)\b)|with me gone"
                r"|(?:when|once|if|after|now) (?:i'm|im|i am|i was|i'd|i had|i've) gone|if i"
                r" (?:wasn't|weren't|was not|were not|didn't exist|died|die|was dead|disappeared"
                r"|wasn't around|wasn't here|was out of the way|(?:just |realy |simply )(?:wasn't"
                r"|weren't|was not|were not|didn't exist|died|disappeared|wasn't around"
                r"|wasn't here|was gone)|vanished|went away for good|wasn't in the picture)"
                r"|without (?:their|his|her|our|a|my)"
                r" (?:mum|mam|mom|dad|mother|father|mummy|daddy|wife|husband|sister|brother|son"
                r"|daughter|nan|grandad)\b|(?:with )?me out of the (?:way|picture))"
                r"|\b(?:without me|with me gone|(?:when|once|after) (?:i'm|im|i am) gone)\b"
                r"[^.!?]{0,30}?\b(?:would|'d|wil|'ll|could) (?:be |manage |cope )?(?:so |much"
                r" |far )?(?:beter|fine|happier|easier|relieved|free)",
                "without|gone|out of the|if i"),
    (1, "self", r"\b(?:when|once|after|before) (?:i'm|im|i am|i've|ive) (?:dead|gone)\b"
                r"(?! (?:to|for|on|back|home|away|out|in|through|of|over|into|with|abroad|a|an"
                r"|the))|\bdeserve (?:a )?beter (?:mum|mam|mom|dad|mother|father|parent|partner"
                r"|wife|husband|friend|daughter|son|sister|brother|girlfriend|boyfriend) than me\b",
                " gone| dead|deserve"),
    (1, "self", r"\b(?:said|say|saying|texted|text|texting|messaged|sent|wrote|writing)"
                r" (?:\w+ ){0,2}?(?:my )?goodbyes?\b(?! (?:to|and thank) (?:my |the"
                r" |our |al )?(?:therapist|counsel\w*|worker|team|group|staf|service|clinic|nurse"
                r"|psychologist|practitioner|everyone at|facilitator|doctor|gp|cbt|sesions?|course"
                r"|app|a friend who|a good))|\bmade (?:my )?peace with (?:it|dying|death|the idea"
                r"|everything|going|leaving|the end)\b|\bnothing left(?: for me| to live for"
                r"| to stay for| to hold on to)?(?: here| any ?more| now)?\W*$"
                r"|\bin case i (?:don't|dont|do not|never) (?:make it|wake up|come back|get through"
                r"|survive)\b(?! (?:on|to|in|at|there|back|home|for|before|of))",
                "godby|peace|nothing|in case"),
    (2, "self", r"\b(?:letters?|notes?|messages?|cards?|videos?)\b[^.!?]{0,40}?\b(?:in case i"
                r" (?:don't|dont|do not|never|can't) (?:make it|wake up|come back|get through"
                r"|survive|see (?:them|you|her|him) again)|for (?:when|after) (?:i'm|im|i am)"
                r" (?:gone|dead|not here)|to read (?:when|after|once) i(?:'m| am)? (?:gone|dead"
                r"|die))",
                "in case|for when|for after|to read"),
    (2, "self", r"\b(?:blades?|razors?|razor blades|knife|knives|rope|cord|belt|ligature|cable"
                r"|pils?|tablets?|meds|medication|medicines?|painkilers?|paracetamol|co-?codamol"
                r"|codeine|sleeping pils|insulin|anti-?depresants?|sertraline|citalopram"
                r"|fluoxetine|mirtazapine|amitriptyline|tramadol|diazepam|zopiclone)\b[^.!?]{0,40}?"
                r"\b(?:hidden|hid|hiding|stash\w*|stockpil\w*|hoard\w*|for when (?:it|things)"
                r" (?:get|gets|got) (?:bad|too much|worse|hard)|counted out|lined up"
                r"|saved up|saving up|bought (?:from|in|at) (?:\w+ )?(?:diferent|several|multiple"
                r"|three|two|four|five|a few|lots of) \w+|from (?:\w+ )?(?:diferent|several"
                r"|multiple|various) (?:shops|chemists|pharmacies|places|stores|supermarkets))"
                r"|\b(?:hid|hidden|hiding|stash\w*|stockpil\w*|hoard\w*|colect\w*|saving|saved"
                r"|keeping|kept|bought|buying|got|have|had)\b[^.!?]{0,20}?\b(?:razor ?blades"
                r"|blades)\b(?! of gras)",
                "hid|stash|stockpil|hoard|for when|counted out|lined up|saved up|saving up"
                "|bought|diferent|several|multiple|various|blades"),
    (1, "self", r"\b(?:with|got|have|had|holding|held|using|used) (?:a |my |the |some )?(?:razor"
                r" ?)?(?<!shoulder )blades?\b(?! of gras)|\brazor ?blades?\b",
                "blade"),
    (2, "self", r"\b(?:swalow\w*|took|taken|take|taking|downed|necked|ate) (?:everything|al|the"
                r" lot|whatever|every (?:pil|tablet)|al (?:the|my) (?:pils|tablets|meds))\b"
                r"[^.!?]{0,30}?\b(?:cabinet|drawer|box|cupboard|pils?|tablets?|meds|medicines?"
                r"|i could find|i had|i have|i've got|i could get|in the house|bottle)\b",
                "swalow|tok|taken|take|taking|downed|necked|ate"),
    (2, "self", r"\b(?:sat|sit|sits|siting|stod|stand\w*|lay|lie|lying|laid|waited|waiting"
                r"|climbed|climbing)(?: down| out)? (?:on|onto|over|along|across|on top of)"
                r" (?:the |a |that )?(?:railway |train |rail |tube )?(?:tracks|rails|level crosing"
                r"|clif edge|rof|ledge|parapet|railings?|(?:edge|side|top) of (?:the |a )?(?:bridge"
                r"|clif|rof|car park|multi-storey|building))\b"
                r"|\b(?:sat|sit|siting|stod|stand\w*|lay|lie|lying|waited|walked|went)"
                r"(?: down| out)? (?:on|onto|along|across) (?:the |a )?(?:railway|train|rail|tube)"
                r" ?lines?\b",
                "track|rail|crosing|bridge|clif|rof|ledge|parapet"),
    (2, "self", r"\b(?:worked out|work out|figured out|figure out|decided|chosen|chose|picked"
                r"|researched|scoped out) (?:which|the right|the best|the highest|the tallest"
                r"|the nearest|where the|the perfect) (?:bridge|clif|building|car park"
                r"|multi-storey|rope|tre|method|way to do it|spot to do it|place to do it|day to"
                r" do it|time to do it)\b",
                "which|right|best|highest|talest|nearest|where|perfect"),
    (2, "self", r"\b(?:pictur\w*|imagin\w*|visualis\w*|visualiz\w*|see|seeing|dream\w*"
                r"|fantasi\w*|think\w* of) (?:my ?self|meself) (?:hanging|jumping|dead|dying"
                r"|overdosing|cutting|faling|in a cofin|at my funeral|on the tracks|hit by"
                r"|drowning|under a train|not being here|gone|lying dead)\b",
                "self"),
    (2, "self", r"\b(?:plan\w*|think\w*|thought\w*|consider\w*|contemplat\w*|commit\w*"
                r"|attempt\w*|tr(?:y|ied|ying)|prepar\w*|imagin\w*|fantasi\w*|dream\w*"
                r"|pictur\w*|rehears\w*) (?:of |about |on )?(?:my |a |another |the |\w+ )?"
                r"s(?:ui|u|ou|iu)(?:c|s|sc)i?de\b(?! (?:squad|mision|prevention|awareness"
                r"|training|rates?|statistics|research|bid))",
                "cid|sid|icd|ucd|scd"),
    (1, "self", r"\b(?:lived long enough|had a good inings|had enough of (?:it al|everything"
                r"|this world|this life)|(?:i'm|im|i am|i feel|i'd|i would|i|i just|i realy|and)"
                r"(?: \w+)? (?:ready|want|would like|wish|time for me|'d like|like) to go"
                r"(?: now| for good| home to (?:god|heaven|jesus))?(?=\W*$|[.;!?]|, (?:i|and|it"
                r"|but|so)\b)|(?:join|be with) (?:my )?(?:late )?(?:wife|husband|mum|dad|mother"
                r"|father|son|daughter|partner|nan|grandma|grandad) (?:again|in heaven|soon|up"
                r" there)\b)",
                "lived|inings|enough| to go|join|be with"),
    (1, "self", r"\bkys\b",
                "kys"),
    (2, "self", r"\b(?:kys|(?:kil|kill) your ?self)\b[^.!?]{0,60}?\b(?:they're right|they are"
                r" right|they might be right|i should|i might|maybe i wil|tempted)\b",
                "kys|your"),
    # Someone hurting themselves, said briefly ("my friend cuts").
    (1, "self", r"\b(?:he|she|they|i|friend|mate|son|daughter|sister|brother|partner|teenager"
                r"|teen|child|kid|girlfriend|boyfriend|wife|husband|cousin|niece|nephew)(?: stil"
                r"| also| sometimes| often| now| secretly)? (?:cuts|self-?harms)\b(?= (?:and"
                r"|again|herself|himself|themselves|a lot|every)\b|\W*$|[.,;!])",
                "cuts|harms"),
    # Slang and euphemism for killing oneself, and ligatures.
    (2, "self", r"\b(?:top|toping|toped|ofing|ofed|end|ending|neck|necking) (?:my ?self|meself)\b"
                r"(?! up\b)"
                r"|\b(?:do|doing|did) (?:my ?self|meself) in\b(?! (?:the|a|my|at|with|for)\b)"
                r"|\b(?:tie|tied|tying|tighten\w*|pul\w* tight) (?:a |the |my |something |some \w+"
                r" |\w+ )?(?:round|around) my (?:neck|throat)\b",
                "self|neck|throat"),
    (2, "self", r"\b(?:hope|hoping|pray|prayed|praying|wish|wishing) (?:that )?(?:i|i'll|i wil)"
                r" (?:just )?(?:die|(?:don't|dont|never) wake up\b(?! (?:late|early|on time"
                r"|in time|before|at|too|for)\b)|get hit by|don't make it|dont make it|pass away"
                r"|pass in my sleep|go in my sleep|crash|get run over|get kiled|have an acident"
                r"|don't come home|don't come back)",
                "hope|hoping|pray|wish"),
    # "SH'd", "shd", "sh'ing": the apostrophe of "sh'ed" is required ("finished the shed").
    (2, "self", r"\b(?:sh|s/h)(?: urges?| again| relapse)\b|\bsh(?:[']ed|[']?d|[']?ing)\b",
                "sh"),
    # Softer signals in general words: hopelessness, burden, exhaustion with living.
    (1, "self", r"\b(?:nothing(?:'s| is| seems| feels)?|life(?:'s| is| seems| feels)? not"
                r"|life(?:'s| is| seems| feels)? no longer|living(?:'s| is)? not) (?:realy |even )?"
                r"worth (?:it|anything|living for|fighting for|trying for|the efort|the fight)\b"
                r"|\b(?:can't|cannot|cant) (?:take|handle|stand) (?:it|this|much more|any more"
                r"|anymore|life)(?: any ?more)?\b(?= any ?more|\W*$|[.,;!?])"
                r"|\b(?:can't|cannot|cant|don't|dont|do not) see (?:a|any) (?:future|way forward"
                r"|way out|light at the end|end to (?:this|it))\b(?! (?:with|for|on|about"
                r"|regarding|to)\b)"
                r"|\b(?:tired|sick|exhausted|worn out) of (?:fighting|struggling|trying|being me"
                r"|everything|it al)\b(?= any ?more|\W*$|[.,;!?])"
                r"|\b(?:i'm|im|i am|i feel|feel like|i've become|i have become|i'm just|i'm such)"
                r"(?: \w+){0,2}? (?:a )?waste of (?:space|oxygen|air|skin|a life)\b"
                r"|\b(?:i|i'm|im|i am|i've|ive|me|my ?self)\b[^.!?]{0,25}?\bburden\b(?! (?:asking"
                r"|to ask|for asking|by asking|when asking|on (?:the )?(?:service|nhs|staf|team|gp"
                r"|system|waiting list)))"
                r"|\b(?:don't|dont|do not) care (?:what happens to me|if i (?:live|wake up|get hurt"
                r"|get hit|make it)|whether i (?:live|wake up|make it))\b",
                "worth| take| handle| stand| se |tired|sick|exhausted|worn|waste|burden| care"),
    (1, "self", r"\b(?:dignitas|euthanasia|assisted (?:dying|suicide))\b"
                r"|\b(?:on purpose|deliberately|intentionaly)\b[^.!?]{0,20}?\b(?:crash\w*|hurt"
                r"|cut|burn\w*|fel|fal\w*|step\w* out|walk\w* out|overdos\w*|starv\w*|hit my ?self)"
                r"|\b(?:crash\w*|hurt|cut|burn\w*|fel|fal\w*|step\w* out|walk\w* out|overdos\w*"
                r"|starv\w*) (?:\w+ ){0,3}?(?:on purpose|deliberately|intentionaly)\b",
                "dignitas|euthanasia|asisted|purpose|deliberately|intentionaly"),
    # Harm to others said in general words.
    (2, "others", r"\b(?:thoughts?|urges?|images?|imagining|picturing|thinking) (?:of |about )?"
                  r"(?:pushing|throwing|shoving) (?:\w+ ){0,2}?(?:in front of|of|under|down|into)"
                  r"\b",
                  "push|throw|shov"),
    (2, "abuse", r"\b(?:forced|forces|forcing) (?:him|her)self on me\b|\b" + _ABUSER
                 + r"(?: \w+)?(?: stil| keeps?| always| often)? " + _ABUSE_VERB
                 + r" (?:the|our) (?:kids|children|baby|toddler)\b",
                 "self on me|hit|beat|kick|punch|chok|strangl|slap|rape|touch|hurt|threat|lock"
                 "|atack|abuse|asault|grom|molest"
                 "|pinche|bit |bites|scratche|shove|pushe|spits|spat|burns|burnt|burned|headbut"
                 "|smack|bater|buli"),
    (1, "abuse", r"\b(?:stalking|stalks|stalked|harasing|harases|harased) (?:me|us)\b"
                 r"|\b(?:kids|children|son|daughter|boys|girls) (?:are|is|were|was) (?:scared"
                 r"|terified|frightened|afraid) of (?:him|her|their (?:dad|father|mum|mother"
                 r"|stepdad)|my (?:partner|husband|wife|boyfriend|ex))\b"
                 r"|\bleft (?:the|my|our) (?:kids|children|baby|toddler) (?:alone|on (?:their|his"
                 r"|her) own)\b(?! (?:for a (?:minute|second|moment)))",
                 "stalk|harras|hara|scared|terified|frightened|afraid|left"),
    # Method research, plans, means held, and refusing treatment.
    (2, "self", r"\b(?:research\w*|look\w* up|googl\w*|search\w*|read\w* (?:up )?(?:about|on)"
                r"|looking into|looked into|found|know|worked out) (?:the |a )?(?:quickest|easiest"
                r"|fastest|least painful|most painles\w*|surest|painles\w*|best) (?:way|method)s?"
                r"\b(?! (?:to (?:get|cook|make|clean|learn|travel|book|contact|reach|save|lose"
                r"|pay|find|do (?:the|my) homework)|of (?:getting|contacting|booking|travel\w*"
                r"|reaching))\b)",
                "quickest|easiest|fastest|painful|painles|surest|best"),
    (1, "self", r"\b(?:my |the )?plan is (?:in place|ready|made|set|sorted|al set)\b"
                r"|\bneed (?:the |to find the )?(?:courage|nerve|guts) to (?:do it|go through with"
                r" it|end it|finish it)\b|\bneed (?:the )?(?:courage|nerve|guts)\W*$",
                "plan is|courage|nerve|guts"),
    (1, "self", r"\b(?:pils|tablets|knife|blade|razor|rope|lighter|meds)\b[^.!?]{0,15}?\bin my"
                r" hands?\b|\b(?:won't|wont|not going to|refuse to|refusing to) (?:fight it"
                r"|have (?:the |any )?treatment|take my (?:meds|medication|insulin|tablets))\b"
                r"|\bno future (?:for me|for my ?self|ahead of me)\b|\b(?:lost|lost al|no|given up"
                r" al|given up) hope\b(?! (?:of|that|for|in) (?:getting|an|a|the|ever)\b)"
                r"|\b(?:don't|dont|do not|can't|cant) see how i (?:can|could|wil) (?:go on|cary on"
                r"|keep going|survive|get through)\b",
                "in my hand|fight it|treatment|take my|future|hope|se how"),
    (2, "self", r"\b(?:crash\w*|wrap\w*) (?:the|my) (?:car|van|bike|motorbike)\b[^.!?]{0,30}?"
                r"\b(?:on purpose|deliberately|into|of the|at speed)\b"
                r"|\b(?:think\w*|thought\w*|urges?|want\w*|tempted|imagin\w*|fantasi\w*) (?:about"
                r" |of |to )?(?:crash\w*|swerv\w*|wrap\w*) (?:the |my )?(?:car|van|bike|motorbike"
                r"|into)\b|\bswerv\w* into (?:oncoming|the oncoming|a lory|the lory|trafic|a tre"
                r"|a wal)\b",
                "crash|wrap|swerv"),
    (2, "self", r"\b(?:death|dying|suicide|ending it|ending my life|killing my ?self|not being"
                r" here|to die)\b[^.!?]{0,30}?\bonly (?:option|way out|answer|solution|escape"
                r"|choice|way)\b",
                " only"),
    (2, "self", r"\bwhy (?:bother|should i bother|even bother) (?:living|going on|carying on"
                r"|waking up|staying alive|being alive|existing|with life)\b",
                "bother"),
    (2, "self", r"\b(?:made|make|making) an? (?:\w+ )?attempt on my (?:own )?life\b|\battempt on"
                r" my (?:own )?life\b|\bi(?:'ve| have)? attempted\b(?=\W*$|[.,;!?]| (?:last|again"
                r"|twice|before|when|after|in|on|this|yesterday|recently)\b)",
                "atempt"),
    (2, "self", r"\bhit by a (?:bus|car|train|lory)\b[^.!?]{0,40}(?:relieved|glad|happy|fine with"
                r" it|ok with it|wouldn't care|not care|not bothered|a blessing)",
                " hit by"),
    (2, "self", r"\b(?:going to|gona|gonna|wil|'ll|about to|ready to) take (?:everything|al of"
                r" (?:them|it)|the lot|whatever) (?:i have|i've got|i've saved|in the house|in the"
                r" cupboard|i can find)\b",
                " take"),
    (2, "abuse", r"\b(?:burn|set fire to|torch) (?:the |my |our )?(?:house|flat|home|place|car)"
                 r"(?: down)? with (?:me|us|the kids|my kids) in (?:it|side)\b",
                 "burn|fire|torch"),
    # Fear of oneself, looking at means, going to a place and staying, waking up sorry to.
    (2, "self", r"\b(?:scared|afraid|frightened|terified) (?:of|for) (?:my ?self|what i (?:might"
                r"|could|wil|'ll) do(?! (?:in|at|on|for|with|if|wrong)\b))",
                "self|what i"),
    (1, "self", r"\b(?:looking|looked|look|staring|stare|stared|keep looking|kept looking) at"
                r" (?:the |my |those |al the )?(?:knives|knife|blades?|razors?|pils|tablets|rope"
                r"|bridge|tracks|trains?|edge|drop|water)\b(?! (?:timetable|times|prices)\b)"
                r"|\b(?:went|go|goes|going|been going|drove|driven|walked|walk|walking)"
                r" (?:down |up )?to the (?:bridge|clifs?|railway|tracks|rof|car park rof"
                r"|multi-storey|viaduct|quary|reservoir)\b[^.!?]{0,40}?\b(?:stod|stand\w*|sat|stayed|waited|stared"
                r"|looked down|thought about|for (?:an|a|\d+|two|three) (?:hour|hours|while|long"
                r" time))",
                "knives|knife|blade|razor|pils|tablets|rope|bridge|track|train|edge|drop|water"
                "|clif|railway|rof|multi|viaduct|quary|reservoir"),
    (2, "self", r"\b(?:wake|woke|waking|wakes) up (?:\w+ )?(?:disappointed|upset|angry|gutted|sad"
                r"|annoyed|devastated|furious) (?:that i did|i did|to (?:stil )?be (?:here|alive)"
                r"|that i'm stil (?:here|alive)|i'm stil (?:here|alive))\b",
                "wake|woke|waking"),
    # Round 2 (after holdout8): euphemisms for one's own death, means kept about the person,
    # ligature points, drowning and bleeding, starving, burden without "without me".
    (2, "self", r"\b(?:rather|prefer to|like to|want to|wish i was|wish i were) be(?:ing)?"
                r" (?:in the ground|six fet under|in a box|in my grave|in a grave|buried"
                r"|pushing up daisies)\b"
                r"|\b(?:look|seem) like an acident\b|\bmake sure (?:that )?i (?:don't|dont|do not"
                r"|never|wouldn't|won't) (?:wake|come back|survive|get found|get saved)\b",
                "ground|fet under|in a box|grave|buried|daisies|acident|make sure"),
    (1, "self", r"\b(?:my own |my )(?:obituary|eulogy|headstone|gravestone|epitaph)\b"
                r"|\b(?:picked|chosen|chose|decided on) (?:a|the) (?:date|day)\b"
                r"(?=\W*$|[.,;!?])|\bwaste away\b|\b(?:not|haven't|havent|stopped) (?:eaten"
                r"|eating)\b[^.!?]{0,30}?\b(?:on purpose|deliberately|to punish|so i)\b"
                r"|\b(?:i'm|im|i am) (?:so |just |realy |completely |actualy |proper )?done(?: with"
                r" (?:everything|it al|al of it|life|living|trying|fighting))?(?=\W*$|[,.;!?]"
                r"| like\b| now\b| for good\b)",
                "obituary|eulogy|headstone|gravestone|epitaph|picked|chosen|chose|decided on"
                "|waste away|eaten|eating| done"),
    (1, "self", r"\b(?:pils|tablets|paracetamol|meds|blade|razor|knife|rope)\b[^.!?]{0,20}?"
                r"\b(?:is|are|in|kept in) (?:in )?my (?:pocket|bag|coat|car|purse|wallet)\b"
                r"|\bcarry (?:it|them|one|a \w+|my \w+)? ?(?:everywhere|with me|around|at al times)"
                r"\b[^.!?]{0,30}?\bin case\b",
                "my pocket|my bag|my coat|my car|my purse|my walet|carry"),
    (1, "self", r"\b(?:cord|belt|scarf|cable|rope|ligature)s?\b[^.!?]{0,40}?"
                r"\b(?:stairs|banister|banisters|loft|hatch|hok|beam|rail|tre|garage|door handle)\b"
                r"|\b(?:stairs|banister|banisters|loft|hatch|hok|beam|garage)\b[^.!?]{0,40}?"
                r"\b(?:cord|belt|scarf|cable|rope|flex|ligature)\b",
                "cord|belt|scarf|cable|rope|ligature"),
    (2, "self", r"\b(?:let my ?self|want to|wana|how long (?:\w+ ){0,4}?to|wish i could|until i)"
                r" bled?(?:ing)? (?:out|to death)\b|\b(?:under (?:the )?(?:bath )?water|my"
                r" breath)\b[^.!?]{0,50}?\bhow long (?:it would|it'd|would it|does it|it wil|it)"
                r" take\b",
                "bled|water|breath"),
    (1, "self", r"\b(?:they|everyone|everybody|people|the world|my (?:family|kids|children"
                r"|partner|wife|husband|mum|dad|parents|friends))(?:'d| would| wil|'ll)"
                r" (?:al |realy |honestly )?be (?:so |much |far |a lot )?beter of\b"
                r"(?! (?:with|if (?:they|we|you)|going|seeing|in|at|using|having|now)\b)",
                "beter of"),
    (1, "self", r"\b(?:feel|feeling|felt) like giving up(?=\W*$|[.,;!?]| on (?:everything|life"
                r"|it al|living)\b)|\b(?:haven't|havent|not|hasn't|didn't|no) (?:cut|self-?harmed"
                r"|harmed|burned|burnt|relapsed)(?: my ?self)? (?:for|in|since)\b",
                "giving up|cut|harmed|burn|relapsed"),
    (2, "self", r"\b(?:wouldn't|would not|won't|wont|don't|dont|do not) (?:mind|care) if (?:a|the"
                r"|something|anything|some\w*) (?:\w+ )?(?:hit|hits|kiled|kils|ran over|runs over"
                r"|happened to|happens to) me\b",
                " mind| care"),
    (2, "self", r"\b(?:gona|gonna|going to|wana|wanna|want to|might|wil|'ll|about to|tempted to"
                r"|plan to|planning to) (?:just )?(?:od|o\.d\.?)\b",
                " od|o.d"),
    # Abuse and harm to others, round 2.
    (2, "abuse", r"\b(?:pilow|pilows|hand|hands|bag|towel|cushion)\b (?:over|on|acros) my (?:face"
                 r"|mouth|nose|head)\b|\b(?:makes|made|forces|forced) me (?:beg|ask (?:for"
                 r"|permision)|hand over|give (?:him|her) (?:al )?my)\b"
                 r"|\b" + _ABUSER + r"(?: \w+){0,4}? (?:(?:pinched|pinches|nipped|nips|scratched"
                 r"|scratches|tripped|trips|restrained|restrains) (?:me|us)|held me down|holds me"
                 r" down)\b",
                 "over my|acros my|on my face|on my mouth|on my nose|on my head|me beg|me ask"
                 "|me hand over|me give|pinch|niped|nips me|nips us|scratch|triped|trips me"
                 "|trips us|restrain|held me|holds me"),
    (2, "abuse", r"\b(?:coach|teacher|tutor|leader|uncle|neighbour|man|older|adult|stepdad"
                 r"|step-dad|priest|youth worker|instructor|friend's dad)\b[^.!?]{0,60}?\b(?:keep"
                 r" (?:it |this |things )?(?:a |our )?secrets?|not to tel)\b",
                 "secret|not to tel"),
    (1, "abuse", r"\b(?:grab\w*|held|holds) (?:her|him|me|them) by the (?:throat|neck|hair)\b",
                 "throat|neck|hair"),
    (2, "others", r"\b(?:make (?:him|her|them) pay|get (?:him|her|them) back|get revenge|teach"
                  r" (?:him|her|them) a lesson|sort (?:him|her|them) out)\b[^.!?]{0,60}?"
                  r"\b(?:knife|blade|gun|weapon|bat|hamer|acid|where (?:he|she|they) lives?)\b",
                  "make him pay|make her pay|make them pay|get him back|get her back"
                  "|get them back|revenge|a leson|sort him|sort her|sort them"),
    # --- Abuse, in general words: violence, threats, sexual coercion and control.
    (2, "abuse", r"\b" + _ABUSER + r"(?: \w+){0,4}? (?:(?:pushed|pushes|shoved|shoves|threw"
                 r"|throws|dragged|drags|pinned|pins|slammed|slams) (?:me|us) (?:down|over|into"
                 r"|against|across|onto|of|off|out|around|to the (?:floor|ground)|up against)"
                 r"|(?:grabbed|grabs) (?:me by|my (?:arm|neck|throat|hair|wrist|face))"
                 r"|(?:spat|spits) (?:at|on) me|(?:bit|bites|burned|burnt|stabbed|stabs|battered"
                 r"|batters|headbut\w*|whacked|smacked|smacks|strangled|strangles|choked|chokes"
                 r"|kicked|punched|slapped|raped) (?:me|us)\b(?! out))",
                 "pushe|shove|threw|throw|drag|pined|pins|slam|grab|spat|spit|bit me|bit us|bites"
                 "|burned me|burnt me|burned us|burnt us|stab|bater|headbut|whack|smack|strangl"
                 "|chok|kicked|punched|slapped|raped"),
    (2, "abuse", r"\b(?:gets?|getting|got|is|was|can be|becomes) (?:realy |so |very )?(?:violent"
                 r"|agresive|physical|rough|handy) (?:with|towards|to|at) (?:me|us|my kids"
                 r"|the kids|my children)\b|\bthreaten\w* (?:me|us)\b(?! with (?:the police"
                 r"|eviction|a fine|court|legal|discharge))|\bwith a (?:knife|weapon|gun|hamer)"
                 r"\b[^.!?]{0,30}?\b(?:at|to|against) (?:me|my)\b",
                 "violent|agresive|physical|rough|handy|threat|knife|weapon|gun|hamer"),
    (2, "abuse", r"\b(?:makes|made|forces|forced|pressures|pressured) me (?:to )?(?:sleep with"
                 r"|have sex|do (?:sexual|things)|watch porn|send (?:pics|photos|nudes))\b"
                 r"|\bnot allowed (?:out|to \w+(?: \w+)?) without (?:him|her|them|his|asking)\b"
                 r"|\b(?:he|she|partner|husband|wife|boyfriend|girlfriend) (?:doesn't|won't|wont"
                 r"|doesnt|never) let me (?:\w+ ){0,2}?(?:out|leave|see|have|go|work|talk|spend)\b",
                 "makes me|made me|forces me|forced me|presures me|presured me|alowed|let me"),
    (1, "abuse", r"\b(?:smash\w*|broke|breaks|destroy\w*|goes through|went through) (?:al )?my"
                 r" (?:phone|things|stuf|keys|pasport|mesages)\b|\b(?:controls|takes|took|keeps)"
                 r" (?:al )?(?:my|our|the) (?:money|bank card|bank cards|wages|benefits|pasport)\b",
                 "phone|things|stuf|keys|pasport|mesages|money|card|wages|benefits"),
    (1, "abuse", r"\b(?:was|is|were|got|gets|became|being) (?:realy |very |so )?violent"
                 r" (?:to|towards|with|at) (?:my|her|him|them|his|our)\b"
                 r"|\b(?:hear|heard|hearing) (?:\w+ )?(?:smacks|slaps|thuds|thumps|screams)\b",
                 "violent|smack|slap|hit|beat|thud|thump"),
    # --- Harm to other people and children, in general words.
    (2, "others", r"\b(?:i|i'll|i wil|i'm going to|im going to|i am going to|i'd|i would|i might)"
                  r" (?:\w+ ){0,2}?(?:kil|stab|hurt|batter|strangle|beat|smother|shake|drown|hit"
                  r"|punch|atack) (?:him|her|them|someone|somebody|anyone|my (?:baby|toddler|son"
                  r"|daughter|kids?|children|partner|husband|wife|boyfriend|girlfriend|ex|mum"
                  r"|dad|neighbour|boss)|the (?:baby|kids|children))\b(?!'s| at\b| in (?:a|the) )",
                  " kil|stab|hurt|bater|strangle|beat|smother|shake|drown| hit|punch|atack"),
    (2, "others", r"\b(?:urges?|wanted|want|wanting|tempted|felt like|feel like|close to)"
                  r" (?:to )?(?:hit|slap|punch|shake|smack|hurt|smother|drown)(?:ing)?"
                  r" (?:my |the |our )?(?:baby|toddler|son|daughter|kids?|children|child|newborn"
                  r"|little one|twins|partner|husband|wife)\b",
                  "hit|slap|punch|shake|smack|hurt|smother|drown"),
    (2, "others", r"\b(?:shok|shaken|shaking|shake|hit|smacked|slapped|hurt|threw|thrown"
                  r"|squezed|bit|punched|kicked) (?:the|my|our) (?:baby|toddler|newborn|little"
                  r" one|kids?|children|son|daughter|twins)\b"
                  r"(?!'s| (?:is|was|has|had|with|at school|on the head by|a bal|the bal))",
                  "shok|shaken|shaking|shake|hit|smacked|slapped|hurt|threw|thrown|squezed|bit"
                  "|punched|kicked"),
    (2, "others", r"\b(?:scared|afraid|frightened|terified|woried|petrified) (?:that )?"
                  r"(?:my |the |his |her |our )?(?:partner|husband|wife|boyfriend|girlfriend|ex"
                  r"|dad|father|stepdad|mum|mother|brother|sister|uncle|son|daughter|he|she|they)"
                  r"(?:'ll| wil| might| could| is going to| would|'d) (?:\w+ )?(?:hurt|hit|harm"
                  r"|kil|beat|abuse|touch) (?:me|us|the kids|my kids|the children|my children"
                  r"|the baby|my baby|him|her|them)\b",
                  "hurt|hit|harm| kil|beat|abuse|touch"),
    # Round 3 (after the train11, train12a and train12b training slices, read as training data;
    # holdout11 to holdout13 never read): past attempts named in passing, passive wishes in
    # faith words or envy of the dead, the writer's absence not mattering, means counted or
    # saved up, a note ready, wounds beyond control, affairs settled "for afterwards", refusing
    # life-saving medicine on purpose, a height named as where the writer is, and threats to
    # put someone in hospital, burn a place, take everyone with them or wait outside for them.
    (1, "self", r"\b(?:my|his|her|their|previous|past|prior|earlier|former|two|three|several"
                r"|multiple|many|failed|an|one) (?:\w+ )?(?:suicide )?attempts?\b"
                r"(?! (?:at|to|of|with|on (?:the|a|my) (?:phone|form|website|call)))"
                r"(?=[^.!?]{0,60}?\b(?:life|suicide|overdose|attempts?|years? ago|in my (?:teens"
                r"|twenties|thirties|forties|youth)|last (?:year|spring|summer|autumn|winter"
                r"|month)|hospital|a&e|survived|support|group|therapy|referred|relive|assessment"
                r"|triggering|afterwards|since)\b|\W*$|[.,;!?])",
                "atempt"),
    (2, "self", r"\bwish(?:ed|ing)? (?:that )?i (?:wouldn't|would not|won't|will not|didn't"
                r"|did not) (?:ever )?wake(?: up)?\b"
                r"|\b(?:jealous|envious|envy) (?:of )?(?:people|those|anyone|folk|others|them)"
                r" (?:who|that) (?:die|died|get to die|don't wake up|pass away|passed away)\b",
                "wish|jealous|envious|envy"),
    (1, "self", r"\b(?:god|the lord|allah|jesus|the universe) (?:would|will|could|to|should)"
                r" (?:just )?(?:take me|call me home|let me die)\b"
                r"|\b(?:it |that )?(?:wouldn't|would not|won't|will not|doesn't|does not) matter"
                r" (?:to anyone |much |at all )?if i (?:was|were|wasn't|weren't|died|disappeared"
                r"|was gone|were gone|wasn't here|weren't here|didn't wake up|never came back)\b"
                r"|\b(?:i'm|im|i am|i feel like|feel like|i've become)(?: \w+){0,2}? (?:a )?drain"
                r" on (?:everyone|everybody|people|my family|the people|them|those|others)\b"
                r"|\bbetter of with out me\b",
                " god| lord|alah|jesus|universe|mater|drain|with out"),
    (2, "self", r"\b(?:pills|tablets|meds|paracetamol|painkillers)\b (?:are |all )?(?:counted"
                r"|lined up|counted out|set out|ready|in a pile|stashed)\b"
                r"|\b(?:the |my )?note(?:'s| is)? (?:written|done|ready|finished|sealed)\b"
                r"(?=\W*$|[.,;!?])"
                r"|\b(?:stash|stockpile|hoard|supply|collection)\b[^.!?]{0,40}?\b(?:big enough"
                r"|enough now|is enough|will be enough|should be enough|more than enough)\b"
                r"|\b(?:saved|saving|kept|keeping|hoarded) (?:up )?(?:the lot|every (?:script"
                r"|prescription|tablet|pill))\b",
                "pils|tablets|meds|paracetamol|painkilers|note|stash|stockpile|hoard|suply"
                "|colection|saved|saving|kept|keping|hoarded"),
    (2, "self", r"\bcut (?:too|to|so|really|way|much too) deep\b"
                r"|\b(?:won't|will not|can't|cannot|doesn't|does not) stop bleeding\b"
                r"|\b(?:wounds?|cuts?|burns?) (?:\w+ ){0,3}?(?:infected|smells?|hot and red"
                r"|going deeper|deeper (?:each|every) (?:time|week|day))\b",
                "cut|bleding|wound|burn"),
    (1, "self", r"\bfor (?:afterwards|after i'm gone|when i'm gone|when i'm not here|after i go"
                r"|when i go)\b"
                r"|\b(?:won't|will not|wont|shan't) (?:be )?need(?:ing)? (?:\w+ ){0,3}?where i'm"
                r" going\b",
                "afterwards|gone|not here|i go|where i'm going"),
    (2, "self", r"\b(?:stopped|stopping|not taking|refusing to take|refuse to take|quit)"
                r" (?:taking )?my (?:insulin|heart tablets|blood thinners|epilepsy meds"
                r"|anti-?rejection|inhaler|medication|meds|tablets)\b[^.!?]{0,30}?\b(?:on purpose"
                r"|deliberately|intentionally|not going to start|won't start|and i won't)\b",
                "insulin|heart|blood thiners|epilepsy|rejection|inhaler|medication|meds|tablets"),
    (2, "self", r"\b(?:i'm|im|i am|sat|sitting|standing|stood) (?:at|on) the (?:top|roof|edge)"
                r" (?:floor |level |storey )?of (?:the |a )?(?:multi-?storey|car ?park|building"
                r"|tower|block|flats|bridge|cliff)\b",
                " top| rof| edge"),
    (2, "others", r"\b(?:put|putting) (?:him|her|them|you|that \w+) in (?:hospital|the hospital"
                  r"|a coffin|the ground|the morgue|intensive care)\b"
                  r"|\b(?:i'm|im|i am|i'll|i will|going to|gonna) (?:\w+ )?(?:set fire to"
                  r"|burn down|torch) (?:their|his|her|the|that) (?:office|house|flat|home|car"
                  r"|shop|place|building)\b"
                  r"|\btake (?:everyone|everybody|them all|you all|people|the lot of them)"
                  r" (?:down )?with (?:me|him|her|them)\b"
                  r"|\b(?:i'll|i will|i'm going to|im going to|i am going to) be waiting"
                  r" (?:for (?:him|her|them) )?(?:outside|at (?:her|his|their) (?:house|door"
                  r"|car|work))\b",
                  "hospital|cofin|ground|morgue|intensive|fire|burn|torch|everyone|everybody"
                  "|them al|you al|people|lot of them|waiting"),
    # Round 3, farewells and decisions said plainly, means known or kept, the PHQ-9's last
    # question answered, and passive wishes in other words.
    (2, "self", r"\bby the time (?:anyone|anybody|someone|somebody|you|they) (?:reads?|sees?|gets?)"
                r" this\b"
                r"|\b(?:know|knew) (?:exactly )?what to take and how (?:much|many)\b"
                r"|\b(?:going to|gonna|gona|will|i'll|about to|ready to) take (?:the lot"
                r"|the whole (?:box|packet|bottle|pack|lot)|all of them|them all)\b"
                r"(?! (?:to|of (?:you|us))\b)"
                r"|\bhear\w* (?:that |voices? (?:saying |telling me )?)?i (?:need|have|must) to"
                r" (?:punish|hurt|kill|stop|silence) (?:them|him|her|the people|people|everyone)\b",
                "by the time|what to take|take|hear"),
    (1, "self", r"\b(?:i've|i have|i|i'd) made (?:my|the|a|up my) (?:decision|choice|peace|mind)\b"
                r"(?=\W*$|[.;!?]| and (?:i|the|my|there)\b)"
                r"|\b(?:i won't|i will not|i wont) be (?:around|here)\b(?=\W*$|[.;!?])"
                r"|\b(?:i'll|i will) (?:already )?be gone\b(?=\W*$|[.,;!?]| by| before| soon)"
                r"|\b(?:this|that) is my last (?:message|feedback|note|post|letter|words?)\b"
                r"|\blast thing on (?:the|my) list\b|\bby then it (?:won't|will not|wont) matter\b",
                "made|around|here|gone|my last|last thing|by then"),
    (1, "self", r"\b(?:idea|thought) of (?:dying|death|not being here|ending it|not waking up)\b"
                r"|\bif (?:the )?(?:cancer|illness|disease|tumour|it) (?:took|takes|would take"
                r"|could take) me\b|\bnothing matters (?:any ?more|now)\b"
                r"|\b(?:feel|felt|feeling|been)(?: \w+)? hopeless\b"
                r"|\bbetter off with (?:a different|another|a new|a better|someone else as"
                r" (?:their|her|his)) (?:mum|mother|dad|father|parent)\b"
                r"|\b(?:driving|drive|drove|walk|walking|walked) (?:off |away )?and (?:never"
                r" (?:stop|stopping)|never (?:come|coming) back|not (?:stop|stopping))\b",
                "idea|thought|took|takes|take me|maters|hopeles|beter of with|never|not stop"),
    (1, "self", r"\b(?:stockpiling|stockpiled|hoarding|hoarded|saving up|been saving|been"
                r" collecting|secretly collecting) (?:up )?(?:\w+'?s? ){0,2}?(?:morphine|patches"
                r"|tablets|pills|meds|painkillers|codeine|tramadol|insulin|sleeping tablets"
                r"|prescriptions?)\b",
                "stockpil|hoard|saving|colecting"),
    # The PHQ-9's last question with the writer's own answer. Level 2 because the screening
    # context (the question named just before) lowers it to review and no further.
    (2, "self", r"\b(?:question|item|q) ?(?:9|nine)\b[^.!?]{0,80}?\bnearly every day\b"
                r"|\blast question\b[^.!?]{0,40}?\b(?:nearly every day|more than half the days)\b",
                "question|item|q9|q 9|nine"),
    (1, "others", r"\bmake (?:him|her|them) (?:pay|stop for good|suffer)\b",
                  "make"),
    # Round 4, from the train13a and train13b training slices: acts and means stated plainly,
    # a plan with a day, places of danger reached, violence done, farewells by deadline.
    (2, "self", r"\b(?:took|taken|swallowed|necked|downed) (?:about |around |like |over |nearly"
                r" |at least |maybe )?(?:\d{2,}(?! ?(?:pm|am|mg|ml|o'clock|:|\.\d))|twenty"
                r"|thirty|forty|fifty|a (?:load|lot|handful|bunch|whole (?:box|packet|bottle|strip"
                r"|pack))(?: of)?|loads(?: of)?|the (?:whole|rest of the) (?:box|packet|bottle"
                r"|lot)(?: of)?|too many|way too many"
                r"|a (?:full )?(?:box|packet|bottle)(?: of)?)(?: (?:my|her|his|the|those|\w+'s))?"
                r"(?: \w+){0,2}? " + _MED + r"\b(?![^.!?]{0,40}?\bas (?:prescribed|directed))"
                r"|\b(?:i've|i have|ive|just) (?:taken|took|had|swallowed) (?:way )?too many\b"
                r"(?=\W*$|[.,;!?]| and i\b)"
                r"|\b(?:holding|held|hold|put|pressed|pressing) (?:a|the|my) (?:knife|blade|razor"
                r"|scissors) (?:to|against|into) my (?:wrists?|arms?|throat|neck|skin|legs?"
                r"|thighs?)\b"
                r"|\bdon'?t want (?:them|anyone|anybody|you|her|him) to stop me\b"
                r"|\b(?:planning|plan|going|decided|ready|want|wanting|wanna) to leave this"
                r" (?:world|earth|life)\b"
                r"|\bdecided\b[^.!?]{0,40}?\bthe end (?:for|of) me\b"
                r"|\b(?:won't|will not|wont) (?:be )?need(?:ing)? (?:anything|any of (?:it|this"
                r"|them)|them|it) (?:after|past|beyond) (?:tonight|today|tomorrow|this weekend"
                r"|friday|the weekend)\b"
                r"|\b(?:won't|will not|wont) matter after (?:tonight|today|tomorrow|this weekend"
                r"|the weekend)\b"
                r"|\bgiven (?:all )?(?:my|of my) (?:stuff|things|belongings|possessions) away\b"
                r"[^.!?]{0,60}?\b(?:bye|goodbye)\b",
                "tok|taken|swalowed|neked|downed|to many|knife|blade|razor|scisors|stop me"
                "|leave this|the end|need|mater after|given"),
    (2, "self", r"\b(?:i've|i have|ive|i've got|i've made|i have made|i'm making) (?:a|my|the)"
                r" plan\b[^.!?]{0,60}?\b(?:carry it out|go through with it|do it|for when (?:my|the"
                r"|she|he|they|everyone|i'm alone))\b"
                r"|\bclimbed (?:over|onto|up on|on) (?:the )?(?:rail|railing|railings|barrier"
                r"|parapet|ledge)\b"
                r"|\bon the edge of the (?:quarry|cliff|cliffs|bridge|roof)\b[^.!?]{0,40}?"
                r"\b(?:going back|go back|tonight|again)\b",
                "plan|climbed|edge"),
    (1, "self", r"\b(?:i've|i have|ive|i've got) (?:a|my|the) plan for (?:tonight|tomorrow"
                r"|this weekend|the weekend|monday|tuesday|wednesday|thursday|friday|saturday"
                r"|sunday)(?=\W*$|[.!?])"
                r"|\bthe date(?:'s| is) set\b|\b(?:i've|ive|i have) (?:set|picked|chosen) (?:a|the)"
                r" date\b(?! for)"
                r"|\b(?:have|got|bought|keep|kept|hidden|hid) (?:a|the) rope\b"
                r"|\b(?:the )?(?:hosepipe|hose pipe|hose) (?:is )?ready\b"
                r"|\b(?:stood|standing|stand|sat|sitting) (?:on|at) (?:the )?(?:railway |motorway"
                r" |rail |foot)?bridge\b"
                r"|\bon the edge of the (?:quarry|cliff|cliffs)\b"
                r"|\b(?:going|go|heading) (?:back )?(?:to|down to) the (?:river|canal|cliffs?"
                r"|quarry|pier|viaduct|railway|tracks|reservoir)\b(?= after this\b"
                r"| (?:tonight|now|today)\W*(?:$|[.!?]))"
                r"|\blooked up (?:the )?(?:tide times|times of the (?:fast )?trains)\b"
                r"|\bwhich cliffs\b"
                r"|\b(?:i've|i have|ive) made (?:my|all the|the) (?:final )?arrangements\b"
                r"(?! for| with| to)"
                r"|\bgoodbye (?:and|&) sorry\b|\bsorry (?:and|&) goodbye\b",
                "plan|date|rope|hose|bridge|edge|going|go|heading|looked up|which|arangements"
                "|godbye|sory"),
    (2, "others", r"\b(?:put|had|got|wrapped) my hands? (?:round|around) (?:her|his|their"
                  r"|my \w+(?:'s)?|\w+'s) (?:neck|throat)\b"
                  r"|\bi (?:pushed|shoved) (?:her|him|them|my \w+)(?: \w+)? (?:down the stairs"
                  r"|into the wall)\b"
                  r"|\bi (?:pushed|shoved|hit|slapped|punched|kicked) (?:her|him|my \w+) and"
                  r" (?:she|he|they) (?:fell|hit|banged|was bleeding)\b"
                  r"|\bgoing (?:round|over|down) (?:there|to (?:his|her|their) (?:house|place|flat"
                  r"|work))\b[^.!?]{0,40}?\bwith (?:a|my|the) (?:knife|hammer|bat|machete|blade"
                  r"|gun|shotgun)\b",
                  "hands|pushed|shoved|hit|slaped|punched|kicked|going"),
    (2, "abuse", r"\b(?:held|holds|holding|pushed|pushes|forced|pinned) my head (?:under|into"
                 r"|against)\b|\bpushed me down the stairs\b"
                 r"|\bthreaten(?:ed|s|ing) to (?:hurt|kill|harm|hit|beat|stab|take (?:her|him|them"
                 r"|the \w+) and hurt)\b",
                 "head|pushed|threaten"),
    (1, "others", r"\b(?:scared|afraid|frightened|terrified) (?:of )?what i(?:'ll| will| might"
                  r"| would| could) do\b"
                  r"|\bhad better watch (?:her|his|their|your) back\b",
                  "scared|afraid|frightened|terified|watch"),
    # Round 5, from the train14a and train14b training slices: asking how much would do it,
    # part of a packet taken, still on a roof or a ledge.
    (2, "self", r"\bhow (?:many|much) (?:of )?(?:my |the |these |those |your )?(?:\w+ )?"
                + _MED + r" (?:would it take|does it take|would i need|would kill|to take to)\b"
                r"|\b(?:took|taken|swallowed|necked|had) (?:like |about |around |nearly )?(?:half"
                r"|most|the rest) (?:of )?(?:the|a|my|her|his) (?:packet|box|bottle|strip|pack)\b"
                r"(?! (?:of )?(?:biscuits|crisps|sweets|chocolate|cereal|tea|wine|beer))"
                r"|\b(?:i'm|im|i am) (?:still |now |up |sat |sitting |standing )*on (?:the|a)"
                r" (?:roof|ledge|parapet)\b(?=\W*$|[.,;!?]| now\b| again\b| and\b)",
                "how many|how much|tok|taken|swalowed|neked|had|i'm|im|i am"),
    (1, "abuse", r"\b(?:scared|afraid|frightened|terrified) (?:of )?what (?:he|she|they)(?:'ll"
                 r"| will| might| would) do\b|\bpushed me over\b",
                 "scared|afraid|frightened|terified|pushed"),
    # Round 7, from holdout18's misses: being found afterwards ("I booked it so my family
    # wouldn't be the ones to find me"), and endurance running out ("I don't know how much
    # longer I can keep doing this"), both without a word of risk in them.
    (2, "self", r"\b(?:be|being) the (?:ones?|person|first(?: one)?|people) (?:to|who|that)"
                r" (?:find|finds|found|discover\w*) me\b"
                r"|\b(?:so|that|then) (?:my |the |our )?(?:\w+ )?(?:wouldn't|won't|don't|doesn't"
                r"|didn't|will not|would not|never) (?:have to |need to |be the ones? to )?(?:find"
                r"|discover) me\b",
                "find me|finds me|found me|discover"),
    (1, "self", r"\b(?:where|somewhere) (?:nobody|no one|noone) (?:will|would|'ll|can|could)"
                r" (?:ever )?find me\b"
                r"|\b(?:don't|do not|not sure|no idea|unsure|dunno) (?:know )?how"
                r" (?:much )?(?:longer|long) i (?:can|could|will be able to|'ll be able to"
                r"|am able to) (?:keep (?:doing this|going|on|this up|fighting|holding on"
                r"|my ?self going)|go on|carry on|cope|take (?:it|this|much more)|hold on|last"
                r"|survive|do this|stay)\b"
                r"|\bcan't keep (?:doing this|going|living like this|on like this|fighting)"
                r"(?=\W*$|[.,;!?]| any ?more\b| like this\b| much longer\b| for much longer\b)",
                "find me|longer|how long|can't keep|cant keep"),
    # Round 8, from holdout19's urgent rows the rules missed: a place chosen with a day, a
    # promise that holds only until some day ("I won't do anything daft before New Year"), and
    # counting out what is in the cupboard, with no word of risk in any of them.
    (2, "self", r"\b(?:chosen|chose|picked|decided on|settled on|found) (?:the|a|my) (?:bridge"
                r"|cliffs?|spot|place|tree|building|car park|roof|method|way) and (?:the|a|my)"
                r" (?:date|day|time|night)\b"
                r"|\b(?:chosen|chose|picked|decided on|settled on) (?:the|a|my) (?:bridge|cliffs?"
                r"|tree|method)(?=\W*$|[.,;!?])"
                r"|\b(?:won't|wont|will not|not going to|promise not to|promised not to) do"
                r" anything (?:daft |stupid |silly |rash |drastic )?(?:before|until|till|while"
                r"|whilst)\b"
                r"|\bcounted (?:out|up) (?:what's|what is|whats|everything|all|what i've got"
                r"|what i have)\b[^.!?]{0,40}?\b(?:enough|plenty)\b",
                "chosen|chose|picked|decided on|settled on|found|anything|counted"),
    # Round 8, from holdout20's misses (one scoring): testing a ligature point, a plan for a day
    # when nobody is home, affairs put in order, letters left for the family, wondering who
    # would miss you, not knowing how long you can keep it together.
    (2, "self", r"\btest(?:ed|ing)? (?:the|a|if the|whether the) (?:beam|banister|banisters|hook"
                r"|light fitting|loft hatch|rail)\b(?! (?:for|was|is|had|has)\b)"
                r"|\b(?:will|would|wil|can|could) (?:hold|take) my weight\b"
                r"|\b(?:planning|planned|plan|going|gonna|gona|decided|ready) to do it (?:on|this"
                r"|next|tonight|tomorrow|at the weekend|when)\b[^.!?]{0,40}?\b(?:away|out|gone"
                r"|asleep|at work|on holiday|on nights|alone|on my own|by my ?self)\b"
                r"(?![^.!?]{0,30}\b(?:homework|i mean)\b)",
                "test|hold my|take my|to do it"),
    (1, "self", r"\b(?:sorted|sorting|sort|put|putting|got|getting)(?: out)?(?: al)? my affairs\b"
                r"|\bmy affairs (?:are )?(?:in order|sorted)\b"
                r"|\b(?:written|wrote|writing|left|leaving) (?:\w+ )?(?:letters?|notes?|cards?)"
                r" (?:for|to) (?:each of )?(?:my |al my )?(?:kids|children|family|partner|wife"
                r"|husband|mum|mam|mom|dad|parents|sons?|daughters?|loved ones|everyone)\b"
                r"(?![^.!?]{0,40}\b(?:exercise|homework|therapy|task|christmas|birthday)\b)"
                r"|\b(?:wonder\w*|ask\w*|question\w*) (?:if|whether) (?:any ?one|any ?body|people"
                r"|they|my family|my kids|my friends) would (?:really |even |actualy )?(?:miss me"
                r"|notice (?:if i|i'm|i was|i'd))\b(?! (?:from|at|in) (?:the )?(?:group|clas"
                r"|sesion|course|work))"
                r"|\b(?:don't|do not|not sure|no idea|unsure|dunno) (?:know )?how"
                r" (?:much )?(?:longer|long) i (?:can|could) (?:keep|hold) it together\b",
                "affairs|letter|note|card|miss me|notice|together"),
]

_COMPILED = [
    (level, family, tuple(_squeeze_pattern(anchors).split("|")), _compile(p, phrase=True))
    for level, family, p, anchors in _PATTERNS
]
# Each anchor and the patterns (by position in _COMPILED) it lets through.
_ANCHOR_PATTERNS: dict[str, tuple[int, ...]] = {
    anchor: tuple(i for i, (_, _, anchors, _) in enumerate(_COMPILED) if anchor in anchors)
    for anchor in sorted({a for _, _, anchors, _ in _COMPILED for a in anchors})
}
# The same anchors filed under their first three characters, so that a text is checked only
# for anchors that start with one of its own three-character pieces (a few hundred substring
# tests per comment were the largest single cost).
_ANCHORS_BY_PREFIX: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
_SHORT_ANCHORS: list[tuple[str, tuple[int, ...]]] = []
for _anchor, _indices in _ANCHOR_PATTERNS.items():
    if len(_anchor) >= 3:
        _ANCHORS_BY_PREFIX.setdefault(_anchor[:3], []).append((_anchor, _indices))
    else:
        _SHORT_ANCHORS.append((_anchor, _indices))


_ANCHOR_PREFIXES = frozenset(_ANCHORS_BY_PREFIX)
# Slice objects for every three-character piece of the longest text, so that the pieces of a
# text are cut by one C-level map rather than a Python loop.
_PIECES = [slice(i, i + 3) for i in range(_MAX_CHARS + 2)]


_OPENING_QUOTE = re.compile(r"(?<![a-z0-9])['\"]")


def _anchor_text(norm: str) -> str:
    """The text anchors are looked for in: padded with spaces, so that an anchor such as
    " here" also matches at the very start, and with quote marks that open a word made spaces,
    so that " end" is found in "talking about 'ending it'" as the patterns' ``\\b`` is."""
    return _OPENING_QUOTE.sub(" ", f" {norm} ")


def _patterns_to_try(norm: str) -> list[int]:
    padded = _anchor_text(norm)
    found: set[int] = set()
    pieces = set(map(padded.__getitem__, _PIECES[: max(len(padded) - 2, 0)]))
    for piece in _ANCHOR_PREFIXES.intersection(pieces):
        for anchor, indices in _ANCHORS_BY_PREFIX[piece]:
            if anchor in padded:
                found.update(indices)
    for anchor, indices in _SHORT_ANCHORS:
        if anchor in padded:
            found.update(indices)
    return sorted(found)

# Idioms a risk word sits inside without any risk ("this wait is killing me").
_IDIOMS = _compile(
    r"\b(?:is|are|was|were|it's|that's|'s|'re|just|it|that|this) killing me\b"
    r"|\bkil\w* (?:time|it)\b|\bkiller \w+|\bkill two birds\b"
    r"|\bdied of (?:boredom|embarrassment|shame|laughter|laughing)|\b(?:died|dying) laughing\b"
    r"|\b(?:bored|scared|sick|worried|frightened|tired|bore me) to death\b"
    r"|\bdying (?:to|for)\b|\bto die for\b|\b(?:would|'d) die for\b"
    r"|\bdead (?:end|tired|easy|keen|quiet|loss|good|right|on|funny|boring|slow|serious|beat"
    r"|set|nervous|giveaway|happy|chufed|proud|pleased|excited|nice|lucky|cute|jealous|hard"
    r"|posh|briliant|handy|useful|sound)\b|\bdead-end\b|\bover my dead body\b"
    r"|\b(?:kil|murder|strangle) (?:him|her|them|you) for (?:being|not|that|this|forgetting"
    r"|leaving|saying|doing|making|eating|taking)\b"
    r"|\b(?:could|would|'d) kill for\b|\b(?:will|would|'ll|'d) kill me if (?:she|he|they|you)"
    r" (?:knew|knows|find|found|finds|saw|see|hear|heard)\b"
    r"|\bkil\w* (?:my ?self|meself) (?:laughing|with work|working|trying|over)"
    r"|\b(?:felt|feel|feeling|thought|think|convinced|sure|believed) (?:like |that )?i(?: was"
    r"| am|'m| were|'d| would) (?:going to die|dying|die|having a heart attack)"
    r"|\b(?:rather|soner) die than\b"
    r"|\bcut\w* (?:down|back|corners|short|costs|out)\b|\bjump\w* (?:at|through|the queue"
    r"|to conclusions|on board|in with|on the chance)\b|\bhang (?:on|in there|out)\b"
    r"|\bhanging (?:on|around|about|out|in there|off|loose|by a thread)\b|\bend of the world\b"
    r"|\bhang (?:up )?(?:a|an|the|my|some|our|his|her|their|new|up)(?: new| few| big| small)?"
    r" (?:picture|pictures|painting|paintings|photo|photos|frame|frames|shelf|shelves|curtains?"
    r"|blinds?|mirror|clock|poster|posters|washing|clothes|coat|coats|jacket|lights|decorations"
    r"|wallpaper|door|tv|hammock|bird ?feeder|sign|bauble|baubles|wreath)\b"
    r"|\b(?:nearly|almost|practically) (?:killed|finished) me\b|\bkilled (?:off|the mood)\b"
    r"|\bwant(?:ed)? to be here (?:at first|at the start|initialy)\b"
    r"|\bs(?:ui|u)cide (?:squad|mision|run)\b|\b(?:career|political|social|financial|electoral)"
    r" suicide\b|\bknock(?:ed|ing)? (?:my ?self|meself) out\b|\bshot (?:my ?self|meself) in the"
    r" fot\b|\b(?:threw|throw\w*|flung|fling\w*) (?:my ?self|meself) (?:back )?into (?!(?:the |a )?"
    r"(?:river|sea|canal|water|trafic|road|path|lake|reservoir|quary|fire|flames)\b)"
    r"|\b(?:cut|burnt|burned|burn|scratched|bit|banged|bumped) my (?:\w+ )?(?:finger|thumb|hand"
    r"|fot|toe|lip|tongue|chin|knee|elbow|arm|leg|head)\b(?=[^.!?]{0,40}\b(?:choping|coking"
    r"|shaving|acident\w*|by mistake|slip\w*|on (?:a|the) (?:tin|can|glas|knife|paper|oven|iron"
    r"|ketle|coker|dor|table|cupboard|corner|shelf|car)|gardening|diy|opening|fel|fal\w*|triped"
    r"|ironing|baking|playing|fotbal)\b)"
    r"|\b(?:won't|wont|wil not|not going to) be (?:around|here) (?:next|on|for|this|until|til)\b"
    r"(?=[^.!?]{0,60}\b(?:sesion|appointment|holiday|away|cancel\w*|reschedul\w*|trip|visit"
    r"|group|clas|work|shift|course|abroad|moving)\b)",
    phrase=True,
)

# --- Clause context. Cues are looked for inside the clause that holds the match. ---
_CLAUSE_BREAK = re.compile(r"[.!?;\n]+|\s(?:but|however|although|though|whereas)\s")
_SENTENCE_BREAK = re.compile(r"[.!?\n]+")
_NEGATION = _compile(
    r"\b(?:not|no|never|without|nor|none|deny|denies|denied|free of|free from|zero)\b"
    r"|n't\b|\b(?:dont|didnt|doesnt|havent|hasnt|isnt|wasnt|arent|werent|wont|wouldnt|cant"
    r"|cannot|couldnt|aint)\b"
)
# Phrases containing a negation word that do not negate the risk after them.
_NOT_NEGATION = _compile(
    r"\b(?:can't|cant|cannot|couldn't|couldnt|can not) (?:stop|help|get|shake|shift)\b"
    r"|\b(?:don't|dont|didn't|do not) know (?:why|if|whether|how|what)\b|\bnot sure\b"
    r"|\bno (?:one|body)\b|\bnoone\b|\bnot just\b|\bno matter\b|\bnot only\b|\bno idea\b"
    r"|\b(?:can't|cant|cannot|couldn't|couldnt|don't|dont) (?:see|find|think of)\b"
    r"|\b(?:struggling|trying|try|tried|hard|harder|fighting|battling|working) not to\b"
    r"|\b(?:can't|cant|cannot) (?:do this|cope|take (?:it|this)|go on|carry on)\b"
)
_HISTORY = _compile(
    r"\bused to\b|\b(?:years?|months?|decades?) ago\b|\bpreviously\b"
    r"|\b(?:in the )?past\b(?! (?:few|couple|week|weeks|days?|month|months|fortnight|night|\d|two"
    r"|three|24))|\bhistory of\b|\bback in (?:19|20)\d\d\b|\bback (?:then|when)\b"
    r"|\bin (?:19|20)\d\d\b|\bwhen i was (?:younger|little|smal|a (?:child|kid|teen\w*|student)"
    r"|at school|at uni\w*|\d+|in my)\b|\bas a (?:child|kid|teen\w*"
    r"|youngster|girl|boy|student)\b|\bat (?:university|uni|school|colege)\b|\bgrowing up\b"
    r"|\bgrew up\b|\bin my (?:teens|twenties|childhood|youth)\b|\bno longer\b"
    r"|(?<!\bat )\bonce\b(?! (?:a|every|or twice|i|you|we|they|he|she|it)\b)"
    r"|\brecover\w* from\b|\bscars? from\b|\bbefore i (?:started|began|got|had)\b"
    r"|\b(?:have|has|they've|it's|they have) (?:eased|pased|gone|subsided|stopped)\b"
    r"|\bmuch beter now\b(?! that\b)|\bin a beter place now\b|\blast year\b|\bold (?:scars|razor)"
    r"|\b(?:years?|months?|weeks?) clean\b|\bclean (?:for|since)\b",
    words=True,
)
# "I thought about ending it but not for a while now": history stated in the next clause.
_RECENCY_DENIAL = _compile(
    r"\bnot (?:for (?:a (?:while|long time)|ages|years|months|a few (?:years|months))|recently"
    r"|lately|in (?:years|ages|a long time))\b|\bbut not (?:any ?more|now)\b"
    r"|\b(?:years?|months?|weeks?) clean\b|\bclean (?:for|since)\b|\bin recovery\b",
    words=True,
)
# Someone else's risk happening now ("My flatmate took an overdose 20 minutes ago", "... and
# she's not answering her phone", "Please send someone"): the writer is asking for help for a
# person in danger today, so a phrase about another person keeps its urgent level.
_IMMINENT = _compile(
    r"\b(?:right now|tonight|today|this morning|this afternoon|this evening|last night|just now"
    r"|minutes? ago|an hour ago|hours ago|yesterday|tomorrow|at the weekend|this weekend"
    r"|(?:not|isn't|isnt|won't|wont) (?:answering|picking up|answer|open the door)"
    r"|has left|taken the keys|locked (?:himself|herself|themselves|themself) in|barricaded"
    r"|please (?:send|ring|call|help|someone|can someone)|what do i do|ambulance|999"
    r"|(?:he's|she's|they're|he is|she is|they are) (?:upstairs|outside|in (?:his|her|their)"
    r" room) now)\b",
    words=True,
)
# "The children would manage better without their mum": the writer's own absence, written
# from the family's side.
_PARENT_ABSENT = _compile(r"\bwithout (?:their|his|her|our|a) (?:mum|mam|mom|dad|mother|father"
                          r"|mummy|daddy|wife|husband)\b")
_THIRD_REFLEXIVE = _compile(r"\b(?:himself|herself|themselves|themself|his|her|their)\b")
_FIRST_OBJECT = _compile(r"\b(?:i|i'm|me|my ?self|meself|my)\b")
_FIRST_PERSON = _compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my ?self|meself)\b")
_THIRD_PERSON = _compile(
    r"\b(?:he|she|they|he's|she's|they're|they've|someone|somebody|people)\b"
    r"|\b(?:my|our|a|her|his|their|friend's) (?:\w+ )?(?:friends?|mates?|son|daughter|child|kids?"
    r"|children|teenager|teen|partner|husband|wife|boyfriend|girlfriend|mum|mother|dad|father"
    r"|brother|sister|cousin|flatmate|colleague|nan|grandma|grandad|uncle|aunt|niece|nephew"
    r"|grandson|granddaughter|sibling|ex|neighbour|stepson|stepdaughter|client|patient|pupil"
    r"|student|family member|relative)\b",
    words=True,
)
_SCREENING = _compile(
    r"\b(?:asks?|asked|asking|questions?|questionnaires?|item|form|survey)"
    r" (?:me |you |us |them |people )?(?:if|whether|about|how often|you|me)\b"
    r"|\bphq-? ?9\b|\bq ?9\b|\b(?:question|item) (?:9|nine)\b",
    words=True,
)
_PROTECTIVE = _compile(
    r"\b(?:never|won't|wont|wouldn't|wouldnt|not going to|don't think i'd|would not|will not"
    r"|don't|dont) act on (?:it|them|the thoughts|these thoughts)\b"
    r"|\bno (?:plans?|intent|intention)\b|\bi'm safe\b|\bi am safe\b"
    r"|(?<!think i )(?<!sure i )\bcan keep my ?self safe\b"
    r"|\b(?:never|won't|wont|wouldn't|wouldnt|not going to) (?:do|try) anything\b"
    r"(?! (?:\w+ )?(?:before|until|till|while|whilst)\b)"
    r"|\b(?:i'd|i would|i wil|i'll) never (?:actualy )?(?:do it|do that|do anything|act on it)\b"
    r"|\b(?:i wouldn't|i won't|i wont|i wouldnt) (?:ever )?(?:actualy )?(?:do it|go through with"
    r" it)\b|\bnot saying (?:that )?i'd (?:ever )?(?:do it|act on it|do anything)\b",
    words=True,
)
# A joke marker right after the phrase ("I wanted to die lol"): said as an idiom, most likely,
# but people also hide things behind a laugh, so it lowers the level to review, never removes
# the flag.
_JOKING_AFTER = _compile(
    r"\W*(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|only joking|just joking|joking|kidding"
    r"|\(?jokes?\)?)\b",
    words=True,
)
# A laugh or a bracketed "(joke)" further on in the same sentence ("... want to jump off a
# bridge (joke!! but please change it)"): the same, looked for up to 40 characters after the
# phrase. A bare "joke" or "kidding" there is not looked for: "I want to die and I'm not
# kidding", "... the waiting list is a joke" say the opposite.
_JOKE_MARK = _compile(
    r"(?<=\()(?:only |just )?(?:jokes?|joking|kidding|jk|lol)\b"
    r"|\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk)\b",
    words=True,
)
# Anger at whoever made a thing ("I want to kill whoever designed this form") is said of a
# form or a phone line, not a person the writer knows: review, never urgent.
_MAKER_AFTER = _compile(
    r"\W*(?:designed|invented|came up with|thought up|thought of|wrote|chose|picked|created"
    r"|programmed|is responsible for|was responsible for|decided)\b",
    words=True,
)
# A comparison with something ordinary is hyperbole ("I'd rather jump off a cliff than share
# in front of strangers"): "rather" just before the phrase and "than" after it, unless what
# it is compared with is going on living ("... than live another year like this").
_RATHER_BEFORE = _compile(r"\b(?:rather|sooner)(?: \w+){0,2} $")
_THAN_AFTER = _compile(
    r"(?:[^.!?]{0,30}? )?than (?!(?:\w+ ){0,2}(?:live|living|be alive|stay alive|exist"
    r"|existing|carry on|carrying on|keep going|keep living|go on (?:like this|living|with)"
    r"|wake up|face|feel|feeling|be here|spend another|spend the rest|suffer|suffering|be me"
    r"|continue)\b)",
    words=True,
)
# Overdoses a writer attends at work ("I'm a paramedic and attend overdoses"): other people's,
# so review at most, unless the writer took them ("I've taken two overdoses").
_AT_WORK_BEFORE = _compile(
    r"\b(?:attend\w*|dealt with|deal with|deals with|treat\w*|calls?|jobs?|shouts?|went to"
    r"|go to|paramedics?|nurses?|doctors?|police|firefighters?|ambulance|a&e|pharmacists?"
    r"|crews?|patients)\b",
    words=True,
)
_OWN_BEFORE = _compile(r"\b(?:taken|took|take|taking|had|have|done|did|my|survived|attempted)"
                       r"(?: \w+){0,2} $")
# A question whether a medicine is safe with a drink ("Can I drink alcohol while on
# sertraline?") asks for advice: review at most.
_ADVICE_QUESTION = _compile(
    r"\W*(?:can|could|should|may|do) (?:i|you|we) (?:\w+ )?(?:drink|have|take|mix)\b"
    r"|\W*is it (?:ok|okay|safe|alright|fine|bad|dangerous|allowed) (?:to|if i) (?:\w+ )?(?:drink"
    r"|have|take|mix)\b"
    r"|\W*am i allowed to (?:drink|have|take|mix)\b",
    words=True,
)
# Ambivalence about answering a screening question honestly keeps a flag (see module doc).
_CONCEALMENT = _compile(
    r"\banswer\w* (?:it |them )?honestly\b|\b(?:never|don't|dont|didn't) know (?:how|what) to"
    r" (?:answer|put|say)\b|\b(?:lie|lied|lying) (?:on|about|to)\b|\bin case (?:i|they)\b"
    r"|\b(?:scared|afraid|worried) to (?:answer|tell|say)\b|\bsectioned\b|\bnot sure what to put\b",
    words=True,
)
# The writer's own answer after a reported screening question.
_ANSWER = _compile(
    r"\b(?:i (?:said|told (?:her|him|them)|admitted|answered|was honest|had|have|do|did|stil"
    r"|sometimes)|i've had|ive had|yes|sometimes|some days|most days|every day)\b",
    words=True,
)
# Obsessional, unwanted thoughts ("my OCD made me think I might hurt someone"): a reason to
# read the comment, not an intention.
_INTRUSIVE = _compile(r"\b(?:intrusive|ocd|obsesive|obsesions?|unwanted thoughts?)\b",
                      words=True)
# A bare topic word ("suicide", "self-harm") named as a service, material or media.
_TOPIC_WORD = _compile(
    r"(?:s(?:ui|u|ou|iu)(?:c|s|sc)i?d(?:e|al)|self[- ]?(?:harm|injur)\w*|overdos\w*|abuse"
    r"|domestic (?:violence|abuse)|euthanasia|dignitas|asisted (?:dying|suicide))"
    r"(?: (?:thoughts|ideation|feelings|urges|risk))?"
)
_TOPIC_WORD_END = _compile(
    r"(?:s(?:ui|u|ou|iu)(?:c|s|sc)i?d(?:e|al)|self[- ]?(?:harm|injur)\w*|overdos\w*|abuse"
    r"|domestic (?:violence|abuse))$"
)
_TOPIC_BEFORE = _compile(
    r"\b(?:leaflets?|training|courses?|posters?|booklets?|information|info|talks?|workshops?"
    r"|modules?|videos?|articles?|books?|documentar\w*|films?|campaigns?|research|statistics"
    r"|programmes?|podcasts?|lectures?|charity|charities|resources?|websites?|section|chapter"
    r"|webinar|awareness|lesson|lessons|episode|film|movie|worksheets?|handouts?|sheets?"
    r"|exercises?|clases?|sesions?|groups?) (?:on|about|around|for|regarding"
    r"|covering|re|of)? ?(?:\w+ )?$",
    words=True,
)
_TOPIC_AFTER = _compile(
    r" (?:prevention|awareness|training|squad|mision|research|statistics|rates?|campaigns?"
    r"|posters?|leaflets?|policy|policies|month|course|module|workshop|documentary|film|book"
    r"|movie|song|lyrics|scene|storyline|episode)\b"
)
# "People think I'm suicidal but I'm not": a denial straight after the phrase.
_DENIAL_AFTER = _compile(r"\W*(?:but )?(?:i'm|i am|im) not\b")

def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _word_matches(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """Matches of a pattern compiled by ``_compile`` that start on a word boundary."""
    n = len(text)
    endpos = n if endpos is None else endpos
    while pos <= endpos:
        m = pattern.search(text, pos, endpos)
        if m is None:
            return
        s = m.start()
        before = s > 0 and _is_word_char(text[s - 1])
        after = s < n and _is_word_char(text[s])
        if before != after:
            yield m
            pos = max(m.end(), s + 1)
        else:
            pos = s + 1


def _found(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> bool:
    return next(_word_matches(pattern, text, pos, endpos), None) is not None


def _is_negated(before: str, first_word: str = "") -> bool:
    # Look at the last five words before the phrase only: "no thoughts of self-harm",
    # "I'm not going to kill myself". A negation further back usually governs something else.
    # A comma usually starts a new thought ("I'm not ok, I want to end it").
    window = " ".join(before.rsplit(",", 1)[-1].split()[-5:])
    # Phrases such as "can't see" or "trying not to" may run into the matched phrase ("I don't
    # see the point in carrying on"), so blank them out over the window plus its first word.
    combined = _NOT_NEGATION.sub(lambda m: " " * len(m.group()), f"{window} {first_word}")
    return _NEGATION.search(combined, 0, len(window)) is not None


def _is_third_party(matched: str, family: str, before: str) -> bool:
    if _FIRST_OBJECT.search(matched) or (family == "self" and _PARENT_ABSENT.search(matched)):
        return False
    if family == "self" and _THIRD_REFLEXIVE.search(matched):
        return True
    # Whoever was mentioned last before the phrase is its subject ("my son said he wants to
    # die"; "I'm worried my partner is suicidal").
    third = [m.end() for m in _word_matches(_THIRD_PERSON, before)]
    if not third:
        return False
    first = [m.end() for m in _FIRST_PERSON.finditer(before)]
    return not first or third[-1] > first[-1]


def _adjust(level: int, family: str, norm: str, start: int, end: int,
            clause: tuple[int, int], sentence: tuple[int, int]) -> int:
    left, right = clause
    before = norm[left:start]
    if _found(_SCREENING, before):
        # A phrase quoted from a screening question is not a disclosure: an urgent phrase
        # keeps a review flag (the writer raised the subject), a softer one is dropped unless
        # the writer goes on to give their own answer ("... and I said I had thoughts").
        if level == 2 or _found(_ANSWER, norm, end, sentence[1]):
            return 1
        return 0
    if (_TOPIC_WORD.fullmatch(norm, start, end)
            and _TOPIC_BEFORE.search(norm, max(left, start - 60), start)) or (
        _TOPIC_WORD_END.search(norm, start, end)
        and _TOPIC_AFTER.match(norm, end, min(len(norm), end + 40))
    ):
        # The subject named as a service, a leaflet or a film ("the leaflet on self-harm",
        # "suicide prevention training", "Suicide Squad"), not anybody's experience.
        return 0
    lowered = (
        _found(_INTRUSIVE, norm, *sentence)
        or
        _is_negated(before, norm[start:end].split(" ", 1)[0])
        or _DENIAL_AFTER.match(norm, end, min(len(norm), end + 30)) is not None
        or _JOKING_AFTER.match(norm, end, min(len(norm), end + 20)) is not None
        or _found(_JOKE_MARK, norm, end, min(sentence[1] + 2, end + 40))
        or (_RATHER_BEFORE.search(norm, max(left, start - 40), start) is not None
            and _THAN_AFTER.match(norm, end, sentence[1]) is not None)
        or (norm.startswith("overdoses", start)
            and _found(_AT_WORK_BEFORE, norm, sentence[0], start)
            and _OWN_BEFORE.search(norm, max(sentence[0], start - 30), start) is None)
        or (norm.startswith("?", sentence[1])
            and _ADVICE_QUESTION.match(norm, sentence[0], sentence[1]) is not None)
        or (norm.endswith("whoever", start, end)
            and _MAKER_AFTER.match(norm, end, min(len(norm), end + 30)) is not None)
        or _found(_HISTORY, norm, left, right)
        or (_is_third_party(norm[start:end], family, before)
            and (level < 2 or not _found(_IMMINENT, norm)))
        or _found(_RECENCY_DENIAL, norm, *sentence)
        or (family != "abuse" and _found(_PROTECTIVE, norm, *sentence))
    )
    return min(level, 1) if lowered else level


def _bounds(spans: list[tuple[int, int]], start: int, end: int, length: int) -> tuple[int, int]:
    """The stretch between the nearest break before ``start`` and the first one after ``end``.

    Never more than ``_CONTEXT`` characters either side: a cue further away does not govern
    the phrase, and the bound keeps a long unpunctuated text linear rather than quadratic.
    """
    left, right = 0, length
    i = bisect_left(spans, (start,))
    if i and spans[i - 1][1] <= start:
        left = spans[i - 1][1]
    for s, _ in spans[i:]:
        if s >= end:
            right = s
            break
    return max(left, start - _CONTEXT), min(right, end + _CONTEXT)


def _separate_signals(spans: list[tuple[int, int]]) -> bool:
    """Whether two of the spans are disjoint and within ``_CONTEXT`` characters of each other."""
    spans = sorted(spans)
    return any(b[0] >= a[1] and b[0] - a[1] <= _CONTEXT
               for i, a in enumerate(spans) for b in spans[i + 1:])


def assess_risk(text: str, learnt: bool = True) -> RiskAssessment:
    """Assess the risk a comment suggests to its writer or to other people.

    The hand-written rules (:func:`assess_rules`) decide first. A comment they pass is read
    again by a learnt model (:mod:`analysis.risk_learnt`), which catches disclosures worded in
    ways the rules do not know and makes them ``review``, or ``urgent`` when a second learnt
    model, trained to tell urgent disclosures from the rest, is sure (and the rules saw no
    risk phrase they judged harmless). That model may also raise the rules' own ``review`` to
    ``urgent`` when the phrases found are review-rated and no context cue bore on them; a
    level a cue lowered ("I'm not going to kill myself") stays as the rules left it.

    Parameters
    ----------
    text : str
        The comment as written. Never raises for any string.
    learnt : bool, default=True
        Whether the learnt model reads what the rules pass.

    Returns
    -------
    RiskAssessment
        ``level`` is ``"urgent"``, ``"review"`` or ``"none"``; ``reasons`` lists the matched
        phrases in the writer's own words (for a learnt flag, the sentence that scored
        highest, with identifiers such as phone numbers replaced).
    """
    found, phrase_seen, plain = _rules_in_context(text)
    if learnt and plain:
        # A plain review from the rules (review-rated phrases, no context cue): the urgency
        # model may raise it, as it may a learnt flag.
        from analysis import risk_learnt

        if risk_learnt.is_urgent(text[:_MAX_CHARS]):
            return RiskAssessment(URGENT, found.reasons)
    if not learnt or not _learnt_reads(text, found):
        return found
    from analysis import risk_learnt

    reason = risk_learnt.flags(text[:_MAX_CHARS], phrase_seen)
    if reason is None:
        return found
    # The reason is a whole sentence, shown to staff: identifiers in it are replaced.
    from analysis.redact import redact

    # Where the rules saw a risk phrase and judged it harmless in context, their judgement of
    # the level stands; otherwise the urgency model may call the flag urgent.
    urgent = not phrase_seen and risk_learnt.is_urgent(text[:_MAX_CHARS])
    return RiskAssessment(URGENT if urgent else REVIEW, (redact(reason[:300]).text,),
                          learnt=True)


def _learnt_reads(text: object, found: RiskAssessment) -> bool:
    """Whether the learnt reader reads a comment the rules assessed as ``found``.

    Not when the rules flagged it, nor when it says nothing ("Nothing", "n/a"): no words to
    disclose anything with, and short answers like these were an early learnt model's
    commonest false flags. Everything else is read, at one of two thresholds per sentence
    (:func:`analysis.risk_learnt.read_comment`): the ordinary one
    (:data:`analysis.risk_learnt.THRESHOLD`) for a sentence that uses a word of the
    vocabulary of risk (:func:`analysis.risk_learnt.may_speak`), a much stricter one
    (:data:`analysis.risk_learnt.STRICT_THRESHOLD`) for the others, since the model also learns
    style (it scored "I'm a Black man and I want to see someone who looks like me" 0.92), and
    for every sentence of a comment in which the rules found a risk phrase and their context
    judged it harmless (a screening question, an idiom, a leaflet's title): that judgement
    stands unless the reader is very sure.
    """
    if found.flag or not isinstance(text, str) or not text.strip():
        return False
    from analysis.text import is_contentless

    return not is_contentless(text[:_MAX_CHARS])


def assess_rules(text: str) -> RiskAssessment:
    """The hand-written rules alone: phrases, concept families and their context.

    See :func:`assess_risk` for the parameters and the result.
    """
    return _rules(text)[0]


@lru_cache(maxsize=64)
def _read(raw: str) -> tuple[str, str, list[int] | None]:
    """``raw`` as the rules read it: leetspeak spelt out, then normalised and typo-corrected,
    with the correction's position map (see :func:`_correct`; shared, never changed). Cached
    because the learnt reader's gate (:func:`analysis.risk_learnt.may_speak`) reads the same
    text right after the rules."""
    text = _unleet(raw)
    norm, back = _correct(_normalise(text))
    return text, norm, back


def _rules(text: str) -> tuple[RiskAssessment, bool]:
    """:func:`assess_rules`, and whether any risk pattern matched before context was weighed."""
    found, phrase_seen, _ = _rules_in_context(text)
    return found, phrase_seen


def _rules_in_context(text: str) -> tuple[RiskAssessment, bool, bool]:
    """:func:`_rules`, and whether the level is a plain ``review``: every phrase found is one
    the rules rate review, and no context cue (negation, history, another person, a joke, a
    screening question, a denial) bore on any of them, so the level is the phrases' own and
    not a judgement of their context. Only such a level may the urgency model raise."""
    if not isinstance(text, str) or not text:
        return RiskAssessment(NONE), False, False
    raw = text[:_MAX_CHARS]
    text, norm, back = _read(raw)

    hits: list[tuple[int, int, int, str]] = []
    for i in _patterns_to_try(norm):
        level, family, _, pattern = _COMPILED[i]
        hits += [(*m.span(), level, family) for m in _word_matches(pattern, norm)]
    phrase_seen = bool(hits)
    if hits:
        idioms = [m.span() for m in _word_matches(_IDIOMS, norm)]
        hits = [
            (s, e, level, family)
            for s, e, level, family in hits
            if s < e and not any(a <= s < b or a < e <= b for a, b in idioms)
        ]
    if not hits:
        return RiskAssessment(NONE), phrase_seen, False

    clauses = [m.span() for m in _CLAUSE_BREAK.finditer(norm)]
    sentences = [m.span() for m in _SENTENCE_BREAK.finditer(norm)]
    concealment = _found(_CONCEALMENT, norm)
    best = 0
    flagged: list[tuple[int, int]] = []
    soft: list[tuple[int, int]] = []
    plain = not concealment
    for s, e, level, family in hits:
        clause = _bounds(clauses, s, e, len(norm))
        sentence = _bounds(sentences, s, e, len(norm))
        adjusted = _adjust(level, family, norm, s, e, clause, sentence)
        if concealment:
            adjusted = max(adjusted, 1)
        if adjusted:
            flagged.append((s, e))
            best = max(best, adjusted)
        # A softer signal counts towards adding up only if no context cue would lower it.
        uncued = level == 1 and _adjust(2, family, norm, s, e, clause, sentence) == 2
        plain = plain and uncued
        if uncued and adjusted == 1 and family == "self":
            soft.append((s, e))
    if best == 1 and _separate_signals(soft):
        # Two separate softer signals about the writer ("I feel like a burden and I'm ready
        # to go", "I've lived long enough, I would like to go now") add up to an urgent one.
        best = 2
    if not best:
        return RiskAssessment(NONE), True, False
    if back is not None:
        # Matches were found in the corrected text: map them back to the normalised text.
        norm = _normalise(text)
        flagged = [(back[s], back[e - 1] + 1) for s, e in flagged]
    found = RiskAssessment(_LEVEL_NAMES[best], _reasons(raw, text, norm, flagged))
    return found, True, plain and best == 1


def _reasons(raw: str, text: str, norm: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """The matched phrases in the writer's own words, merged where they overlap.

    ``text`` is ``raw`` with look-alike symbols replaced one for one, so offsets into one are
    offsets into the other.
    """
    spans = sorted(spans)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    slow, origin = _normalise_with_offsets(text)
    same = slow == norm
    reasons: list[str] = []
    for s, e in merged:
        # If lower-casing changed the length of some character the offsets are unreliable,
        # so fall back to the normalised phrase.
        if same:
            stop = origin[e - 1] + 1
            # Give back the letters the squeeze removed at the end ("myselfff").
            while stop < len(raw) and raw[stop].isalpha() and raw[stop] == raw[stop - 1]:
                stop += 1
            phrase = raw[origin[s]:stop].strip()
        else:
            phrase = norm[s:e].strip()
        if phrase and phrase not in reasons:
            reasons.append(phrase)
    return tuple(reasons)
