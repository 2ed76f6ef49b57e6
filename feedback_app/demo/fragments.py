"""Hand-written pieces the demo loader joins into extra survey comments.

A composed comment is an optional opening about the person ("I self-referred for panic attacks
last spring."), one core sentence or two about a topic, and sometimes an ending. Every core is
used at most twice and openings are built from parts, so no sentence repeats across many comments.
Tones: "-" negative, "+" positive, "~" mixed, "=" neutral. All of it was written for this project.
"""

from __future__ import annotations

ROUTES = (
    "I self-referred",
    "My GP referred me",
    "I was referred by my GP",
    "I referred myself online",
    "My health visitor referred me",
    "I got referred through occupational health",
    "I rang up and referred myself",
)

PROBLEMS = (
    "for anxiety",
    "for low mood",
    "for panic attacks",
    "for depression after my divorce",
    "after a bereavement",
    "for health anxiety",
    "for OCD",
    "because of work stress",
    "for postnatal depression",
    "after a car accident",
    "for social anxiety",
    "because I couldn't sleep or stop worrying",
    "for stress and burnout",
    "after my mum died",
)

WHEN = (
    "last year.",
    "in the spring.",
    "a few months ago.",
    "at the start of the year.",
    "just after Christmas.",
    "over the summer.",
    ".",
)

