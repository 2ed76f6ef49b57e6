"""Risk flagging: the API contract, the behaviours the issue names, robustness and the eval set."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

from analysis import risk
from analysis.risk import RiskAssessment, assess_risk, assess_rules

ROOT = Path(__file__).resolve().parents[2]
RISK_CSV = ROOT / "tests" / "data" / "risk_eval.csv"
# The slices the rules were developed against (and the learnt reader is trained on).
TRAINING_CSV = ROOT / "analysis" / "data" / "risk_training.csv"


def _load_benchmark():
    spec = importlib.util.spec_from_file_location(
        "eval_risk_redact", ROOT / "benchmarks" / "eval_risk_redact.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_risk_redact", module)
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict[str, str]]:
    rows = []
    for path in (TRAINING_CSV, RISK_CSV, ROOT / "tests" / "data" / "risk_holdout12.csv"):
        with path.open(newline="", encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    return rows


# --- Contract ------------------------------------------------------------------------------


def test_assessment_is_a_frozen_dataclass_with_level_reasons_and_flag():
    result = assess_risk("I want to die")
    assert isinstance(result, RiskAssessment)
    assert result.level in {"urgent", "review", "none"}
    assert isinstance(result.reasons, tuple)
    assert all(isinstance(r, str) for r in result.reasons)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "none"  # type: ignore[misc]


@pytest.mark.parametrize(("level", "flag"), [("urgent", True), ("review", True), ("none", False)])
def test_flag_is_any_level_but_none(level, flag):
    assert RiskAssessment(level, ()).flag is flag


def test_ordinary_feedback_has_no_reasons():
    result = assess_risk("The therapist was lovely but the wait was far too long.")
    assert result == RiskAssessment("none", ())
    assert not result.flag


def test_reasons_are_the_phrases_as_written():
    result = assess_risk("Honestly I DON’T want to be here anymore.")
    assert result.level == "urgent"
    assert any("DON’T want to be here" in reason for reason in result.reasons)
    assert "k!ll mys3lf" in " ".join(assess_risk("i want to k!ll mys3lf").reasons)


# --- The examples named in the issue -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I've been feeling suicidal since the sessions stopped.",
        "I have pills saved up and I think about taking them all",
        "I keep thinking about jumping off the bridge",
        "I've been thinking about stepping in front of a train",
        "I bought a rope to hang myself",
        "There's a ligature in my room",
        "I don't want to be here anymore",
        "Everyone would be better off without me",
        "There's no point going on",
        "I can't keep myself safe",
        "kms honestly",
        "some days I want to unalive myself",
        "feeling suicidel again",
        "I've started self harm again",
        "selfharm helps me cope",
        "I'm self-harming every night",
        "I od'd last week",
        "I took an overdose on Friday",
        "I keep cutting myself",
        "My partner hits me and I'm scared",
        "I have thoughts of stabbing my neighbour",
    ],
)
def test_clear_and_indirect_risk_is_urgent(text):
    assert assess_risk(text).level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just tired of waiting",
        "No thoughts of self-harm, but my mood is low",
        "I'm not going to kill myself",
        "I would never hurt myself",
    ],
)
def test_negation_lowers_the_level_but_keeps_the_flag(text):
    result = assess_risk(text)
    assert result.level == "review"
    assert result.flag


def test_negation_never_removes_a_flag_the_phrase_alone_would_raise():
    assert assess_risk("suicidal").level == "urgent"
    assert assess_risk("not suicidal").level == "review"
    assert assess_risk("I'm not feeling suicidal at all, honestly").flag


@pytest.mark.parametrize(
    "text",
    [
        "This wait is killing me",
        "The questionnaires are killing me",
        "I nearly died of boredom in the waiting room",
        "I'm dying to get started",
        "My killer commute makes mornings hard",
        "The referral was a dead end",
        "I'm just killing time before my session",
        "My mum would kill me if she knew I missed it",
        "I was cutting down on caffeine",
        "Jumping through hoops for a referral",
    ],
)
def test_idioms_are_not_urgent(text):
    assert assess_risk(text).level != "urgent"


def test_idioms_from_the_issue_are_not_flagged_at_all():
    for text in ("This wait is killing me", "I'm dying to get started", "killer commute"):
        assert assess_risk(text).level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "I used to self-harm as a teenager",
        "I attempted suicide years ago",
        "My friend is self-harming",
        "My son said he wants to die",
        "I was abused as a child",
    ],
)
def test_history_and_third_parties_are_at_least_review(text):
    assert assess_risk(text).flag


@pytest.mark.parametrize("text", [
    "My son keeps hurting themselves and nobody calls back.",
    "My daughter has been cutting themselves again.",
    "I worry my partner will harm themselves tonight.",
])
def test_themselves_is_read_like_himself_and_herself(text):
    # The anchor of these patterns was "self", which "themselves" does not contain, so the
    # prefilter never tried them: the rules let all three pass.
    assert assess_rules(text).flag


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Round 3 of the rules, from the train11/train12 training slices: said in passing.
        ("Pills counted. Note written.", "urgent"),
        ("Cut too deep, still bleeding.", "urgent"),
        ("i'm at the top of the car park on Elm St. i just wanted someone to know", "urgent"),
        ("The stash is in the shoebox and it's big enough now.", "urgent"),
        ("Next time he mouths off I'm putting him in hospital.", "urgent"),
        ("I'm going to set fire to their office on Friday, I've got petrol.", "urgent"),
        ("The guided self-help was far too basic for someone with two previous attempts.",
         "review"),
        ("After my attempt last spring I was referred here.", "review"),
        ("I used to lie in bed wishing I wouldn't wake up.", "review"),
        ("sumtimes i think evry one wud be beter off with out me", "review"),
        ("I sometimes wish God would take me.", "review"),
        ("Some days I think it wouldn't matter if I was gone.", "review"),
        ("I'm a drain on everyone.", "review"),
        ("Found a home for my cats and told my neighbour it's for afterwards.", "review"),
        # Letters doubled in the text are single in what the patterns see ("stoping"), and a
        # screening question named first lowers an answer to review, never to nothing.
        ("At night I sit in the car and think about just driving and never stopping.",
         "review"),
        ("been collecting my nans morphine patches. i know its wrong", "review"),
        ("re the PHQ9 - question 9 is nearly every day for me and now I've got a plan.",
         "review"),
    ],
)
def test_risk_said_in_passing_is_flagged(text, level):
    assert assess_rules(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "It took three attempts to get through on the phone.",
        "My first attempt at the online course failed, the second went better.",
        "I had two previous attempts at the worksheet before it made sense.",
        "The note is written in my file, the therapist said.",
        "I cut my hair too short before the group, ha.",
        "Finished the shed and sanded the doors: behavioural activation works.",
    ],
)
def test_attempts_and_notes_in_ordinary_senses_are_not_flagged(text):
    assert assess_rules(text).level == "none"


@pytest.mark.parametrize("text", [
    "i feel like im a burdan to evryone and they would be beter of",
    "I want to kil myslef",
    # The gate's vocabulary is squeezed as the reading is: "pils" once missed "pills".
    "i hav the pils redy. i no wat i am doing.",
])
def test_the_reader_lets_in_a_risk_word_spelt_wrongly(text):
    from analysis.risk_learnt import may_speak

    # The gate reads the text as the rules do, typos corrected ("burdan" is "burden").
    assert may_speak(text)


def test_a_phrase_opened_by_a_quote_mark_is_still_read():
    # The anchor prefilter once looked for " end" and missed "'ending it'": the pattern was
    # never tried, so the comment was not flagged.
    assert assess_rules("My dad keeps talking about 'ending it' since mum died.").flag


def test_a_quoted_phq9_item_is_review_not_urgent():
    text = "The PHQ-9 asks about thoughts you'd be better off dead and I never know how to answer."
    assert assess_risk(text).level == "review"


def test_a_form_question_about_hurting_yourself_is_not_a_disclosure():
    text = "The form asked if I'd hurt myself, which felt intrusive."
    assert assess_risk(text).level == "none"


# --- Robustness and speed ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\t\r",
        "\x00\x01",
        "\ud800 lone surrogate",
        "İstanbul İİİ ß ΣΑΣ ﬁ",
        "😭😭😭 I want to die 😭",
        "a" * 200_000,
        "kill myself " * 5_000,
        "'''''' ---- !!!! .... ,,,,",
        "\u200bsu\u200bicidal",
        "1234567890 " * 100,
    ],
)
def test_never_raises(text):
    result = assess_risk(text)
    assert result.level in risk.LEVELS


def test_non_string_input_is_none_rather_than_an_error():
    assert assess_risk(None).level == "none"  # type: ignore[arg-type]


def test_every_pattern_match_contains_one_of_its_anchors():
    # The anchor prefilter must never hide a match: run every pattern unfiltered.
    for row in _rows():
        norm, _ = risk._correct(risk._normalise(risk._unleet(row["text"])))
        for _, _, anchors, pattern in risk._COMPILED:
            if next(risk._word_matches(pattern, norm), None) is not None:
                padded = risk._anchor_text(norm)
                assert any(a in padded for a in anchors), (pattern.pattern[:60], row["text"])


def test_fast_enough_for_every_save(cpu_ratio):
    # CPU time against a baseline over the same texts in the same run, never a wall-clock
    # bound. benchmarks/eval_risk_redact.py measures about 70x for the rules and about 600x
    # with the learnt reader; these loose bounds only catch a regression by an order of
    # magnitude.
    texts = [row["text"] for row in _rows()]
    assess_risk("warm up")  # the learnt reader trains on first use
    assert cpu_ratio(assess_rules, texts) <= 700
    assert cpu_ratio(assess_risk, texts) <= 6000


def test_the_anchor_prefilter_tries_few_patterns_on_each_comment():
    # What keeps the rules fast, counted rather than timed: most patterns are skipped by a
    # substring test before any regex runs (about 3% tried on ordinary feedback).
    rows = [r for r in _rows() if r["level"] == "none"]
    tried = [len(risk._patterns_to_try(risk._correct(risk._normalise(risk._unleet(r["text"])))[0]))
             for r in rows]
    assert sum(tried) / len(tried) <= 0.1 * len(risk._COMPILED)


# --- The evaluation set --------------------------------------------------------------------


def test_eval_set_is_large_and_balanced():
    rows = _rows()
    assert len(rows) >= 300
    share = sum(r["level"] != "none" for r in rows) / len(rows)
    assert 0.35 <= share <= 0.55
    assert {r["level"] for r in rows} == {"urgent", "review", "none"}


def test_eval_set_meets_the_recall_and_precision_targets():
    # The targets hold on every slice the rules were developed against, so a change that
    # breaks any of those rows fails here.
    bench = _load_benchmark()
    score = bench.score_risk(r for r in _rows() if r["split"] in bench.RULE_SLICES)
    precision, recall = score.flag()
    assert recall >= 0.98, score.confusion
    assert precision >= 0.75, score.confusion
    assert score.confusion["urgent", "none"] == 0


@pytest.mark.parametrize(("split", "size"), [("holdout11", 150), ("holdout12", 149)])
def test_untuned_held_out_slices_stay_at_their_measured_level(split, size):
    # holdout11 and holdout12 were each written by someone who had read neither the detector
    # nor any example, and are never trained on. Both stand at recall 0.947 (71 of 75) with
    # precision 0.866 and 0.922. They do NOT meet the 0.98 recall target; this floor only stops
    # them getting worse. How often each was looked at: BENCHMARKS.md, "Risk and redaction".
    bench = _load_benchmark()
    assert split in bench.UNTUNED
    score = bench.score_risk(r for r in _rows() if r["split"] == split)
    precision, recall = score.flag()
    # Counts only in messages: a sealed slice's rows are never printed.
    assert score.n == size
    assert recall >= 0.92, dict(score.confusion)
    assert precision >= 0.75, dict(score.confusion)


# --- The learnt reader ---------------------------------------------------------------------


def test_learnt_reader_flags_a_disclosure_no_rule_knows_with_the_sentence():
    # (Round 8's rules know "I wonder if anyone would notice if I ...", the example before.)
    text = "Some days I feel like I'm just taking up space. The car park is always full."
    assert risk.assess_rules(text).level == "none"
    found = assess_risk(text)
    assert found.level == "review"  # a prompt for a person; urgent only when the urgency
    # model is sure (test_a_learnt_flag_is_urgent_when_the_urgency_model_is_sure)
    assert found.learnt and not risk.assess_rules("I want to die").learnt
    assert found.reasons == ("Some days I feel like I'm just taking up space.",)
    assert assess_risk(text, learnt=False).level == "none"


def test_learnt_reason_never_carries_identifiers():
    text = ("Please ring me on 07700 900123. Most nights I sit in the car by the reservoir and "
            "wonder how deep the water is, my NHS number is 943 476 5919.")
    found = assess_risk(text)
    assert found.flag and found.learnt
    assert "07700" not in " ".join(found.reasons) and "5919" not in " ".join(found.reasons)
    assert "[NHS NUMBER]" in found.reasons[0]


@pytest.mark.parametrize("text", [
    "I'm a Black man and I want to see someone who looks like me. It's about trust.",
    "I've learnt skills I'm still using months later.",
    "The receptionist was friendly and the room was warm.",
    "I wish the sessions had been in the evening so I didn't miss work.",
    "I felt really low during the winter but the group helped me get out of the house.",
    "Can't think of any", "I don't think so", "Nothing", "n/a",
])
def test_learnt_reader_leaves_ordinary_and_contentless_feedback_alone(text):
    assert assess_risk(text).level == "none"


def test_learnt_models_never_lower_or_reword_what_the_rules_decided():
    for row in _rows():
        rules = risk.assess_rules(row["text"])
        if rules.flag:
            found = assess_risk(row["text"])
            assert (found.reasons, found.learnt) == (rules.reasons, False)
            if found.level != rules.level:
                # Only a plain review (no context cue) may be raised, by the urgency model.
                assert (rules.level, found.level) == ("review", "urgent")
                assert risk._rules_in_context(row["text"])[2]


@pytest.mark.parametrize("text", [
    "I'm not going to kill myself",  # negation lowered it: the rules' judgement stands
    "I used to self-harm as a teenager",  # history
    "My son said he wants to die",  # another person
])
def test_the_urgency_model_never_raises_a_level_a_context_cue_lowered(text):
    assert not risk._rules_in_context(text)[2]
    assert assess_risk(text).level == "review"


def test_the_urgency_model_may_raise_a_plain_review_from_the_rules(monkeypatch):
    from analysis import risk_learnt

    text = "I feel like a burden to everyone."
    assert risk._rules_in_context(text) == (assess_rules(text), True, True)
    assert assess_rules(text).level == "review"
    monkeypatch.setattr(risk_learnt, "is_urgent", lambda text: True)
    assert assess_risk(text) == RiskAssessment("urgent", assess_rules(text).reasons)


def test_learnt_reader_never_trains_on_the_untouched_slice():
    from analysis.risk_learnt import training_set

    texts, labels = training_set()
    held_out = {r["text"] for r in _rows() if r["split"] == "holdout11"}
    # holdout12 to holdout21, holdout22 (sealed for the next round), situations17 and the style
    # slice are evaluation slices (BENCHMARKS.md): never trained on either.
    for name, size in (("risk_holdout12.csv", 149), ("risk_holdout13.csv", 150),
                       ("risk_holdout14.csv", 150), ("risk_holdout15.csv", 150),
                       ("risk_holdout16.csv", 150), ("risk_holdout17.csv", 150),
                       ("risk_holdout18.csv", 150), ("risk_holdout19.csv", 150),
                       ("risk_holdout20.csv", 148), ("risk_holdout21.csv", 149),
                       ("risk_holdout22.csv", 150),
                       ("risk_situations17.csv", 597),
                       ("risk_style.csv", 339)):
        with (ROOT / "tests" / "data" / name).open(newline="", encoding="utf-8") as f:
            sealed = {r["text"] for r in csv.DictReader(f)}
        # Counts only: an assertion message must never print a sealed row.
        assert (name, len(sealed), len(sealed & set(texts))) == (name, size, 0)
    assert held_out and not held_out & set(texts)
    assert 0 < sum(labels) < len(labels)


@pytest.mark.slow
def test_learnt_reader_adds_flags_to_a_few_in_a_hundred_real_comments():
    bench = _load_benchmark()
    comments = bench.real_fft_comments()
    if not comments:
        pytest.skip("FFT v6 data not available")
    rules = sum(risk.assess_rules(t).flag for t in comments)
    both = sum(assess_risk(t).flag for t in comments)
    # Its two thresholds are set to add flags to 3% and 0.6% of these comments
    # (analysis.risk_learnt.FLAG_SHARE and STRICT_SHARE; see BENCHMARKS.md): it must stay a
    # small addition to the attention queue, not a flood.
    assert (both - rules) / len(comments) <= 0.04


def test_a_disclosure_in_one_sentence_of_a_long_comment_is_not_diluted():
    from analysis import risk_learnt

    text = ("The parking at the clinic was awful and the letters always came late. The "
            "receptionist was kind and the room was warm. My therapist explained the thought "
            "records well and the workbook was clear. I would have liked evening appointments "
            "because of work. Most nights I sit in the car by the reservoir and wonder how deep "
            "the water is. The questionnaires every week felt like a chore and the online "
            "booking system kept logging me out. Please send text reminders as well as letters.")
    assert risk.assess_rules(text).level == "none"
    # Read whole, the comment is mostly about parking and forms and scores low; its one
    # disclosure, read alone, does not.
    assert risk_learnt.learnt_scores([text])[0] < risk_learnt.THRESHOLD
    found = assess_risk(text)
    assert found.level == "review" and found.learnt
    assert found.reasons == ("Most nights I sit in the car by the reservoir and wonder how "
                             "deep the water is.",)


def test_the_reader_reads_comments_without_risk_words_only_at_its_stricter_threshold():
    from analysis.risk_learnt import STRICT_THRESHOLD, THRESHOLD, threshold_for

    assert STRICT_THRESHOLD > THRESHOLD
    assert threshold_for("Most nights I sit by the reservoir and wonder how deep it is.") \
        == THRESHOLD
    # No word of the vocabulary of risk: read, but it must be much surer.
    assert threshold_for("The receptionist was friendly and the room was warm.") \
        == STRICT_THRESHOLD
    # A risk phrase the rules judged harmless in context (a form's question): the same.
    assert threshold_for("The form asked if I'd hurt myself, which felt intrusive.") \
        == STRICT_THRESHOLD
    # Flagged by the rules, or nothing said: not read at all.
    assert threshold_for("I want to die") is None
    assert threshold_for("Nothing") is None


@pytest.mark.parametrize("text", [
    "Needing it all in writing would help.",
    "I keep needing it explained again.",
    "It was a good deed by the receptionist.",
])
def test_real_words_are_not_corrected_into_risk_words(text):
    # "needing" is squeezed to "neding", one swap from "ending": it was read as "ending it
    # all" and flagged urgent.
    assert assess_rules(text).level == "none"


@pytest.mark.parametrize("text, level", [
    ("Sorry to write this here. I took about 30 paracetamol two hours ago.", "urgent"),
    ("ive taken a load of my tablets and im scared", "urgent"),
    # "my nan's" reads as a third party, which lowers the level; still flagged.
    ("im in the toilets at school and ive taken a load of my nans tablets", "review"),
    ("I'm writing this in the car park because I've taken too many and I'm scared.", "urgent"),
    ("I've been holding a knife to my wrist most nights.", "urgent"),
    ("I'm not ringing the crisis line because I don't want them to stop me.", "urgent"),
    ("I'm planning to leave this world after my son's birthday.", "urgent"),
    ("I've decided this weekend is the end for me.", "urgent"),
    ("I have a plan and I'll carry it out before my appointment comes.", "urgent"),
    ("Last night I climbed over the railing on the pier.", "urgent"),
    ("I put my hands round my girlfriend's neck on Saturday.", "urgent"),
    ("Last night he held my head under the bath water.", "urgent"),
    ("I know his new address and I'm going round there this weekend with a knife.", "urgent"),
    ("i wont be needing anything after tonight x", "urgent"),
    ("I have a plan for Friday.", "review"),
    ("I have the rope in my room.", "review"),
    ("I stood on the railway bridge for an hour last night.", "review"),
    ("Goodbye and sorry everyone.", "review"),
])
def test_round_four_disclosures_said_plainly(text, level):
    assert assess_rules(text).level == level


@pytest.mark.parametrize("text", [
    "We made a plan for Friday to go swimming.",
    "I have a plan for Friday: the gym.",
    "I took my tablets this morning.",
    "I've taken too many days off work.",
    "I realised at 3 am I had not taken 10 pm medication.",
    "I took a lot of notes in the sessions.",
    "The therapist and I set a date for my return to work.",
    "Going to the river tonight with friends for a picnic.",
])
def test_round_four_look_alikes_are_not_flagged(text):
    assert assess_rules(text).level == "none"


@pytest.mark.parametrize("text", [
    "How many of my sertraline would it take? Asking for real.",
    "ngl i took like half the packet after school. feel sick",
    "I called the crisis line and it rang out. I'm still on the roof.",
])
def test_round_five_disclosures_are_urgent(text):
    assert assess_rules(text).level == "urgent"


@pytest.mark.parametrize("text", [
    "I took half the packet of biscuits in one sitting, stress eating.",
    "How many tablets do I take a day? The leaflet was unclear.",
    "I was on the roof of the shed fixing it when they rang.",
    "Im on the roof terrace with friends most Fridays now.",
])
def test_round_five_look_alikes_are_not_flagged(text):
    assert assess_rules(text).level == "none"


def test_each_sentence_is_held_to_the_threshold_of_its_own_words():
    from analysis.risk_learnt import learnt_scores, read_comment

    # No piece uses a word of the vocabulary of risk: all are held to the strict threshold.
    ordinary, strict, _ = read_comment("My therapist was kind. The car park was full.")
    assert ordinary == -1 and strict >= 0
    # The comment whole and its first sentence use one ("river"); the second sentence does not,
    # so it can raise the comment only at the strict threshold, not because of the river.
    text = "I sat by the river for hours. The car park was full."
    ordinary, strict, _ = read_comment(text)
    whole, river, car_park = learnt_scores([text, "I sat by the river for hours.",
                                            "The car park was full."])
    assert ordinary == pytest.approx(max(whole, river))
    assert strict == pytest.approx(car_park)
    # A risk phrase the rules judged harmless: every piece is held to the strict threshold.
    assert read_comment(text, phrase_seen=True)[0] == -1


def test_the_reason_shown_is_a_sentence_that_reached_its_own_threshold(monkeypatch):
    import numpy as np

    from analysis import risk_learnt

    # A plain sentence that scores highest but below the strict threshold must not be shown
    # as the reason when another sentence, with a risk word, is what reached its threshold.
    scores = {"I sat by the river for hours.": 0.6, "The car park was full.": 0.7}
    monkeypatch.setattr(risk_learnt, "THRESHOLD", 0.5)
    monkeypatch.setattr(risk_learnt, "STRICT_THRESHOLD", 0.8)
    monkeypatch.setattr(risk_learnt, "learnt_scores",
                        lambda texts: np.array([scores.get(t, 0.1) for t in texts]))
    text = "I sat by the river for hours. The car park was full."
    assert risk_learnt.flags(text) == "I sat by the river for hours."


@pytest.mark.parametrize("text", [
    "Tried to hang a picture in the new flat and nearly took my thumb off with the hammer.",
    "I was trying to hang the curtains when the letter came.",
])
def test_hanging_a_picture_is_not_a_method(text):
    # Both were urgent: "tried to hang" with no object is a method, with one it is DIY.
    assert assess_rules(text).level == "none"
    assert assess_rules("I tried to hang myself last week.").level == "urgent"


@pytest.mark.parametrize("text", [
    "My team lost 5-0 on Saturday, I wanted to die lol.",
    "When they said another 12 weeks I wanted to die haha",
    # Later in the same sentence (round 7: these two were urgent until then).
    "The hold music would make anyone want to jump off a bridge (joke!! but please change it)",
    "I want to jump off a bridge after that call, haha",
])
def test_a_laugh_after_the_phrase_lowers_it_to_review_never_to_none(text):
    # Urgent before; a laugh may hide something, so the flag stays.
    assert assess_rules(text).level == "review"
    assert assess_rules("I wanted to die lollipops were all they had.").level == "urgent"


@pytest.mark.parametrize("text", [
    "I want to die, the waiting list is a joke",
    "I want to die and I'm not kidding",
    "I want to die (not a joke)",
])
def test_a_complaint_about_a_joke_is_not_a_laugh(text):
    assert assess_rules(text).level == "urgent"


def test_anger_at_whoever_designed_a_form_is_review_not_urgent():
    # Urgent before; anger at whoever hurt someone the writer knows stays urgent.
    assert assess_rules("I want to kill whoever designed this form, it's so long").level == "review"
    assert assess_rules("I want to kill whoever hurt my daughter").level == "urgent"


@pytest.mark.parametrize(("text", "level"), [
    # Round 7, from holdout18's two misses (no word of risk in either): none before.
    ("I'm writing this from a hotel room. I booked it so my family wouldn't be the ones to "
     "find me.", "urgent"),
    ("so the kids won't find me", "urgent"),
    ("The waiting list is so long and honestly I don't know how much longer I can keep doing "
     "this.", "review"),
    ("dont know how much longer i can cope", "review"),
    ("I can't keep doing this.", "review"),
    ("I just want to go somewhere where nobody will find me", "review"),
    # Their look-alikes stay unflagged.
    ("I don't know how much longer I can wait for an appointment", "none"),
    ("I can't keep going to appointments at 9am", "none"),
    ("Nobody could find me an appointment for weeks", "none"),
    ("The receptionist was the first one to find me a slot", "none"),
])
def test_being_found_and_endurance_running_out(text, level):
    assert assess_rules(text).level == level


def test_a_risk_word_inside_an_idiom_does_not_let_the_reader_in():
    # The reader flagged this at the ordinary threshold because of "dying"; the rules already
    # read "dying to" as an idiom.
    from analysis import risk_learnt

    assert not risk_learnt.may_speak(
        "I'm dying to know when my next appointment is, nobody has told me anything.")
    assert risk_learnt.may_speak("I'm dying to know if this will ever end, I want to die")


def test_a_learnt_flag_is_urgent_when_the_urgency_model_is_sure():
    # Every learnt flag was review before; most on the slices never trained on were written
    # as urgent (BENCHMARKS.md, round 7).
    method = assess_risk(
        "Most nights I sit in the car by the reservoir and wonder how deep the water is.")
    softer = assess_risk("Some days I feel like I'm just taking up space.")
    assert (method.level, method.learnt) == ("urgent", True)
    assert (softer.level, softer.learnt) == ("review", True)


def test_the_rules_judgement_of_a_harmless_phrase_keeps_a_learnt_flag_at_review(monkeypatch):
    from analysis import risk_learnt

    # "the leaflet on self-harm": the rules saw the phrase and judged it harmless, so the
    # reader may still flag the comment (at its strict threshold) but never as urgent.
    monkeypatch.setattr(risk_learnt, "flags", lambda text, phrase_seen=False: text)
    monkeypatch.setattr(risk_learnt, "is_urgent", lambda text: True)
    text = "The leaflet on self-harm was out of date."
    assert risk._rules(text) == (RiskAssessment("none"), True)
    assert assess_risk(text).level == "review"
    assert assess_risk("My evenings are hard.").level == "urgent"


def test_ordinary_example_feedback_is_never_a_learnt_urgent_flag():
    from analysis.risk_learnt import feedback_examples

    urgent = [text for section, _, text in feedback_examples()
              if section != "risk" and assess_risk(text).level == "urgent"]
    assert urgent == []


@pytest.mark.slow
def test_the_urgency_model_makes_few_real_comments_urgent():
    bench = _load_benchmark()
    comments = bench.real_fft_comments()
    if not comments:
        pytest.skip("FFT v6 data not available")
    urgent = sum(a.learnt and a.level == "urgent" for a in map(assess_risk, comments))
    # URGENT_THRESHOLD is set so that 0.1% of these comments are learnt urgent flags
    # (analysis.risk_learnt.URGENT_SHARE): the top of the queue must stay for real urgency.
    assert urgent / len(comments) <= 0.002


@pytest.mark.parametrize(("text", "level"), [
    # Round 8, from holdout19's false urgent flags: a comparison ("rather ... than") with
    # something ordinary is hyperbole, a question whether a medicine is safe with a drink asks
    # for advice. Review at most (recall first); urgent before.
    ("I'm not a fan of groups, I'd rather jump off a cliff than share in front of strangers!",
     "review"),
    ("Can I drink alcohol while on sertraline? My GP said ask the therapist.", "review"),
    ("Is it safe to have a glass of wine with my citalopram?", "review"),
    # What they are not: the same phrases meant, or compared with going on living.
    ("I'd rather jump off a cliff than live another year like this.", "urgent"),
    ("I'd rather be dead than carry on like this.", "urgent"),
    ("I've been drinking vodka with my sertraline to knock myself out.", "urgent"),
    ("I want to jump off a cliff.", "urgent"),
])
def test_hyperbole_by_comparison_and_medicine_questions_are_not_urgent(text, level):
    assert assess_rules(text).level == level


@pytest.mark.parametrize("text", [
    # Round 8, from holdout19's urgent rows the rules missed (review or none before).
    "Anything else? Yes. I've chosen the bridge and the date. The therapist told me to keep "
    "safe but it's a bit late for that.",
    "I've picked the spot and the day.",
    "Don't worry, I won't do anything daft before New Year. I've got it all worked out for "
    "once the grandkids have gone home.",
    "Counted out what's in the cupboard and it's more than enough.",
])
def test_round_eight_plans_are_urgent(text):
    assert assess_rules(text).level == "urgent"


@pytest.mark.parametrize("text", [
    # Their look-alikes: ordinary plans and promises.
    "I've chosen the date for my first group session.",
    "We picked the spot for the new waiting room chairs.",
    "I won't do anything daft, I promise, I'm safe.",
    "I counted out my tablets for the week, it's more than enough until my GP review.",
])
def test_round_eight_look_alikes_are_not_urgent(text):
    assert assess_risk(text).level != "urgent"


def test_a_blind_hanging_off_its_bracket_is_read_at_the_strict_threshold():
    # "hanging off" is an idiom now, so "hanging" alone no longer lets the reader in at its
    # ordinary threshold.
    from analysis import risk_learnt

    assert not risk_learnt.may_speak("The blind in room 3 is hanging off its bracket.")
    assert risk_learnt.may_speak("I keep thinking about hanging myself.")


@pytest.mark.parametrize(("text", "level"), [
    # Round 8, after holdout20's one scoring: someone else in danger now is urgent (review
    # before); the same person's risk told without anything happening now stays review.
    ("My flatmate took an overdose about 20 minutes ago and says she doesnt want an ambulance.",
     "urgent"),
    ("Wife says she is going to drive into the river with our baby in the car. She's taken the "
     "keys and left. Please send someone.", "urgent"),
    ("My son told me he's going to jump off the bridge and he's not answering his phone now.",
     "urgent"),
    ("My best mate keeps talking about ending it and I don't know what to do.", "review"),
    ("My son has started cutting himself and CAMHS have a 9 month wait.", "review"),
])
def test_someone_else_in_danger_now_is_urgent(text, level):
    assert assess_rules(text).level == level


@pytest.mark.parametrize(("text", "level"), [
    # Round 8, from holdout20's misses (none before): testing a ligature point, a plan for a
    # day when nobody is home, affairs sorted and letters written, wondering who would miss
    # you, not knowing how long you can keep it together.
    ("I've tied the knot and tested the beam in the loft.", "urgent"),
    ("I'm planning to do it on Friday when my flatmate's away.", "urgent"),
    ("I won't be around for the next session. I've sorted my affairs and written letters to "
     "my kids.", "urgent"),
    ("I've sorted my affairs.", "review"),
    ("I kept wondering whether anyone would really miss me.", "review"),
    ("I'm hanging on by a thread, not sure how long I can keep it together.", "review"),
    # Look-alikes.
    ("The surveyor said the beam in the loft is fine.", "none"),
    ("We wrote letters to our future selves as homework, which felt silly but helped.", "none"),
    ("I'm planning to do it on Friday when the kids are at school, the homework I mean.", "none"),
    ("I wondered whether anyone would miss me from the group if I swapped to evenings.", "none"),
])
def test_round_eight_preparations_and_passive_wishes(text, level):
    assert assess_rules(text).level == level


def test_relief_that_comes_from_the_preparations_is_not_recovery():
    # "much better now" reads as recovery, but not when what brought the relief follows
    # ("... now that I've sorted my affairs"): in style12 this row was urgent before round 8
    # and review after it, until this.
    text = ("Feel so much better now that I've sorted my affairs. Will's done, the dog's going to "
            "my sister. Thanks for trying with me.")
    assert risk._rules_in_context(text)[2]  # a plain review, which the urgency model may raise
    assert assess_rules("I cut myself after my divorce and I'm much better now.").level == "review"


@pytest.mark.parametrize(("text", "level"), [
    # Round 8: overdoses a writer attends at work (in holdout19 and holdout20 both) were
    # urgent; they are other people's, so review at most, as other people's risk is.
    ("I'm a paramedic and attend overdoses regularly. The trauma-focused CBT helped me.",
     "review"),
    ("I was a paramedic for 20 years and CBT helped me process the calls I went to, including "
     "a lot of overdoses.", "review"),
    # The writer's own overdoses stay urgent, whatever their job.
    ("I'm a nurse and I've taken two overdoses since Christmas.", "urgent"),
    ("I keep thinking about an overdose.", "urgent"),
])
def test_overdoses_attended_at_work_are_not_the_writers(text, level):
    assert assess_rules(text).level == level


def test_a_sealed_slice_is_scored_without_printing_a_row(tmp_path, capsys):
    bench = _load_benchmark()
    rows = [("I want to end my life tonight", "urgent"), ("The receptionist was lovely", "none"),
            ("My evenings are hard", "review")]
    path = tmp_path / "sealed.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "level", "split"])
        writer.writerows((text, level, "sealed") for text, level in rows)
    bench.report_sealed(path)
    out = capsys.readouterr().out
    assert "3 rows, 1 none, 1 review, 1 urgent" in out
    assert "rules + learnt reader" in out and "misses by kind" in out
    assert not any(text.lower() in out.lower() for text, _ in rows)
