"""Replace personal identifiers in feedback with placeholders before anyone reads it.

The app calls :func:`redact` on every comment as it is saved, so the stored text never holds
the identifiers a person sometimes writes into free text: their NHS number, phone number,
email address, postcode, date of birth and full name (or a relative's). Each is replaced by a
placeholder such as ``[NHS NUMBER]``.

The hard part is what must *not* be redacted. Feedback about a therapy service is full of
numbers that identify nobody ("waited 18 weeks", "scored 14 on the PHQ-9", "Samaritans
116 123", "session 6 of 8") and of staff first names ("my therapist Jo was great") that the
service wants to read. So every rule is anchored on something specific to an identifier:

- NHS numbers are ten digits that pass the modulus 11 check (the ``nhs-number`` package); a
  number that fails the check is still redacted when the writer introduces it as an NHS number.
- Phone numbers come from ``phonenumbers`` (Google's libphonenumber) with region GB. A match
  counts only when it is written as a full number (a leading 0, +44 or another country code)
  in a personal range: UK landlines (01, 02) and mobiles (07), or any international number.
  Non-geographic service numbers (03, 08, 09) and short codes such as 111, 116 123 and 85258
  are organisations' helplines, kept because people recommend them to each other.
- Postcodes follow the UK format, with or without the space, in any case.
- A date is a date of birth only in a birth context ("DOB", "born on", "date of birth");
  "my appointment on 12/03/2024" stays.
- A name is redacted only where the writer presents it as theirs or a relative's ("my name
  is", "I'm", "my son", a signature at the end) and only as a full name of two or more
  capitalised words; a first name alone, or a title and surname ("Dr Patel"), is kept.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import dataclass

import nhs_number
import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

__all__ = ["KINDS", "Redaction", "redact"]

logger = logging.getLogger(__name__)

NHS = "NHS NUMBER"
PHONE = "PHONE"
EMAIL = "EMAIL"
POSTCODE = "POSTCODE"
DOB = "DATE OF BIRTH"
NAME = "NAME"
#: Every kind of identifier, in the order overlapping matches are settled (first wins).
KINDS = (EMAIL, NHS, DOB, PHONE, POSTCODE, NAME)

# Longer texts are redacted in full, but phone matching (the slowest step) only runs on
# texts up to this size; beyond it a simpler digit-pattern fallback is used.
_PHONE_MATCHER_LIMIT = 20_000


@dataclass(frozen=True)
class Redaction:
    """A comment with its identifiers replaced.

    Attributes
    ----------
    text : str
        The redacted text.
    found : tuple of str
        The kinds of identifier replaced, in order of first appearance, without duplicates.
    """

    text: str
    found: tuple[str, ...] = ()


# --- Email ---------------------------------------------------------------------------------
_EMAIL = re.compile(
    r"(?<![\w.%+'-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"(?![\w-])"
)

# --- NHS number ----------------------------------------------------------------------------
# Ten digits as 3-3-4 with the same separator (space, hyphen or none) throughout. A number
# written after a country code is a phone number, not an NHS number.
_NHS_CANDIDATE = re.compile(r"(?<![\d+])(?<!\+44 )(?<!0044 )(\d{3})([ -]?)(\d{3})\2(\d{4})(?!\d)")
_NHS_CONTEXT = re.compile(r"(?i)\bnhs\b[^\d\n]{0,20}$")

# --- Date of birth -------------------------------------------------------------------------
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d\d|'?\d\d)"
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)"
    r"|(?:19|20)\d\d-\d{1,2}-\d{1,2}(?!\d)"
    rf"|{_DAY}(?:\s+of)?\s+{_MONTH},?(?:\s+{_YEAR}(?!\d))?"
    rf"|{_MONTH}\s+{_DAY},?(?:\s+{_YEAR}(?!\d))?)"
)
_DOB = re.compile(
    r"(?i)\b(?:d\.?o\.?b\b\.?|date of birth|birth ?date|born(?: on)?|birthday)"
    r"[^\d\n]{0,25}?(?:\bthe\s+)?"
    rf"(?P<date>{_DATE})"
)

# --- Phone ---------------------------------------------------------------------------------
# Only texts with a run of seven or more digits (allowing separators) can hold a phone number;
# the matcher is skipped for everything else.
_PHONE_GATE = re.compile(r"\d(?:[\s().-]{0,3}\d){6}")
_EXTENSION = re.compile(r"(?i)\s*(?:ext\.?|extension|x)\s*\d+\s*$")
_PHONE_FALLBACK = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|0)[127](?:[\s-]?\d){8,9}(?!\d)"
)

# --- Postcode ------------------------------------------------------------------------------
# The outward code follows Royal Mail's letter rules; the inward letters are not restricted
# to the ones Royal Mail uses, because a mistyped postcode ("LS7 3CD") still identifies.
_POSTCODE = re.compile(
    r"(?i)(?<![\w-])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)\s?\d[A-Z]{2}(?![\w-])"
)

# --- Names ---------------------------------------------------------------------------------
_NAME_WORD = r"(?:Mc|Mac|O'|O’|D')?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
_FULL_NAME = rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})"
_RELATIVE = (
    r"(?:son|daughter|wife|husband|partner|mum|mom|mother|dad|father|brother|sister|child"
    r"|boyfriend|girlfriend|fianc[eé]e?|grandson|granddaughter|grandma|grandmother|nan|nana"
    r"|grandad|grandfather|aunt|auntie|uncle|cousin|niece|nephew|stepson|stepdaughter|stepdad"
    r"|stepmum|friend|carer|baby|toddler|teenager|kid|girl|boy|one|lad|lass|eldest|youngest"
    r"|oldest)(?:[- ]in[- ]law)?"
)
# A title before a name in a signature is kept; the name after it is redacted.
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Rev)\.?"
_KIN_ADJECTIVE = r"(?:little|eldest|youngest|oldest|older|younger|baby|teenage|late|best|twin)"
_NAME_TRIGGERS = [
    # "my name is Sarah Jones", "my name's tom baker" (lower case allowed here: see below).
    re.compile(rf"(?i:\bmy name(?:'s|’s| is)|\bname\s*[:\-])[ \t]*{_FULL_NAME}"),
    # "my husband's name is Tariq Mahmood".
    re.compile(rf"(?i:\b(?:my|our)\s+(?:{_KIN_ADJECTIVE}\s+)?{_RELATIVE}(?:'s|’s)\s+(?:full\s+)?"
               rf"name(?:'s|’s|\s+is))[ \t]+{_FULL_NAME}"),
    # "I'm John Smith", "I am Grzegorz Nowak", "This is Aisha Rahman" at a sentence start.
    re.compile(rf"(?i:\bI'm|\bI’m|\bI am|(?:^|[.!?]\s+|\bhi,?\s+|\bhello,?\s+)this is)[ \t]+"
               rf"{_FULL_NAME}"),
    # "my son Daniel Okafor", "my wife, Priya Patel", "my partner is called Jamie Fraser".
    re.compile(rf"(?i:\bmy\s+(?:{_KIN_ADJECTIVE}\s+)?{_RELATIVE}(?:,|\s+is\s+called|\s+called"
               rf"|\s+named)?)[ \t]+"
               rf"{_FULL_NAME}"),
    # Sign-offs: "Thanks, Mark Evans", "Kind regards\nHelen O'Brien", "- Emma Grant" at the end.
    re.compile(rf"(?i:\b(?:thanks|thank you|many thanks|regards|kind regards|best regards"
               rf"|warm regards|best wishes|cheers|yours sincerely|yours faithfully|sincerely"
               rf"|all the best|love|from)(?: again| so much| very much| for everything| all"
               rf"| everyone| x+)?\b[,.!]?)\s*(?:[-–—]\s*)?(?:{_TITLE}\s+)?"
               rf"{_FULL_NAME}(?=\s*(?:$|\n|\(|[.!,]\s*(?:$|\n)|,\s+an?\s))"),
    re.compile(rf"(?:^|\n|[.!?]\s+)[-–—]\s*{_FULL_NAME}\s*$"),
]
# "my name is tom baker and ...": people often type their own name in lower case.
_LOWER_NAME = re.compile(
    r"(?i)\bmy name(?:'s|’s| is)[ \t]+(?P<name>[a-z][a-z'-]+(?:[ \t]+[a-z][a-z'-]+){1,2})"
)
# Capitalised words that follow the triggers but are not names ("I'm British Asian",
# "I'm Very Grateful", "my son Has ADHD").
_NOT_NAMES = frozenset(
    {
        "a", "an", "and", "the", "but", "or", "so", "if", "of", "on", "in", "at", "to", "for",
        "from", "with", "by", "as", "is", "was", "are", "be", "been", "being", "i", "im", "i'm",
        "me", "my", "we", "our", "you", "your", "he", "she", "they", "it", "this", "that",
        "there", "here", "not", "no", "yes", "very", "really", "just", "still", "also", "only",
        "now", "then", "today", "tomorrow", "yesterday", "please", "thanks", "thank", "sorry",
        "hi", "hello", "dear", "ok", "okay", "well", "good", "great", "happy", "sad", "grateful",
        "thankful", "glad", "fine", "feeling", "feel", "british", "english", "scottish", "welsh",
        "irish", "asian", "black", "white", "mixed", "polish", "african", "caribbean", "indian",
        "pakistani", "bangladeshi", "chinese", "muslim", "christian", "jewish", "hindu", "sikh",
        "catholic", "buddhist", "gay", "lesbian", "bi", "trans", "nonbinary", "autistic",
        "dyslexic", "deaf", "disabled", "nhs", "cbt", "iapt", "gp", "dr", "mr", "mrs", "ms",
        "miss", "mx", "prof", "nurse", "doctor", "therapist", "counsellor", "practitioner",
        "step", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "christmas", "easter", "ramadan", "diwali", "covid",
        "adhd", "asd", "ocd", "ptsd", "phq", "gad", "talking", "therapies", "service", "team",
        "mental", "health",
    }
)


def _clean_name(name: str) -> tuple[int, int] | None:
    """The span (within ``name``) of the longest run of real name words, if two or more."""
    words = list(re.finditer(r"\S+", name))
    keep = []
    for w in words:
        if w.group().lower().strip("'’") in _NOT_NAMES:
            break
        keep.append(w)
    if len(keep) < 2:
        return None
    return keep[0].start(), keep[-1].end()


def _is_personal_phone(match: phonenumbers.PhoneNumberMatch) -> bool:
    raw = match.raw_string.lstrip()
    if not raw or raw[0] not in "0+(":
        # "116 123", "85258", a reference number: not written as a full phone number.
        return False
    number = match.number
    national = str(number.national_number)
    if number.country_code != 44:
        return raw.startswith(("+", "00"))
    # UK landlines (01, 02) and mobiles (07) belong to people; 03, 08 and 09 numbers are
    # organisations' lines (Mind's infoline, CALM, Childline), which people share as advice.
    return len(national) >= 9 and national[0] in "127"


def _phone_spans(text: str) -> list[tuple[int, int, str]]:
    if len(text) <= _PHONE_MATCHER_LIMIT:
        try:
            return [
                _phone_span(text, m)
                for m in PhoneNumberMatcher(text, "GB", leniency=Leniency.POSSIBLE)
                if _is_personal_phone(m)
            ]
        except Exception:
            # A third-party parser must never stop a comment being saved: fall back to the
            # simpler pattern, and say so.
            logger.warning("phone number matching failed; using the fallback", exc_info=True)
    return [(m.start(), m.end(), PHONE) for m in _PHONE_FALLBACK.finditer(text)]


def _phone_span(text: str, match: phonenumbers.PhoneNumberMatch) -> tuple[int, int, str]:
    start, end = match.start, match.end
    if match.raw_string.startswith("(") and ")" not in match.raw_string:
        start += 1  # "(07845 234567)": the bracket belongs to the sentence
    if match.number.extension:
        # Keep "ext 12": the extension alone identifies no one.
        ext = _EXTENSION.search(text, start, end)
        end = ext.start() if ext else end
    return start, end, PHONE


def _spans(text: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    spans += [(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
    for m in _NHS_CANDIDATE.finditer(text):
        digits = m.group(1) + m.group(3) + m.group(4)
        context = _NHS_CONTEXT.search(text, max(0, m.start() - 30), m.start())
        if nhs_number.is_valid(digits) or context:
            spans.append((m.start(), m.end(), NHS))
    spans += [(m.start("date"), m.end("date"), DOB) for m in _DOB.finditer(text)]
    if _PHONE_GATE.search(text):
        spans += _phone_spans(text)
    spans += [(m.start(), m.end(), POSTCODE) for m in _POSTCODE.finditer(text)]
    for pattern in _NAME_TRIGGERS:
        for m in pattern.finditer(text):
            found = _clean_name(m.group("name"))
            if found:
                spans.append((m.start("name") + found[0], m.start("name") + found[1], NAME))
    for m in _LOWER_NAME.finditer(text):
        found = _clean_name(m.group("name"))
        if found:
            spans.append((m.start("name") + found[0], m.start("name") + found[1], NAME))
    return spans


def redact(text: str) -> Redaction:
    """Replace NHS numbers, phone numbers, emails, postcodes, dates of birth and full names.

    Parameters
    ----------
    text : str
        The comment as written. Never raises for any string.

    Returns
    -------
    Redaction
        ``text`` with each identifier replaced by ``[KIND]`` and ``found``, the kinds replaced
        in order of first appearance.
    """
    if not isinstance(text, str) or not text:
        return Redaction(text if isinstance(text, str) else "")
    spans = _spans(text)
    if not spans:
        return Redaction(text)
    # Settle overlaps: the kind earlier in KINDS wins, then the longer span. ``chosen`` stays
    # sorted and never overlaps, so only the neighbours of a new span need checking.
    rank = {kind: i for i, kind in enumerate(KINDS)}
    spans.sort(key=lambda s: (rank[s[2]], s[0] - s[1]))
    chosen: list[tuple[int, int, str]] = []
    for s, e, kind in spans:
        i = bisect_left(chosen, (s,))
        if (i and chosen[i - 1][1] > s) or (i < len(chosen) and chosen[i][0] < e):
            continue
        chosen.insert(i, (s, e, kind))
    parts: list[str] = []
    found: list[str] = []
    pos = 0
    for s, e, kind in chosen:
        parts += [text[pos:s], f"[{kind}]"]
        pos = e
        if kind not in found:
            found.append(kind)
    parts.append(text[pos:])
    return Redaction("".join(parts), tuple(found))