CORES: dict[str, tuple[tuple[str, str], ...]] = {
    "waiting_distress": (
        ("-", "Then I waited nearly seven months and heard nothing at all in between."),
        ("-", "The wait was far longer than I was told and I felt myself slipping the whole time."),
        ("-", "I had no idea where I was on the waiting list and nobody could tell me."),
        ("-", "All I was given while I waited was a leaflet and the number for the crisis line."),
        ("-", "By the time I was seen I'd been signed off work for three months."),
        ("-", "I got steadily worse on the waiting list and had to go back to my GP twice."),
        ("-", "Waiting that long when you're at rock bottom is cruel, there's no other word."),
        ("-", "The gap between the assessment and the first session was over five months."),
        ("-", "I would have taken anything while I waited, even a monthly phone call."),
        ("-", "I started to wonder if I'd only be seen once I was in crisis."),
        ("-", "I chased them myself twice because I thought my referral had been lost."),
        ("-", "Months on a waiting list with no contact made me feel like I didn't count."),
        ("-", "The wait for step 3 was longer than the wait for step 2, and nothing in between."),
        ("-", "I stopped seeing friends while I waited because I felt so low."),
        ("-", "Being told 'you're on the list' every time I rang wasn't reassuring."),
        ("-", "There was no interim support of any kind while I waited."),
        ("-", "I almost took myself off the list because waiting felt pointless."),
        ("-", "The waiting time was the hardest part of the whole thing."),
        ("~", "The wait was very long, though the person who finally rang me was lovely."),
        ("~", "The waiting list is too long but I know it isn't the therapists' fault."),
        ("-", "Nobody explained what would happen next after my assessment."),
        ("-", "I was given a crisis number and a link to a website, then months of silence."),
        ("-", "The wait made everything worse at home and at work."),
    ),
    "measurement_pressure": (
        ("-", "Starting each session with the same tick-box forms felt like sitting an exam."),
        ("-", "It seemed the numbers on the form counted for more than what I told her."),
        ("-", "Answering the same upsetting questions every week wore me down."),
        ("-", "My score dropped below the line and I was discharged, though I didn't feel ready."),
        ("-", "The forms took up time we could have used to talk."),
        ("-", "I worried that if my scores went up I'd be sent somewhere else."),
        ("-", "The questionnaires never captured what was really going on for me."),
        ("-", "I dreaded the weekly mood scores more than the therapy itself."),
        ("-", "It felt like the numbers were for the service, not for me."),
        ("~", "Seeing my scores improve was encouraging, but every single week was too often."),
        ("~", "I get why they measure things but it felt a bit cold at times."),
        ("-", "I sometimes answered the questionnaires the way I thought they wanted."),
        ("-", "Adding up my score at the start of each session put me on edge."),
        ("-", "Being told I'd 'recovered' because of a number didn't match how I felt."),
    ),
    "non_cbt_wish": (
        ("-", "I was only ever offered CBT, when what I wanted was counselling."),
        ("-", "The CBT homework felt like another thing to fail at."),
        ("-", "I needed trauma therapy and got a general anxiety course instead."),
        ("-", "Nobody asked what kind of therapy I thought would help."),
        ("-", "I needed to talk, and instead I was filling in thought diaries."),
        ("~", "CBT helped a bit with the day to day, but not with the deeper stuff."),
        ("-", "I'd done CBT before and said so, but it was all that was available."),
        ("-", "Longer term therapy would have suited me much better."),
        ("-", "I was told counselling had a much longer wait, so I felt pushed into CBT."),
        ("~", "The worksheets were useful for some things but they felt like homework."),
        ("-", "EMDR was mentioned once and never again."),
        ("-", "It would be good to have counselling as a real option, not a two year wait."),
        ("~", "I learnt some useful skills, but my problems needed more than worksheets."),
    ),
    "session_limits": (
        ("-", "Six sessions wasn't anywhere near enough."),
        ("-", "Just as I started to trust my therapist it was time to finish."),
        ("-", "I was discharged sooner than I expected and felt a bit abandoned."),
        ("-", "There was no follow up after the last session, it just stopped."),
        ("~", "What I got was good, I just ran out of sessions."),
        ("-", "It felt like we were always watching the clock on how many sessions were left."),
        ("-", "Moving from step 2 to step 3 meant starting the count again and another wait."),
        ("-", "Being able to book a booster session a few months later would help."),
        ("-", "I was told to re-refer if I struggled, which felt like starting from scratch."),
        ("~", "My therapist made the most of the sessions we had, but I needed more."),
        ("-", "The ending felt rushed and I wasn't ready."),
        ("-", "By the time we'd agreed goals half the sessions were gone."),
        ("-", "Missing one session because of illness meant losing it altogether."),
    ),
    "cultural_language_matching": (
        ("-", "I would have liked a therapist who understood my culture."),
        ("-", "I asked for a female therapist and it took weeks longer."),
        ("-", "The interpreter didn't always get across what I meant."),
        ("+", "Having a therapist who shared my faith made it so much easier to open up."),
        ("-", "Nothing was available in my first language apart from an interpreter on the phone."),
        ("-", "I felt my family situation was judged by Western standards."),
        ("+", "The interpreter was warm and professional and I felt at ease."),
        ("-", "Some of the examples in the materials didn't fit my life at all."),
        ("~", "My therapist tried to understand my background, though I had to explain a lot."),
        ("-", "I didn't feel I could talk about my religion without being judged."),
        ("-", "The leaflets were only in English."),
        ("+", "It meant a lot that my therapist asked about my culture instead of guessing."),
    ),
    "appointment_access": (
        ("-", "All the appointments were during working hours."),
        ("-", "No evening slots, so it was unpaid time off work every week."),
        ("-", "I was only offered phone sessions and I wanted to be in a room with someone."),
        ("-", "Childcare made daytime sessions really difficult."),
        ("+", "Video sessions fitted around my job really well."),
        ("-", "Getting to the clinic took over an hour on the bus."),
        ("-", "Appointments were moved at short notice more than once."),
        ("~", "Phone sessions were convenient but sometimes felt impersonal."),
        ("-", "There were no weekend appointments, which is hard for shift workers."),
        ("-", "Rearranging an appointment meant ages on hold."),
        ("+", "Being able to choose between face to face and video was really helpful."),
        ("-", "The clinic is hard to reach without a car."),
        ("-", "There's nowhere quiet at home for phone sessions with the kids around."),
    ),
    "repeated_assessment": (
        ("-", "I had to repeat my story to several different people."),
        ("-", "For months my GP and the services kept handing me back and forth."),
        ("-", "Each new stage meant another assessment and more waiting."),
        ("-", "It felt like nobody had read my notes."),
        ("-", "Too complex for this service, not unwell enough for the mental health team."),
        ("-", "Going over the same painful details again and again set me back."),
        ("~", "The assessments were done kindly but there were too many of them."),
        ("-", "Somewhere along the line my referral vanished and I was back to square one."),
        ("-", "The GP and the service didn't seem to talk to each other at all."),
        ("-", "I was assessed on the phone and then again in person a month later."),
    ),
    "digital_group_options": (
        ("-", "I was offered an online programme when I really wanted to talk to a person."),
        ("-", "The group was far too big to feel comfortable sharing anything."),
        ("+", "The online course was easy to fit around my life."),
        ("-", "Guided self-help felt like being left to get on with it by myself."),
        ("~", "The online modules were fine, but I struggled to keep going on my own."),
        ("+", "I got a lot out of the group and didn't feel so alone."),
        ("-", "The online platform kept crashing and logging me out."),
        ("~", "The workshop had good information but it was more of a lecture."),
        ("-", "I felt I had to do the online course before I'd be allowed proper therapy."),
        ("+", "The weekly messages from my online supporter kept me going."),
        ("-", "The group sessions clashed with my work and there was no other time."),
        ("~", "The stress control course was a good start but I needed one to one help after."),
    ),
    "staff_praise": (
        ("+", "My therapist was kind, patient and really listened."),
        ("+", "I've learnt skills I'm still using months later."),
        ("+", "The receptionist was always friendly and made me feel welcome."),
        ("+", "I feel like myself again for the first time in years."),
        ("+", "My therapist never made me feel judged."),
        ("+", "Therapy is the reason I'm back at work."),
        ("+", "I was treated like a person, not a case."),
        ("+", "I'm sleeping better and the panic attacks have mostly stopped."),
        ("+", "I felt safe enough to be honest, which I did not expect."),
        ("+", "The therapy was hard at times but it really worked."),
        ("+", "My wellbeing practitioner was brilliant and so down to earth."),
        ("+", "I'm doing things I'd stopped doing, like seeing friends and going swimming."),
        ("+", "The admin team were really helpful whenever I rang."),
        ("+", "I'd recommend the service to anyone."),
        ("+", "The person who did my assessment was so warm, it gave me the courage to carry on."),
        ("+", "I finally understand what was going on in my head and what to do about it."),
    ),
}

