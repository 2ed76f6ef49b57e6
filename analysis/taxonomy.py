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

__all__ = [
    "IAPT_TAXONOMY",
    "MATCH_MARGIN",
    "MATCH_NEIGHBOURS",
    "MATCH_THRESHOLD",
    "OTHER_MARGIN",
    "OTHER_TOPICS",
    "ThemeDefinition",
    "get_taxonomy",
]


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
        "waiting times",
        "months on the waiting list",
        "nothing in the meantime",
        "left in limbo",
        "The gap between my assessment and my first session was nearly six months.",
        "I was told the wait for CBT was 30 weeks and I didn't know how I'd cope.",
        "Nobody contacted me at all while I was on the list, not a letter, not a call.",
        "I kept phoning to make sure they hadn't lost my referral.",
        "The waiting was the hardest part, I felt abandoned after asking for help.",
        "By the time therapy started I'd had to take months off sick.",
        "There should be some support between being referred and starting treatment.",
        "It took from spring to winter to get my first session.",
        "Waited so long I'd almost forgotten I'd been referred.",
        "My mental health went downhill fast while I was waiting to be seen.",
        "The only thing I got while waiting was a text saying I was still on the list.",
        "Waiting half a year for help when you're desperate is cruel.",
        "I had a crisis during the wait and ended up at the GP in tears.",
        "even a short call every few weeks during the wait would have helped",
        "I waited so long for high intensity CBT that I nearly withdrew.",
        "How can people be expected to wait this long when they're struggling?",
        "Struggled on my own for months before anyone got in touch.",
        "The delay before starting meant things got much worse at home.",
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
        "questionnaire",
        "questionnaires every session",
        "outcome measures",
        "my scores",
        "PHQ-9 and GAD-7 questionnaires",
        "Doing the PHQ-9 every week started to feel pointless.",
        "The GAD-7 questions every session made me dwell on how anxious I was.",
        "I was asked to fill in the PHQ9 and GAD7 on the phone before we could start talking.",
        "The WSAS form asks about work and I'm not working, so it made me feel worse.",
        "The weekly questionnaire asks about wanting to hurt yourself and it upset me each time.",
        "The form filling took up a big chunk of each half hour session.",
        "The whole thing seemed geared to getting my totals to drop.",
        "I was scared that improving on paper would mean losing my therapist.",
        "My scores were too high for step 2 so I was moved, and nobody explained why.",
        "I sometimes fudged my answers on the questionnaires.",
        "Filling out the mood survey on the portal before every appointment was a faff.",
        "Less paperwork and more time to actually talk, please.",
        "Being reduced to a score out of 27 felt cold.",
        "Could the forms be done monthly instead of every single time?",
        "The mood questionnaires felt like a test I could fail.",
        "The measures dominated the sessions.",
        "I didn't see the point of the scores, they never reflected how I really was.",
        "A bad week meant a high score and then panic about being referred on.",
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
        "CBT",
        "counselling instead",
        "thought diaries",
        "homework between sessions",
        "talking therapy that goes deeper",
        "I had a lot to unpack about my past and worksheets couldn't do that.",
        "CBT felt like a formula that didn't fit my life.",
        "I never kept up with the between-session tasks and it made me feel useless.",
        "I wanted counselling for my bereavement but only CBT was available.",
        "EMDR was what I needed for my trauma and I had to pay for it privately.",
        "Challenging my thoughts doesn't change the fact that my situation is awful.",
        "It was too formulaic, like working through a manual.",
        "I'd have liked a therapy where I could explore my past.",
        "Coping strategies aren't enough when you need to process trauma.",
        "Please offer more than one type of therapy, CBT doesn't suit everyone.",
        "CBT helped a little but I really needed something longer and more in depth.",
        "The diaries and worksheets weren't for me, I just wanted to talk.",
        "Being told my thinking was distorted felt invalidating.",
        "Psychotherapy or counselling should be on offer too.",
        "The sessions followed a script whatever I brought.",
        "Not everything can be fixed by changing how you think.",
        "I would like to have been offered IPT or counselling for depression.",
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
        "more sessions",
        "six sessions",
        "number of sessions",
        "discharged",
        "the course ended",
        "We'd only just built up trust when the sessions ran out.",
        "Therapy finished before I was ready and I felt dropped.",
        "They stuck rigidly to the session count although I was nowhere near well.",
        "Only a handful of appointments for something I've had for years.",
        "I asked to extend and was told it wasn't possible.",
        "It ended so suddenly that I felt let down.",
        "Another handful of appointments to practise the techniques would have helped.",
        "The sessions were too short, 30 minutes flew by.",
        "Hitting the session limit seemed to be the goal, not recovery.",
        "No follow up at all once the sessions stopped.",
        "A catch-up appointment three months on would be a good idea.",
        "They closed my case straight after the last session.",
        "I missed one appointment and was discharged, after months of waiting.",
        "Eight appointments barely scratched the surface.",
        "Just as it started to help, it stopped.",
        "I was signed off when I still needed support.",
        "Closing my case that fast left me wondering if I'd wasted their time.",
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
        "a therapist who speaks my language",
        "my culture",
        "my religion",
        "a female counsellor",
        "BSL interpreter",
        "I asked for a therapist of the same gender and they sorted it.",
        "There was no interpreter for my appointment so it was cancelled.",
        "I'd like a therapist who speaks Punjabi so I can say what I really mean.",
        "My English is not good and nobody offered me an interpreter.",
        "The therapist didn't understand my faith and kept suggesting things against it.",
        "As a black man I didn't feel the therapist understood my experience.",
        "The service didn't seem to understand Deaf culture.",
        "The therapist made assumptions about my family because of my culture.",
        "I'm trans and felt I spent the session educating the therapist.",
        "The team needs more diversity so people like me see someone like us.",
        "Having someone of my own faith made it easier to open up.",
        "I knew the interpreter's family, so I held back in sessions.",
        "Materials in other languages would help families like mine.",
        "Assumptions were made about me because of my accent and where I grew up.",
        "My therapist was very respectful of my religious beliefs.",
        "As an older person I felt the therapist couldn't relate to my generation.",
        "Being autistic, I felt the therapist didn't understand how I communicate.",
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
        "appointment times",
        "phone sessions",
        "video call",
        "in person sessions",
        "cancelled at short notice",
        "booking appointments",
        "Appointments were only in working hours so I had to take time off.",
        "I'd love evening or Saturday sessions.",
        "My phone appointment started late because the call came through after the time.",
        "I prefer seeing someone face to face rather than on the phone.",
        "Video sessions meant I didn't have to travel, which was brilliant.",
        "My appointment was cancelled twice with no warning.",
        "With a full house it was hard to talk privately on calls with my therapist.",
        "An email or text reminder before each appointment would help.",
        "I couldn't afford the bus fare to get to every session.",
        "It would be easier if I could book appointments online.",
        "The video link kept freezing and dropping out.",
        "The clinic is too far away for people without a car.",
        "The slot they gave me clashed with my shifts and there was no alternative.",
        "Flexible appointment times made it possible for me to attend.",
        "Nobody rang to say my therapist was off, I just waited by the phone.",
        "I was marked as not attending because the call never came.",
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
        "tell my story again",
        "passed between services",
        "too complex for the service",
        "referred back to my GP",
        "I had to repeat everything to a new person each time.",
        "Three separate people have assessed me and I am no nearer to treatment.",
        "My GP referred me and I was sent back to the GP.",
        "The secondary care team said I was too mild and talking therapies said I was too severe.",
        "Nobody had read my notes so I went through it all again.",
        "I was signposted to another service who said it wasn't for them either.",
        "They turned my referral down without explaining the reason.",
        "Each service says someone else should be helping me.",
        "The triage call asked all the same questions as my referral form.",
        "Describing the abuse at every new screening brought it all back.",
        "I changed therapist and had to explain my whole history from scratch.",
        "Why can't the GP and the service talk to each other?",
        "I was told I didn't fit the criteria for any service.",
        "My GP had to refer me over and over before I was accepted.",
        "I had to reassess before I could be stepped up.",
        "Being bounced between teams made me want to give up.",
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
        "online programme",
        "group course",
        "webinar",
        "self help workbook",
        "app",
        "The internet course had useful ideas but I missed a human voice.",
        "Meeting others in the group showed me other people feel this way too.",
        "I didn't feel comfortable sharing in the group.",
        "The webinar was just slides, nobody spoke to us.",
        "The workbook was clear and I still use the exercises.",
        "The online modules were too basic for me.",
        "I liked working through the programme at my own pace.",
        "The app was buggy and kept crashing.",
        "My practitioner reviewed my online modules every week, which kept me going.",
        "The stress workshop was packed and impersonal.",
        "Guided self help over the phone was more helpful than I expected.",
        "I'd have liked a group for people with the same problem as me.",
        "The course videos were patronising.",
        "The group sessions were well run and friendly.",
        "I couldn't do the online course because I don't have a computer.",
        "Reading the self help booklets on my own was hard when I was low.",
        "The sleep course helped more than I thought it would.",
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
        "my therapist",
        "my counsellor was lovely",
        "helped me so much",
        "made a real difference",
        "My therapist was kind and understanding throughout.",
        "I feel so much better, thank you to my counsellor.",
        "My practitioner took her time and was never impatient with me.",
        "I learned skills I use every day now.",
        "She helped me understand my anxiety and how to manage it.",
        "I've got my confidence back thanks to the service.",
        "Really supportive team, I felt listened to.",
        "The therapy was life changing.",
        "I'm so grateful for the help I received.",
        "My therapist was warm, professional and easy to talk to.",
        "The sessions gave me tools to cope with my panic.",
        "I felt at ease with her straight away.",
        "I'm back at work and enjoying life again.",
        "Thank you for helping me through a dark time.",
        "He made the ideas easy to understand.",
        "I would recommend this service to anyone.",
        "Excellent support from the first call to the last session.",
    ),
)

