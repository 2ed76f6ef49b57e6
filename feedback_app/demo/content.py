"""The demo's fixed cast: services, staff accounts, surveys, the patient panel and its meetings.

Everything here is fictional and was written for this project. Dates are given as a month index
into the demo's 18-month window (0 = the first month, 17 = the current month) and a day, so the
demo always ends in the month it is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from feedback_app.models import AccessNeed, MeetingKind, ParticipationLevel, RewardKind, Role

# Shared by every demo account and printed by `flask demo-logins`. Demo only: never use the demo
# accounts on a server that holds real feedback.
DEMO_PASSWORD = "cuppa-and-a-chat"  # noqa: S105 - published demo password, not a secret
DEMO_EMAIL_DOMAIN = "demo.yousaid.test"


@dataclass(frozen=True)
class DemoService:
    slug: str
    name: str
    description: str


RIVERSIDE = DemoService(
    slug="riverside-talking-therapies",
    name="Riverside NHS Talking Therapies",
    description=(
        "Talking therapies for adults across Riverside, from two sites: Millbrook Road Health "
        "Centre and the Eastgate Clinic, plus phone and video sessions. Step 2 guided self-help, "
        "online programmes and groups; step 3 CBT, counselling for depression, IPT and EMDR."
    ),
)
NORTHFIELD = DemoService(
    slug="northfield-talking-therapies",
    name="Northfield Talking Therapies",
    description="A small talking therapies team working from Northfield Medical Practice.",
)
SERVICES = (RIVERSIDE, NORTHFIELD)


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: Role
    services: tuple[str, ...]  # service slugs
    what: str  # said by `demo-logins`


USERS = (
    DemoUser(
        f"admin@{DEMO_EMAIL_DOMAIN}", "Demo Admin", Role.ADMIN, (), "admin: sees every service"
    ),
    DemoUser(
        f"lead@{DEMO_EMAIL_DOMAIN}",
        "Nadia Harrington",
        Role.LEAD,
        (RIVERSIDE.slug,),
        "service lead, Riverside NHS Talking Therapies",
    ),
    DemoUser(
        f"facilitator@{DEMO_EMAIL_DOMAIN}",
        "Owen Pereira",
        Role.FACILITATOR,
        (RIVERSIDE.slug,),
        "panel facilitator, Riverside NHS Talking Therapies",
    ),
    DemoUser(
        f"northfield.lead@{DEMO_EMAIL_DOMAIN}",
        "Bethan Rowe",
        Role.LEAD,
        (NORTHFIELD.slug,),
        "service lead, Northfield Talking Therapies only (shows that services are kept apart)",
    ),
)


@dataclass(frozen=True)
class DemoSurvey:
    service: str
    slug: str
    title: str
    intro: str
    status: str  # "draft", "published" or "closed"
    opens: int | None  # month index it was published (None for a draft)
    closes: int | None  # month index after which it took no responses
    peq: bool = True


SURVEYS = (
    DemoSurvey(
        RIVERSIDE.slug,
        "riverside-feedback-2025",
        "Tell us about your therapy (2025)",
        "Our first feedback survey. It is now closed: thank you to everyone who answered.",
        "closed",
        0,
        5,
        peq=False,
    ),
    DemoSurvey(
        RIVERSIDE.slug,
        "riverside-experience",
        "Your experience of Riverside NHS Talking Therapies",
        "It takes about 5 minutes. You do not need to give your name. Please do not write "
        "anything that could identify you or anyone else.",
        "published",
        6,
        None,
    ),
    DemoSurvey(
        RIVERSIDE.slug,
        "riverside-groups-workshops",
        "Groups and workshops: what did you think?",
        "For people who came to a stress control course or another group.",
        "draft",
        None,
        None,
    ),
    DemoSurvey(
        NORTHFIELD.slug,
        "northfield-experience",
        "Your experience of Northfield Talking Therapies",
        "Tell us how it went, so we can keep improving.",
        "published",
        0,
        None,
    ),
)

ANYTHING_ELSE = "Is there anything else you would like to tell us?"
SESSION_FORMAT = "How did you have most of your sessions?"
SESSION_FORMATS = ("Face to face", "Phone", "Video", "Online programme", "Group")


@dataclass(frozen=True)
class DemoMember:
    key: str
    display_name: str
    is_pseudonym: bool
    joined: tuple[int, int]  # (month index, day)
    reward: RewardKind
    access_needs: tuple[AccessNeed, ...] = ()
    interpreter_language: str | None = None
    access_notes: str = ""
    email: str | None = None
    phone: str | None = None
    left: tuple[int, int] | None = None
    quotes_consent: bool = False


PANEL_NAME = "Riverside service user panel"
PANEL_DESCRIPTION = (
    "People who have used Riverside NHS Talking Therapies and help us decide what to change. "
    "We meet every two months, in person at Millbrook Road or on video, and run focus groups "
    "on particular topics."
)

MEMBERS = (
    DemoMember(
        "rukhsana", "Rukhsana Begum", False, (0, 5), RewardKind.VOUCHER,
        (AccessNeed.INTERPRETER,), "Urdu",
        "Prefers a female interpreter. Mornings are hard because of the school run.",
        email="rukhsana.begum@example.com", quotes_consent=True,
    ),
    DemoMember(
        "tomasz", "Tomasz W.", False, (0, 5), RewardKind.PAYMENT,
        (AccessNeed.INTERPRETER, AccessNeed.REMOTE), "Polish",
        "Joins by video after his shift. Polish interpreter for longer discussions.",
        phone="07700 900318",
    ),
    DemoMember(
        "daisy", "Daisy", True, (0, 5), RewardKind.VOUCHER, (AccessNeed.EASY_READ,),
        access_notes="Easy Read agenda and papers a week before. Likes to sit near the door.",
        quotes_consent=True,
    ),
    DemoMember(
        "kwame", "Kwame Mensah", False, (0, 5), RewardKind.PAYMENT,
        email="kwame.mensah@example.com", phone="07700 900274", quotes_consent=True,
    ),
    DemoMember(
        "helen", "Helen", True, (0, 5), RewardKind.DECLINED, (AccessNeed.REMOTE,),
        access_notes="Always joins on video.",
    ),
    DemoMember(
        "gareth", "Gareth Lloyd", False, (1, 12), RewardKind.EXPENSES, (AccessNeed.STEP_FREE,),
        access_notes="Uses a wheelchair: ground-floor room at Millbrook Road.",
        email="gareth.lloyd@example.com",
    ),
    DemoMember(
        "sam", "Sam", True, (2, 3), RewardKind.VOUCHER, (AccessNeed.REMOTE,),
        access_notes="Pronouns they/them.", quotes_consent=True,
    ),
    DemoMember(
        "lesley", "Lesley Ward", False, (0, 5), RewardKind.PAYMENT, (AccessNeed.BSL,),
        access_notes="Deaf; BSL interpreter for every meeting, booked at least 3 weeks ahead.",
        email="lesley.ward@example.com",
    ),
    DemoMember(
        "priya", "Priya", True, (6, 20), RewardKind.PAYMENT, quotes_consent=True,
        email="priya.panel@example.com",
    ),
    DemoMember(
        "jo", "Jo", True, (0, 5), RewardKind.EXPENSES, (AccessNeed.LARGE_PRINT,),
        access_notes="Large print papers.", left=(11, 14),
    ),
)

# The member who left the panel withdrew consent on the day they left.
WITHDRAWN_NOTE = (
    "Asked to step back from the panel for personal reasons. Contact details deleted; what "
    "they said at past meetings stays, without their name."
)

# Involvement payments: the rate per hour in pence, the voucher value and typical bus fares.
PAYMENT_PENCE_PER_HOUR = 2000
VOUCHER_PENCE = 2500
EXPENSES_PENCE = (480, 640, 720)


@dataclass(frozen=True)
class DemoMeeting:
    kind: MeetingKind
    month: int
    day: int
    topic: str
    level: ParticipationLevel
    agenda: str
    notes: str
    hours: float
    # (member key or None for someone not named, what they said)
    contributions: tuple[tuple[str | None, str], ...] = field(default_factory=tuple)
    # A focus group the service ran itself, with people who are not on the panel.
    standalone: bool = False


PANEL, FOCUS = MeetingKind.PANEL_MEETING, MeetingKind.FOCUS_GROUP
INFORM, CONSULT = ParticipationLevel.INFORM, ParticipationLevel.CONSULT
INVOLVE, CO_PRODUCE = ParticipationLevel.INVOLVE, ParticipationLevel.CO_PRODUCE

MEETINGS = (
    DemoMeeting(
        PANEL, 0, 18, "Welcome, and what should we work on first?", CONSULT,
        "1. Welcome and introductions\n2. What the panel is for, and payment for your time\n"
        "3. What matters most to you about the service\n4. Agreeing our first three priorities",
        "First meeting. Priorities agreed: waiting times, letters and texts, choice of therapy.",
        2.0,
        (
            ("kwame", "The wait is the thing everybody talks about. I waited five months and "
                      "nobody rang me once. That's the first thing I'd fix."),
            ("rukhsana", "For women in my community the first problem is knowing the service "
                         "exists. Then it is finding someone who understands us."),
            ("daisy", "The letters are hard to read. Too many long words and I get scared "
                      "when I see the NHS logo."),
            ("helen", "I'd like us to look at what happens at the end of therapy. It stopped "
                      "very suddenly for me."),
            ("jo", "Evening appointments. I nearly lost my job over daytime sessions."),
            (None, "Someone asked whether anything we say will actually change things, or "
                   "whether this is a tick box."),
            ("lesley", "Deaf people need the service to book BSL interpreters properly. Mine "
                       "did not come twice."),
        ),
    ),
    DemoMeeting(
        PANEL, 2, 14, "What it is like to wait for therapy", CONSULT,
        "1. Actions from last time\n2. The waiting list: figures from the service\n"
        "3. Your experiences of waiting\n4. What would have helped while you waited?",
        "Service shared that the average wait for step 3 is 22 weeks. Strong feeling in the room.",
        2.0,
        (
            ("kwame", "While I was waiting I felt like I'd been put in a drawer. A phone call "
                      "every few weeks would have changed everything."),
            ("tomasz", "I didn't know if I was still on the list. I rang and they couldn't find "
                       "me at first. It was a very bad week."),
            ("helen", "I got worse while waiting, much worse. I went to my GP and she couldn't "
                      "speed anything up either."),
            ("daisy", "Nobody told me what to do while I waited. Just a leaflet."),
            ("sam", "Even a text saying 'you are still on our list, here is roughly how long' "
                    "would take away a lot of the fear."),
            ("gareth", "The waiting is worse than the illness some days, because you've said "
                       "out loud you need help and then nothing happens."),
            (None, "A member said they were close to giving up on the service while waiting "
                   "and only kept going because their partner pushed them."),
            ("jo", "Could people on the list go to a group while they wait? Anything to feel "
                   "like something is happening."),
        ),
    ),
    DemoMeeting(
        FOCUS, 3, 9, "Focus group: South Asian women's experiences of therapy", CONSULT,
        "Held at the Eastgate community centre with Urdu and Punjabi interpreters.\n"
        "1. How did you hear about the service?\n2. What made it easier or harder to take part?\n"
        "3. What would you change?",
        "Nine women came. Childcare provided. Two interpreters.",
        2.5,
        (
            ("rukhsana", "I needed a woman therapist. When I asked, they said it would take "
                         "longer. I waited, but many women would just not come back."),
            (None, "In our community people say depression is weakness or lack of faith. "
                   "The service should come to the mosque and the community centre to talk."),
            (None, "My therapist understood my faith and did not treat it as the problem. "
                   "That is why I stayed."),
            (None, "Having my daughter interpret was not right. She is seventeen. I could "
                   "not say everything in front of her."),
            (None, "The interpreter was a man from our area. I was worried he would tell "
                   "people. Please ask women which interpreter they want."),
            (None, "Worksheets in English only. I could speak to my therapist but I could not "
                   "do the homework."),
            (None, "The group for South Asian women was the best thing, we laughed and cried "
                   "together. But it was only six weeks."),
            (None, "Appointments after the school run and before pick up, that is the only "
                   "time I have."),
            (None, "I did not know you could ask for help for yourself without going to the "
                   "doctor."),
            (None, "When the therapist asked about my husband's family she looked shocked at "
                   "how many people live in our house. I felt judged."),
        ),
    ),
    DemoMeeting(
        PANEL, 4, 16, "Letters, texts and the waiting room", CONSULT,
        "1. Actions from last time\n2. Reading our appointment and discharge letters together\n"
        "3. Text reminders\n4. The waiting room at Millbrook Road",
        "Members rewrote the appointment letter in plain English. Photos of the waiting room "
        "shared.",
        2.0,
        (
            ("daisy", "The discharge letter says 'your episode of care is closed'. That "
                      "sounds like I'm a TV programme."),
            ("kwame", "The envelope says Mental Health Services on the front. My neighbour "
                      "picks up my post sometimes."),
            ("lesley", "Texts are good for deaf people. Phone calls are not. Please let us "
                       "choose text or email for everything."),
            ("gareth", "The waiting room chairs are too close together and there's nowhere to "
                       "park a wheelchair without blocking the door."),
            ("helen", "Text reminders the day before would save a lot of missed appointments. "
                      "I forgot one and got a scary letter."),
            ("sam", "The letters should use the name I gave, not the one on my GP record."),
            ("jo", "Big print letters please. The font is tiny."),
            (None, "A member said the waiting room TV is always too loud and on the news, "
                   "which is the last thing you want before therapy."),
        ),
    ),
    DemoMeeting(
        FOCUS, 6, 11, "Focus group: people who stopped therapy early", CONSULT,
        "By video and phone. For people who left therapy before the end or were discharged "
        "after missed sessions.\n1. What happened?\n2. What would have helped you stay?",
        "Seven people. Two joined by phone only.",
        1.5,
        (
            (None, "I stopped going because CBT felt like homework and I was already failing "
                   "at everything else. Nobody offered anything different."),
            (None, "I was discharged after two missed appointments. I missed them because I "
                   "couldn't get out of bed, which is why I was there."),
            (None, "Six sessions and then it was over. I didn't drop out, it dropped me."),
            (None, "I left because the sessions were at 10am and my manager said no more "
                   "time off."),
            (None, "I wanted counselling for my bereavement, not techniques. I stopped after "
                   "session three."),
            (None, "The questionnaires every week made me feel like I was being graded. When "
                   "my score didn't go down I felt I was wasting their time."),
            (None, "My therapist left halfway through and I was put back on the waiting list. "
                   "I just gave up."),
            (None, "I'd have stayed if I could have had video instead of going in. Anxiety "
                   "made the journey impossible some weeks."),
            (None, "A phone call after I missed a session, just asking if I was OK, would "
                   "have got me back."),
        ),
    ),
    DemoMeeting(
        PANEL, 7, 20, "Designing support while you wait", CO_PRODUCE,
        "Working session with the service lead and two PWPs.\n1. What the service can "
        "afford\n2. Designing a check-in call for people on the waiting list\n3. What should "
        "the call ask? Who makes it? How often?\n4. Writing the script together",
        "Panel and staff co-designed 'wellbeing check-in calls while you wait': a call every "
        "4 weeks from a PWP, a plain-English script, and a route to move someone up the list "
        "or to crisis support. Start planned for the spring.",
        3.0,
        (
            ("kwame", "The call has to be from a real person who can actually do something, "
                      "not just read a script and hang up."),
            ("helen", "Ask 'how are you doing compared to when you referred?' That's the "
                      "question that matters."),
            ("daisy", "Tell people when the call will come so they aren't scared by an "
                      "unknown number."),
            ("tomasz", "Offer it in other languages or with an interpreter, otherwise the "
                       "people who need it most will miss out."),
            ("lesley", "Deaf people need a text or video option for the check-in."),
            ("sam", "Every four weeks feels right. Every week would feel like being "
                    "checked up on."),
            ("gareth", "Give people an honest idea of how long is left on the wait. "
                       "Uncertainty is the worst bit."),
            ("rukhsana", "The person calling should say 'you have not been forgotten'. Those "
                         "words matter."),
            ("priya", "Make sure the script doesn't feel like another questionnaire."),
        ),
    ),
    DemoMeeting(
        PANEL, 9, 15, "Questionnaires in sessions: how do they feel?", INVOLVE,
        "1. Why the service uses the PHQ-9 and GAD-7\n2. How it feels to fill them in every "
        "session\n3. Options: how often, who sees the scores, how they are talked about",
        "Members agreed to test 'questionnaires every other session' with clinicians. The "
        "service lead took it to the clinical governance meeting.",
        2.0,
        (
            ("helen", "The question about being better off dead every single week wore me "
                      "down. I know they have to ask, but maybe not like that."),
            ("kwame", "My scores decided when I was discharged. I felt worse than my number "
                      "said."),
            ("sam", "I lied on the forms sometimes, so I wouldn't be sent somewhere else. I "
                    "think loads of people do."),
            ("priya", "I liked seeing the graph go down, honestly. But not every week."),
            ("tomasz", "The forms in Polish were a different version and my therapist didn't "
                       "seem sure what to do with them."),
            ("daisy", "I need someone to read them to me. Nobody offered. I just guessed."),
            ("gareth", "We lost a chunk of every session to the forms. Add that up over the "
                       "course and it's a whole session gone."),
            (None, "A member asked that therapists talk through what the scores mean "
                   "instead of just writing them down."),
        ),
    ),
    DemoMeeting(
        FOCUS, 10, 7, "Focus group: online programmes and groups", CONSULT,
        "At Millbrook Road and on video.\n1. Online CBT programmes\n2. Stress control and "
        "other groups\n3. Guided self-help by phone",
        "Eight people. Mixed views: online suits some very well and others not at all.",
        1.5,
        (
            (None, "The online programme was perfect for me, I did it at midnight when I "
                   "couldn't sleep anyway."),
            (None, "I was put on the online course because the wait for a person was too "
                   "long. It felt like a consolation prize."),
            (None, "Forty people in the stress control class. I sat at the back and didn't "
                   "say anything, but I did learn things."),
            (None, "The group was the first place I realised other people felt like me."),
            (None, "I'm 68 and the website was too fiddly. My grandson had to help me log in."),
            (None, "The messages from my supporter on the online programme were really "
                   "personal, I was surprised."),
            (None, "Guided self-help phone calls were only 30 minutes and she was always "
                   "rushing to the next person."),
            (None, "Groups should be smaller, eight or ten people, so you can actually talk."),
            (None, "The online modules used American examples, it didn't feel like it was "
                   "for us."),
        ),
        standalone=True,
    ),
    DemoMeeting(
        PANEL, 12, 17, "First look at the wellbeing check-in calls", INVOLVE,
        "1. How the check-in calls have gone since they started\n2. Stories from people who "
        "got a call\n3. What to improve",
        "Service shared early figures: most people on the step 3 list had at least one call. "
        "Members heard from two people who had been called.",
        2.0,
        (
            ("kwame", "This is exactly what we asked for. I'm proud we helped design it."),
            (None, "A person who was called said: 'I'd been having a bad month and the call "
                   "came at the right time. She moved my appointment forward.'"),
            ("helen", "The calls are good but some are very short. It should feel like a "
                      "conversation, not a check box."),
            ("tomasz", "My friend got her call with a Polish interpreter. She cried because "
                       "she thought she was forgotten."),
            ("lesley", "Still no text option for deaf people. Please do this next."),
            ("priya", "Could the call also tell people about groups and the online programme "
                      "they can do while they wait?"),
            ("sam", "Someone should tell the people who called how much it mattered."),
        ),
    ),
    DemoMeeting(
        PANEL, 14, 19, "Evening and weekend appointments", CONSULT,
        "1. Update: questionnaires every other session (started this month)\n2. Who needs "
        "evening and weekend sessions?\n3. Video, phone or face to face: what should decide it?",
        "Service is piloting two evening clinics at Eastgate. Members want Saturday mornings.",
        2.0,
        (
            ("gareth", "I noticed my friend's therapist only did the forms every other week. "
                       "She said the sessions felt much more relaxed."),
            ("rukhsana", "Saturday morning, when my husband can look after the children. "
                         "That is the only time."),
            ("kwame", "Evening clinics are good but Eastgate is two buses from the north of "
                      "the town."),
            ("sam", "Let people choose video or face to face each session, not once at the "
                    "start."),
            ("priya", "Shift workers need early mornings too, not just evenings."),
            ("helen", "Phone sessions suited me but I know I'm lucky to have a quiet house."),
            (None, "A member said the online booking system should let you change "
                   "appointments without ringing."),
        ),
    ),
    DemoMeeting(
        FOCUS, 15, 12, "Focus group: men and talking therapies", CONSULT,
        "Evening session at the Eastgate Clinic, with the local men's health group.\n"
        "1. What stops men coming?\n2. What helped those who did?",
        "Eleven men. Food provided. Several had never used the service.",
        2.0,
        (
            (None, "Men don't talk, that's the problem. I only came because my GP pretty much "
                   "made the referral for me."),
            (None, "I'd rather talk to another bloke about some things. Every therapist I "
                   "saw was a woman."),
            (None, "My therapist was brilliant, she got me back driving after the crash."),
            (None, "Sessions in the day are a non-starter when you work on site."),
            (None, "The waiting room felt like a doctor's surgery, everyone looking at you."),
            (None, "The check-in call while I was waiting was what kept me on the list, "
                   "otherwise I'd have walked."),
            (None, "Telling my story to three different people before anyone helped was "
                   "the worst part."),
            (None, "More things at the football club or the gym, places blokes already go."),
            (None, "I'm a Black man and I want to see someone who looks like me. It's "
                   "about trust."),
            (None, "Stress control course was good because you didn't have to talk."),
        ),
        standalone=True,
    ),
    DemoMeeting(
        PANEL, 16, 16, "A year of 'You said, we did'", INVOLVE,
        "1. Looking back: the changes made since the panel started\n2. Check-in calls and "
        "questionnaires every other session: what the feedback says now\n3. Priorities for "
        "next year",
        "Members reviewed the survey feedback since the changes. Next year's priorities: "
        "session limits, choice of therapy, BSL and text access.",
        2.0,
        (
            ("kwame", "The check-in calls are the change I'm proudest of. People talk about "
                      "them in the survey now instead of talking about being forgotten."),
            ("helen", "Session limits are still the big thing nobody's touched. Six is not "
                      "enough for a lot of people."),
            ("priya", "Fewer questionnaires has gone down well from what I've heard, but "
                      "people still want more say in when they're discharged."),
            ("lesley", "Text check-ins for deaf people still not done. Please put it at the "
                       "top of the list."),
            ("daisy", "I like seeing our ideas on the 'You said, we did' poster in the "
                      "waiting room."),
            ("gareth", "Choice of therapy next. EMDR waiting list is still over a year."),
            ("rukhsana", "More women therapists who speak community languages."),
            ("tomasz", "Thank you for listening to us. It is not always like this."),
        ),
    ),
)
