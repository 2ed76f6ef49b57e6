"""The built-in NHS Talking Therapies feedback taxonomy.

Nine themes that come up again and again in feedback from people who use NHS Talking Therapies
(formerly IAPT) services. Each theme carries a plain-English name and description for staff and
the public, and a set of seed comments that a theme engine can use to score new comments.

The seeds were written for this project in the voice of service users: short and long, British
spelling, the occasional typo and mixed feelings, plus a few key phrases. They are not taken from
any real feedback. The labelled evaluation set in ``tests/data/taxonomy_eval.csv`` was written
separately, in different words, so that it can measure how well seeds generalise.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IAPT_TAXONOMY", "ThemeDefinition", "get_taxonomy"]


@dataclass(frozen=True)
class ThemeDefinition:
    """One theme of a taxonomy.

    Parameters
    ----------
    key : str
        Stable identifier, lower case with underscores; stored in the database.
    name : str
        Plain-English name shown to staff and the public.
    description : str
        One or two plain sentences saying what belongs in the theme.
    seeds : tuple of str
        Example comments and key phrases that belong in the theme.
    """

    key: str
    name: str
    description: str
    seeds: tuple[str, ...]


WAITING_DISTRESS = ThemeDefinition(
    key="waiting_distress",
    name="Distress while waiting for therapy",
    description=(
        "People felt worse, unsupported or forgotten while on the waiting list for therapy. "
        "Includes long waits, no check-ins and no help offered in the meantime."
    ),
    seeds=(
        "waiting list",
        "long wait for therapy",
        "no support while waiting",
        "heard nothing for months",
        "got worse while I waited",
        "I was on the waiting list for 7 months and my mental health got much worse in that time.",
        "Nobody checked in on me while I was waiting. I felt completely forgotten about.",
        "The wait was far too long. By the time I was seen I had been signed off work.",
        "I waited nearly a year for step 3 and there was no support at all in between.",
        "After the assessment I heard nothing for 4 months, I had to chase them myself.",
        "It took so long to get help that I ended up in A&E twice while waiting.",
        "Being told the wait was 9 months when you are already struggling is devastating.",
        "I was left on my own with my thoughts for months, it was awful.",
        "Waiting times are shocking, I nearly gave up on the whole thing",
        "I rang to ask where I was on the list and was just told to be patient.",
        "Would have been nice to get even a phone call while i was waiting, anything really.",
        "My anxiety spiralled while I was on the waitng list and no one seemed to care.",
        "The therapy itself was good but the 6 month wait beforehand nearly broke me.",
        "I was given a leaflet and a crisis number and then nothing for half a year.",
        "I felt like I had to get worse before anyone would see me sooner.",
        "By the time my appointment came round I was in a much darker place than when I referred.",
        "The waiting list is too long, people are suffering while they wait.",
        "I self-referred in January and didn't start until September, far too long.",
        "No interim support at all, not even a check in call.",
        "They said they would contact me within a few weeks. It was five months.",
        "Lost my job while I was waiting for therapy to start.",
        "Had to go back to my GP twice because I was getting worse on the waiting list.",
        "While I was waiting I had suicidal thoughts and didnt know who to turn to.",
        "The long wait made me feel like my problems didn't matter.",
        "I understand services are stretched but a 40 week wait is not acceptable.",
        "Put on a waiting list for high intensity therapy and left there.",
        "It's hard to stay hopeful when you have no idea how long the wait will be.",
        "My son waited months to be seen and went downhill the whole time.",
        "Please give people something while they wait, even a group or a weekly call.",
    ),
)

MEASUREMENT_PRESSURE = ThemeDefinition(
    key="measurement_pressure",
    name="Pressure from questionnaires and scores",
    description=(
        "The burden of filling in PHQ-9, GAD-7, WSAS and other routine questionnaires, or "
        "feeling judged, rushed or discharged because of the scores."
    ),
    seeds=(
        "PHQ-9",
        "GAD-7",
        "too many questionnaires",
        "same questions every session",
        "judged by my scores",
        "Every single session started with the same questionnaires, it ate into my time.",
        "Filling in the PHQ9 and GAD7 every week felt like a box ticking exercise.",
        "I felt like my scores mattered more than how I was actually feeling.",
        "They discharged me because my scores went down but I was still struggling.",
        "Answering how often I'd thought I'd be better off dead every week was really upsetting.",
        "The questionnaires don't capture what's going on for me at all.",
        "I started giving the answers I thought they wanted just to get through them.",
        "Ten minutes of every session spent on forms, that's a sixth of my therapy.",
        "I was told I wasn't unwell enough for step 3 based on a questionnaire score.",
        "the forms every week were a bit much but I get why they need them",
        "Felt like a number not a person, it was all about the scores going down.",
        "I worried my scores would be too high and they'd refer me somewhere else.",
        "The work and social adjustment questions made me feel like a failure.",
        "Being asked to rate my mood out of 3 for each question felt so clinical.",
        "My therapist kept pointing at the graph of my scores instead of listening.",
        "Too much paperwork and questionnaires, not enough actual talking.",
        "I had to fill in the same online forms before every appointment and it stressed me out.",
        "The scores went up one week and I felt like I had failed therapy.",
        "Outcome measures every session felt more for their targets than for me.",
        "They said recovery was based on my scores dropping below a line, which felt arbitrary.",
        "The questionnaire at the start took ages and some questions were really intrusive.",
        "I didn't like having to tick boxes about my mood when I was already exhausted.",
        "I felt pressure to show improvement on the questionnaires.",
        "Could we not do the forms every other week rather than every time?",
        "Some of the questions on the mood forms didn't apply to me but I had to answer anyway.",
        "My scores said I'd recovered. I hadn't.",
        "routine outcome measures",
        "The phq and gad forms felt like they were more for the NHS than for me.",
        "Being scored on my anxiety every week made me more anxious, ironically.",
    ),
)

NON_CBT_WISH = ThemeDefinition(
    key="non_cbt_wish",
    name="Wanting a different kind of therapy",
    description=(
        "People wanted counselling, EMDR, psychodynamic therapy (DIT), ACT, IPT or longer-term "
        "therapy, or found CBT rigid, too structured or unsuited to their problems."
    ),
    seeds=(
        "wanted counselling not CBT",
        "CBT didn't work for me",
        "only CBT on offer",
        "EMDR",
        "psychodynamic therapy",
        "CBT felt too rigid and like homework, I needed someone to talk things through with.",
        "I asked for counselling and was told CBT was the only option available.",
        "CBT is fine for some people but it doesn't touch trauma like mine.",
        "I needed EMDR for my PTSD but they only offered trauma focused CBT.",
        "Thought records and worksheets just made me feel like I was doing it wrong.",
        "Would have liked more choice of therapy type, it felt like one size fits all.",
        "My problems go back to childhood, I don't think short CBT was ever going to fix that.",
        "I'd heard about ACT and would have liked to try it but it wasn't offered.",
        "The therapist was lovely but the CBT model just isn't for me.",
        "It felt like CBT was being pushed on me regardless of what I actually needed.",
        "I wanted to explore why I feel like this, not just challenge my thoughts.",
        "Interpersonal therapy would have suited me better as my issues are about relationships.",
        "Was offered dynamic interpersonal therapy after CBT failed and it was much better.",
        "Too structured. Every session was an agenda and homework, no room to just talk.",
        "I needed longer term psychotherapy, not a quick fix.",
        "Couples counselling would have helped more than individual CBT.",
        "I have autism and standard CBT didn't really work for the way my brain works.",
        "I was told to reframe my thoughts when what happened to me was genuinely awful.",
        "cbt was too clinical, felt like a maths lesson for feelings",
        "Counselling for depression would have been my choice if I'd been given one.",
        "They should offer more than just CBT, not everyone thinks in worksheets.",
        "I'd had CBT twice before and it didn't help, yet that's all they could offer again.",
        "It would be good to have person centred counselling as an option.",
        "The CBT approach felt a bit superficial for grief.",
        "Mindfulness and acceptance based therapy suited me far more than CBT ever did.",
        "I wanted to talk about my past but was told CBT focuses on the here and now.",
        "Challenging negative thoughts doesn't help when the negative thing is real.",
        "more choice of therapies",
        "Had to go private for EMDR in the end.",
    ),
)

SESSION_LIMITS = ThemeDefinition(
    key="session_limits",
    name="Too few sessions",
    description=(
        "Therapy ended too soon: too few sessions, fixed caps on the number of sessions, or "
        "being discharged before the person felt ready."
    ),
    seeds=(
        "not enough sessions",
        "only six sessions",
        "discharged too soon",
        "needed more sessions",
        "ended too early",
        "Six sessions just isn't enough to deal with years of problems.",
        "Just as I was starting to open up, we were on our last session.",
        "I was discharged before I felt ready and I went straight back to square one.",
        "The sessions were really helpful, I just wish there had been more of them.",
        "Twelve sessions went so fast, it felt like we'd barely started.",
        "I asked for a few more sessions and was told the limit was the limit.",
        "It took four sessions to build trust, then there were only two left.",
        "A couple of extra sessions to consolidate would have made all the difference.",
        "Felt like I was being rushed through a set number of appointments.",
        "Being discharged after 8 sessions when I was still struggling was hard.",
        "Great therapy but far too short. I needed longer.",
        "We ran out of time before we got to the real issues.",
        "There should be follow up sessions after you finish, a check in a month later.",
        "Step 2 was only 6 sessions of guided stuff, not enough for me at all.",
        "I was told I'd have to go back on the waiting list if I wanted more sessions.",
        "The cap on sessions feels like it's about money not about people getting better.",
        "No follow up after discharge, it just stopped.",
        "Ending therapy felt abrupt, I would have liked to taper off.",
        "I only got 5 sessions and was then signed off.",
        "Brilliant therapist, shame the number of sessions is so limited.",
        "more sessions please",
        "The course was too short to make lasting changes.",
        "I relapsed a few weeks after being discharged, it finished too soon.",
        "Would have benefitted from a few booster sessions.",
        "Rushed at the end to fit everything into the last session.",
        "I feel like I was just getting somewhere when they ended it.",
        "16 sessions sounds a lot but it really isnt for complex trauma.",
        "They discharged me because I missed one appointment, which felt harsh.",
    ),
)

CULTURAL_LANGUAGE_MATCHING = ThemeDefinition(
    key="cultural_language_matching",
    name="Culture, language and feeling understood",
    description=(
        "Being matched with a therapist of a preferred gender, culture, faith or language; "
        "interpreters and culturally adapted therapy; feeling misunderstood or discriminated "
        "against because of who you are."
    ),
    seeds=(
        "interpreter",
        "female therapist",
        "therapist who understands my culture",
        "culturally adapted therapy",
        "therapy in my own language",
        "I asked for a female therapist and was told I'd have to wait much longer for one.",
        "My therapist didn't understand my culture and I had to keep explaining things.",
        "Having an interpreter in the room made it hard to talk about personal things.",
        "It would have helped to see someone who speaks Urdu, my English isn't good enough.",
        "As a Muslim woman I needed someone who understood why some advice wasn't possible for me.",
        "I felt the therapist made assumptions about me because I'm black.",
        "There were no therapists from my background, I felt very alone in the room.",
        "The interpreter kept summarising what I said instead of translating properly.",
        "Being able to speak Polish with my therapist made all the difference.",
        "I'm gay and felt I had to explain basic things about my life every session.",
        "The worksheets were all in English and my mum couldn't use them.",
        "My therapist respected my faith and worked it into the sessions, which I really valued.",
        "I wanted a male therapist as I couldn't talk about what happened with a woman.",
        "The examples in the course were all very white middle class, hard to relate to.",
        "I didn't feel comfortable talking about my religion with the therapist.",
        "Please have more staff who speak community languages.",
        "They misgendered me repeatedly even after I corrected them.",
        "It felt like my family's way of doing things was seen as the problem.",
        "Culturally the therapy didn't fit me, the advice ignored my family situation.",
        "I felt judged for being a young mum from a council estate.",
        "There was no BSL interpreter available so my appointment was cancelled.",
        "The therapist understood my background and I didn't have to explain myself.",
        "Racism I experienced was brushed off as me overthinking.",
        "I'd like a therapist who is older, someone my age would understand me better.",
        "Language was a barrier, the telephone interpreter kept cutting out.",
        "Being neurodivergent, I felt misunderstood by the whole approach.",
        "I felt discriminated against",
        "matched with a therapist of my choice",
    ),
)

APPOINTMENT_ACCESS = ThemeDefinition(
    key="appointment_access",
    name="Appointment times, format and getting there",
    description=(
        "Appointment times (including evenings and weekends), phone, video or face-to-face "
        "sessions, travel to appointments, booking, rearranging and cancellations."
    ),
    seeds=(
        "evening appointments",
        "face to face",
        "telephone appointments",
        "video sessions",
        "cancelled appointment",
        "There were no evening appointments so I had to take time off work every week.",
        "I would have preferred face to face but everything was on the phone.",
        "Video calls worked really well for me as I couldn't get childcare.",
        "The clinic is two buses away and I don't drive, it took me over an hour each way.",
        "My appointment was cancelled the morning of with no explanation.",
        "Trying to rebook an appointment meant waiting on hold for ages.",
        "Weekend sessions would help people who work full time.",
        "Phone therapy felt impersonal, I couldn't read the therapist's reactions.",
        "The therapist called 20 minutes late which set me on edge for the whole session.",
        "I got a letter with an appointment time I couldn't make and no way to change it online.",
        "Being able to do sessions from home on Teams was great.",
        "They kept changing the day of my appointments which made it hard to plan.",
        "A text reminder the day before would be helpful.",
        "I live in a rural area and getting to the centre was really difficult.",
        "Only being offered daytime slots makes it really hard if you work shifts.",
        "The video link didn't work half the time and we had to switch to phone.",
        "Appointments were flexible and fitted round my work, which really helped.",
        "my sessions were moved three times in a row",
        "I found it hard to talk on the phone with my kids in the house.",
        "I asked to be seen in person and was told it's all remote now.",
        "Couldn't get through on the phone to cancel so was marked as did not attend.",
        "Sessions at 9am were impossible with the school run.",
        "Would like to be able to book and change appointments online.",
        "The therapist was off sick and no one let me know.",
        "Lunchtime appointments meant I could fit it around work.",
        "Travelling into town for each session cost me a lot in bus fares.",
        "I was told the only slot was a Tuesday at 2pm, take it or leave it.",
        "Early morning or after 5 would make it so much easier for working people.",
    ),
)

REPEATED_ASSESSMENT = ThemeDefinition(
    key="repeated_assessment",
    name="Assessed again and again",
    description=(
        "Being assessed repeatedly, having to retell the same story to different people, or "
        "being passed between services without getting help."
    ),
    seeds=(
        "assessed again",
        "repeat my story",
        "passed from pillar to post",
        "bounced between services",
        "another assessment",
        "I've had to tell my story to four different people now before getting any help.",
        "Every time I get referred I get another assessment and then nothing happens.",
        "Talking Therapies said I was too complex, the community team said I wasn't unwell enough.",
        "I was passed back and forth between my GP and the service for months.",
        "Going over my trauma again at each assessment was retraumatising.",
        "Why do I need another telephone assessment when I was assessed in March?",
        "Nobody read my notes, I had to start from the beginning every time.",
        "I fell between the gaps of services and no one would take responsibility.",
        "Referred to secondary care, assessed, sent back to IAPT, assessed again.",
        "After a screening call, a triage call and an assessment I still hadn't had therapy.",
        "It felt like I had to prove I was ill over and over again.",
        "Every new therapist wanted the whole history again from the start.",
        "Told I didn't meet the criteria, signposted to a charity, who signposted me back.",
        "Being bounced around the system made me feel like nobody wanted me.",
        "The assessment was the third one I'd had that year.",
        "The information from my first assessment never got passed on.",
        "My referral got lost and I had to self refer and be assessed all over again.",
        "I've been discharged and re-referred so many times I've lost count.",
        "Why can't services share information so you don't repeat everything?",
        "Told to see the perinatal team, who then said I should go back to talking therapies.",
        "Another 'initial assessment' - I have had more assessments than sessions.",
        "They keep signposting me elsewhere instead of helping.",
        "I had to explain my abuse to a stranger on the phone yet again.",
        "Going round in circles between services.",
        "the triage person asked all the same questions as the GP",
        "I was assessed and then told I was on the wrong pathway and needed assessing again.",
        "Retelling the same story again and again is exhausting.",
        "not suitable for the service",
    ),
)

DIGITAL_GROUP_OPTIONS = ThemeDefinition(
    key="digital_group_options",
    name="Online programmes, groups and guided self-help",
    description=(
        "Online courses and apps, group sessions and workshops, and guided self-help with "
        "workbooks or a practitioner, whether people liked them or not."
    ),
    seeds=(
        "online course",
        "group sessions",
        "guided self help",
        "workbook",
        "Silvercloud",
        "The online programme was easy to do in my own time, which suited me.",
        "I didn't want a group, I couldn't talk about my problems in front of strangers.",
        "The stress control course was really useful and it helped to know I wasn't alone.",
        "Guided self help with the workbook was too basic for where I was at.",
        "The online modules felt like reading a leaflet, no real support.",
        "I liked the group because other people understood what I was going through.",
        "The webinar had no cameras on so it felt like watching a lecture.",
        "The app kept logging me out and I gave up with it after a week.",
        "My practitioner checked in on my online work every fortnight which kept me going.",
        "Group therapy was offered as the only option which put me off.",
        "The sleep workshop gave me some practical tips that actually worked.",
        "Having the workbook to go back to after I finished has been really useful.",
        "Online CBT isn't for everyone, I needed to speak to a real person.",
        "I found the group too big, there were about 30 people on the call.",
        "Self help booklets are fine but I was past that stage.",
        "The digital course meant I could start straight away rather than wait.",
        "I wasn't confident with computers so the online option didn't work for me.",
        "The group facilitators were good at making everyone feel included.",
        "The course materials were repetitive and patronising.",
        "Doing it at my own pace online meant I could fit it round my job.",
        "I would have liked a peer support group after the course ended.",
        "Being in a group with people going through the same thing made me feel less weird.",
        "The computerised therapy was boring and I didnt finish it.",
        "Step 2 was just reading chapters and doing worksheets on my own.",
        "I'd recommend the online programme to anyone with mild anxiety.",
        "Group sessions felt rushed, everyone only got a few minutes to speak.",
        "The mindfulness course was lovely and I still use the recordings.",
        "psychoeducation group",
        "Wellbeing workshops",
    ),
)

STAFF_PRAISE = ThemeDefinition(
    key="staff_praise",
    name="Kind, skilled staff and therapy that helped",
    description=(
        "Praise for a kind, skilled or understanding therapist or practitioner, and therapy "
        "that made a real difference."
    ),
    seeds=(
        "my therapist was amazing",
        "really listened",
        "therapy changed my life",
        "felt understood",
        "would recommend",
        "My therapist was kind, patient and never made me feel judged. Thank you.",
        "I honestly don't think I'd be here without the support I got.",
        "She really listened and helped me make sense of what was going on in my head.",
        "The tools I learnt have helped me manage my panic attacks, I feel like me again.",
        "Fantastic practitioner, warm and knowledgable, explained everything clearly.",
        "I was sceptical at first but therapy has genuinely changed my life.",
        "I felt safe to talk about things I'd never told anyone.",
        "Thank you to Sarah who helped me through the hardest year of my life.",
        "My therapist went above and beyond, she even followed up with my GP for me.",
        "The whole team were friendly and professional from the first call.",
        "I came out of each session feeling lighter and more hopeful.",
        "He never rushed me and always made time for what I wanted to talk about.",
        "Would recommend to anyone who is struggling, it really works.",
        "I didn't think anything would help but my therapist proved me wrong.",
        "The sessions helped me get back to work after months off.",
        "Very supportive and understanding, I always felt heard.",
        "Really grateful for the help, I'm sleeping again and my anxiety is under control.",
        "My counsellor was so compassionate, I'll never forget her.",
        "Excellent service, I have recommended it to friends.",
        "The practitioner was skilled at gently challenging me when I needed it.",
        "I felt respected and listened to the whole way through.",
        "It helped me understand my depression and what keeps it going.",
        "Lovely therapist, helped loads. the wait was long though",
        "I can now go to the supermarket without panicking, thank you so much.",
        "Genuinely caring staff who treat you like a human being.",
        "The best thing I've done for myself in years.",
        "I feel like I've got my life back.",
        "Cant fault my therapist, she was brilliant",
    ),
)

IAPT_TAXONOMY: tuple[ThemeDefinition, ...] = (
    WAITING_DISTRESS,
    MEASUREMENT_PRESSURE,
    NON_CBT_WISH,
    SESSION_LIMITS,
    CULTURAL_LANGUAGE_MATCHING,
    APPOINTMENT_ACCESS,
    REPEATED_ASSESSMENT,
    DIGITAL_GROUP_OPTIONS,
    STAFF_PRAISE,
)

_TAXONOMIES: dict[str, tuple[ThemeDefinition, ...]] = {
    "iapt": IAPT_TAXONOMY,
    "none": (),
}


def get_taxonomy(name: str) -> tuple[ThemeDefinition, ...]:
    """Return a built-in taxonomy by name.

    Parameters
    ----------
    name : str
        ``"iapt"`` for the nine NHS Talking Therapies themes, ``"none"`` for no built-in
        themes (a service discovers its own).

    Returns
    -------
    tuple of ThemeDefinition

    Raises
    ------
    ValueError
        If ``name`` is not a known taxonomy.
    """
    try:
        return _TAXONOMIES[name]
    except KeyError:
        known = ", ".join(sorted(_TAXONOMIES))
        raise ValueError(f"Unknown taxonomy {name!r}; expected one of: {known}") from None