# How a sentence or comment is matched to these themes (``ThemeModel._score_seeded``). Its
# score for a theme is the mean cosine similarity of its MATCH_NEIGHBOURS most similar seeds of
# that theme: a comment about questionnaires sits close to the few seeds about questionnaires,
# not to the centre of everything that theme holds. It takes its best theme when the score is at
# least MATCH_THRESHOLD, beats the runner-up theme by MATCH_MARGIN (a sentence as close to
# several themes, such as "On time.", says nothing about any of them) and beats OTHER_TOPICS by
# OTHER_MARGIN. The four values were tuned together with the seeds on the even rows of
# tests/data/taxonomy_eval.csv, with the share of (non-Talking-Therapies) FFT comments the
# themes take as the guard; see BENCHMARKS.md.
MATCH_NEIGHBOURS = 3
MATCH_THRESHOLD = 0.5
MATCH_MARGIN = 0.06
OTHER_MARGIN = 0.05

#: Feedback about other NHS care, written for this project: a comment closer to these than to
#: a theme's seeds is left to discovery. It lets the themes compete with the hospital, GP,
#: emergency and everyday topics that share their words ("waiting", "group", "appointment").
OTHER_TOPICS: tuple[str, ...] = (
    "Parking at the hospital is a nightmare and far too expensive.",
    "I drove round the car park for half an hour looking for a space.",
    "The building was run down and the corridors smelt musty.",
    "The toilets were dirty and there was no soap.",
    "The signs to the department were confusing and I got lost.",
    "The heating was off and it was freezing in there.",
    "The chairs in the waiting area were hard and there were not enough of them.",
    "The vending machine was broken and the cafe was shut.",
    "No wheelchair access at the side entrance.",
    "The lift was broken so I had to struggle up the stairs.",
    "The food on the ward was cold and tasteless.",
    "There was no choice at mealtimes for someone who is diabetic.",
    "The nurses on the ward were run off their feet.",
    "The ward was noisy at night and I could not sleep.",
    "Visiting hours are too short for families who work.",
    "The ward was spotless and the cleaners worked hard.",
    "I rang the buzzer and nobody came for ages.",
    "The healthcare assistants helped me wash and dress with dignity.",
    "My bed sheets were not changed for three days.",
    "There was nothing to do on the ward all day, I was bored stiff.",
    "Discharge from the ward took all day waiting for medication from pharmacy.",
    "The doctors on the ward round did not explain my scan results.",
    "The ambulance took four hours to arrive for my elderly dad.",
    "The paramedics were calm and reassuring and got him to hospital quickly.",
    "The crew were brilliant with my mum after her fall.",
    "The 111 call handler asked lots of questions before sending help.",
    "Waited eight hours in A&E on a trolley.",
    "A&E was packed and there was nowhere to sit.",
    "The triage nurse in the emergency department was lovely.",
    "The patient transport driver was late picking me up for dialysis.",
    "The transport crew helped me into my house and made sure I was settled.",
    "The out of hours doctor rang back within the hour.",
    "Impossible to get a GP appointment, the phone line is always engaged at 8am.",
    "The receptionist at the surgery was rude and unhelpful.",
    "My repeat prescription was wrong again.",
    "The pharmacy ran out of my tablets.",
    "The chemist was very helpful explaining my new medicine.",
    "I can't find an NHS dentist taking on new patients.",
    "The physio gave me exercises for my knee and they worked.",
    "The blood test clinic was quick and painless.",
    "My operation was cancelled on the day because there were no beds.",
    "The surgeon explained the procedure clearly before my operation.",
    "The midwives on the maternity unit were amazing.",
    "The X-ray department was running two hours late.",
    "The hearing clinic sorted my hearing aids out quickly.",
    "The district nurses visit every day to change my dressing.",
    "The vaccination centre was well organised.",
    "The consultant rushed my outpatient appointment and did not look at me.",
    "My hospital letter arrived after the date of the appointment.",
    "The eye clinic kept me waiting for hours.",
    "My tablets make me drowsy.",
    "My medication has been changed again.",
    "I have had back pain for years.",
    "I broke my wrist and it was put in a cast.",
    "My employer has been supportive.",
    "Covid restrictions meant my family could not visit.",
    "The psychiatrist on the ward changed my medication.",
    "I was sectioned and spent three months on the ward.",
    "Leave from the ward was cancelled because there were not enough staff.",
    "The activities coordinator ran a baking group on the ward.",
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