# Endings that belong with a topic (they sound odd after anything else).
ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "waiting_distress": (
        ("-", "Please do something about the waiting times."),
        ("-", "Some sort of contact while people wait would make a real difference."),
        ("~", "Once I started, the therapy itself was good."),
        ("-", "I know I'm not the only one."),
        ("~", "My therapist was great when I finally got to her."),
    ),
    "measurement_pressure": (
        ("-", "Please think about how often you ask people to do them."),
        ("-", "Less form filling, more talking please."),
        ("~", "Apart from that the sessions were good."),
        ("-", "It made me feel like a number."),
    ),
    "non_cbt_wish": (
        ("-", "More choice of therapy please."),
        ("-", "One size does not fit all."),
        ("~", "My therapist was nice, it just wasn't the right kind of help for me."),
    ),
    "session_limits": (
        ("-", "Please offer more sessions to people who need them."),
        ("-", "I'm back on my GP's list now."),
        ("~", "What I did get was helpful."),
    ),
    "cultural_language_matching": (
        ("-", "Please think about people from different backgrounds."),
        ("+", "Thank you for trying."),
        ("-", "More diversity in the team would help."),
    ),
    "appointment_access": (
        ("-", "Please offer more evening and weekend appointments."),
        ("-", "Not everyone works nine to five."),
        ("~", "Other than that no complaints."),
    ),
    "repeated_assessment": (
        ("-", "Please share information between services."),
        ("-", "It was exhausting."),
    ),
    "digital_group_options": (
        ("-", "More one to one please."),
        ("~", "It suits some people, just not me."),
        ("+", "I'd do it again."),
    ),
    "staff_praise": (
        ("+", "Thank you so much."),
        ("+", "Keep doing what you're doing."),
        ("+", "I'm so glad I referred myself."),
        ("+", "Please pass on my thanks."),
        ("+", "10 out of 10."),
    ),
}

GENERAL_ENDINGS: tuple[tuple[str, str], ...] = (
    ("=", "Thanks for asking."),
    ("=", "Hope this helps."),
    ("=", "That's all really."),
    ("=", "Thank you for reading this."),
    ("=", "I hope the feedback is useful."),
)

# Words that join a second topic onto the first: adding to it, or turning against it.
ADDING = ("On top of that,", "Also,", "Another thing:", "As well as that,")
TURNING = ("But", "That said,", "Having said that,", "On the other hand,")

# Openings that would sound odd together (a health visitor refers new parents, occupational
# health refers people because of work).
OPENING_FITS = {
    "My health visitor referred me": ("for postnatal depression", "for anxiety", "for low mood"),
    "I got referred through occupational health": (
        "because of work stress", "for stress and burnout", "for anxiety", "after a car accident",
        "for low mood",
    ),
}
