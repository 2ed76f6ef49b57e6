"""Patient panels and focus groups: the facilitator's operations.

Plain values in, models out; every function that changes data owns its commit. A value that
breaks a rule of this area raises `PanelRuleError` (with the name of the input it belongs to), so
the web forms, the demo-data loader and the tests all meet the same rules.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

import phonenumbers
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app

from feedback_app.comments.services import record_comment, screen_text
from feedback_app.extensions import db
from feedback_app.models import (
    AccessNeed,
    Attendance,
    Comment,
    CommentSource,
    CommentTheme,
    ConsentRecord,
    Contribution,
    Involvement,
    Meeting,
    MeetingKind,
    Panel,
    PanelMember,
    ParticipationLevel,
    RewardKind,
    Theme,
    action_comment,
)
from feedback_app.models._base import now_utc

CONTACT_PURPOSE = "Being contacted"
QUOTE_PURPOSE = "Words quoted anonymously in public updates"
CONSENT_PURPOSES = ("Taking part in the panel", CONTACT_PURPOSE, QUOTE_PURPOSE)
MAX_HOURS = Decimal(24)
NAME_MAX = 120
TOPIC_MAX = 200
NOTES_MAX = 5000

# Rewards that are paid out and so need an amount; a declined reward must not have one.
PAID_REWARDS = (RewardKind.PAYMENT, RewardKind.VOUCHER, RewardKind.EXPENSES)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
# Ofcom keeps 07700 900000 to 900999 for drama; libphonenumber calls them invalid, but demo
# and test data rightly use them, so they are accepted.
_DRAMA_MOBILE = re.compile(r"^\+447700900\d{3}$")


class PanelRuleError(ValueError):
    """A value breaks a rule of panels and focus groups. `field` is the input it belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _text_max() -> int:
    return int(current_app.config.get("FEEDBACK_TEXT_MAX", NOTES_MAX))


def _clean(value: str | None) -> str:
    return (value or "").strip()


# --- Contact details -----------------------------------------------------------------------


def normalise_email(value: str | None) -> str | None:
    """The email address trimmed, or None if blank. Raises PanelRuleError if it is not one."""
    text = _clean(value)
    if not text:
        return None
    if len(text) > 254 or not _EMAIL.match(text):
        raise PanelRuleError(
            "Enter an email address in the correct format, like name@example.com", "email"
        )
    return text


def normalise_phone(value: str | None) -> str | None:
    """A UK phone number in E.164 form (+447911123456), or None if blank."""
    text = _clean(value)
    if not text:
        return None
    message = "Enter a UK phone number, like 01632 960 001 or 07700 900 982"
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException as error:
        raise PanelRuleError(message, "phone") from error
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    is_uk = number.country_code == 44
    if not is_uk or not (phonenumbers.is_valid_number(number) or _DRAMA_MOBILE.match(e164)):
        raise PanelRuleError(message, "phone")
    return e164


def format_phone(e164: str | None) -> str:
    """A stored number as people write it in the UK: 07911 123456."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "GB")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


# --- Panels ----------------------------------------------------------------------------------


def _check_panel_values(name: str, description: str) -> tuple[str, str]:
    name, description = _clean(name), _clean(description)
    if not name:
        raise PanelRuleError("Enter a name for the panel", "name")
    if len(name) > 200:
        raise PanelRuleError("Panel name must be 200 characters or fewer", "name")
    if len(description) > NOTES_MAX:
        raise PanelRuleError(
            f"Description must be {NOTES_MAX:,} characters or fewer", "description"
        )
    return name, description


def create_panel(*, service_id: int, name: str, description: str = "") -> Panel:
    name, description = _check_panel_values(name, description)
    panel = Panel(service_id=service_id, name=name, description=description)
    db.session.add(panel)
    db.session.commit()
    return panel


def update_panel(panel: Panel, *, name: str, description: str = "") -> Panel:
    panel.name, panel.description = _check_panel_values(name, description)
    db.session.commit()
    return panel


@dataclass(frozen=True)
class PanelOverview:
    """A panel as the list page shows it."""

    panel: Panel
    member_count: int
    last_meeting: date | None
    next_meeting: date | None


def is_current_member(member: PanelMember, on: date) -> bool:
    """Joined by `on` (or no joining date known) and not yet left. An erased member is never
    current: they have left, whatever dates were recorded."""
    if member.erased_at is not None:
        return False
    joined = member.joined_on is None or member.joined_on <= on
    not_left = member.left_on is None or member.left_on >= on
    return joined and not_left


def panel_overviews(service_ids: Sequence[int], today: date | None = None) -> list[PanelOverview]:
    """The panels of these services with their current member count and meeting dates.

    Three queries whatever the number of panels: the panels, then grouped counts and dates.
    """
    today = today or date.today()
    panels = list(
        db.session.scalars(
            sa.select(Panel)
            .where(Panel.service_id.in_(service_ids))
            .options(so.selectinload(Panel.service))
            .order_by(Panel.name)
        )
    )
    ids = [p.id for p in panels]
    current = sa.and_(
        PanelMember.erased_at.is_(None),
        sa.or_(PanelMember.joined_on.is_(None), PanelMember.joined_on <= today),
        sa.or_(PanelMember.left_on.is_(None), PanelMember.left_on >= today),
    )
    counts = dict(
        db.session.execute(
            sa.select(PanelMember.panel_id, sa.func.count())
            .where(PanelMember.panel_id.in_(ids), current)
            .group_by(PanelMember.panel_id)
        ).all()
    )
    dates = db.session.execute(
        sa.select(
            Meeting.panel_id,
            sa.func.max(sa.case((Meeting.held_on < today, Meeting.held_on))),
            sa.func.min(sa.case((Meeting.held_on >= today, Meeting.held_on))),
        )
        .where(Meeting.panel_id.in_(ids))
        .group_by(Meeting.panel_id)
    )
    last_next = {panel_id: (last, nxt) for panel_id, last, nxt in dates}
    return [
        PanelOverview(
            panel=p,
            member_count=counts.get(p.id, 0),
            last_meeting=last_next.get(p.id, (None, None))[0],
            next_meeting=last_next.get(p.id, (None, None))[1],
        )
        for p in panels
    ]


def standalone_focus_groups_query(service_id: int) -> sa.Select[tuple[Meeting]]:
    """Focus groups of a service that are not attached to a panel, newest first."""
    return (
        sa.select(Meeting)
        .where(Meeting.service_id == service_id, Meeting.panel_id.is_(None))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    )


def standalone_focus_groups(service_id: int, limit: int | None = None) -> list[Meeting]:
    query = standalone_focus_groups_query(service_id)
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def count_standalone_focus_groups(service_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Meeting)
        .where(Meeting.service_id == service_id, Meeting.panel_id.is_(None))
    ) or 0


# --- Members ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _MemberValues:
    display_name: str
    is_pseudonym: bool
    contact_consent: bool
    email: str | None
    phone: str | None
    access_needs: list[str]
    interpreter_language: str | None
    access_notes: str
    joined_on: date | None
    left_on: date | None


def _check_member_values(
    *,
    display_name: str,
    is_pseudonym: bool,
    contact_consent: bool,
    email: str | None,
    phone: str | None,
    access_needs: Iterable[str],
    interpreter_language: str | None,
    access_notes: str,
    joined_on: date | None,
    left_on: date | None,
) -> _MemberValues:
    name = _clean(display_name)
    if not name:
        raise PanelRuleError("Enter a name or pseudonym", "display_name")
    if len(name) > NAME_MAX:
        raise PanelRuleError(
            f"Name or pseudonym must be {NAME_MAX} characters or fewer", "display_name"
        )
    # Contact details are only kept while the member agrees to be contacted: without that
    # consent they are dropped here, whatever was typed.
    if contact_consent:
        email, phone = normalise_email(email), normalise_phone(phone)
    else:
        email = phone = None
    known = {need.value for need in AccessNeed}
    needs = [str(n) for n in access_needs]
    unknown = [n for n in needs if n not in known]
    if unknown:
        raise PanelRuleError(f"Unknown access need: {', '.join(unknown)}", "access_needs")
    needs = [n.value for n in AccessNeed if n.value in needs]  # one each, in a fixed order
    language = _clean(interpreter_language) or None
    if AccessNeed.INTERPRETER.value in needs:
        if not language:
            raise PanelRuleError(
                "Enter the language the member needs an interpreter for", "interpreter_language"
            )
        if len(language) > 80:
            raise PanelRuleError("Language must be 80 characters or fewer", "interpreter_language")
    else:
        language = None
    notes = _clean(access_notes)
    if AccessNeed.OTHER.value in needs and not notes:
        raise PanelRuleError("Describe the member's other access needs", "access_notes")
    if len(notes) > NOTES_MAX:
        raise PanelRuleError(
            f"Access notes must be {NOTES_MAX:,} characters or fewer", "access_notes"
        )
    if joined_on and left_on and left_on < joined_on:
        raise PanelRuleError("The date they left must be on or after the date they joined",
                             "left_on")
    return _MemberValues(name, bool(is_pseudonym), bool(contact_consent), email, phone, needs,
                         language, notes, joined_on, left_on)


def _apply_member(
    member: PanelMember, values: _MemberValues, recorded_by_id: int | None, effective_on: date
) -> None:
    member.display_name = values.display_name
    member.is_pseudonym = values.is_pseudonym
    member.contact_consent = values.contact_consent
    member.email = values.email
    member.phone = values.phone
    member.access_needs = values.access_needs
    member.interpreter_language = values.interpreter_language
    member.access_notes = values.access_notes
    member.joined_on = values.joined_on
    member.left_on = values.left_on
    # Keep the consent timeline in step with the tick box, so the record shows when the member
    # agreed to (or stopped agreeing to) being contacted.
    current_contact = [
        c for c in member.consents if c.purpose == CONTACT_PURPOSE and c.is_current
    ]
    if values.contact_consent and not current_contact:
        member.consents.append(
            ConsentRecord(
                purpose=CONTACT_PURPOSE,
                given_on=effective_on,
                notes="Recorded when the member's details were saved.",
                recorded_by_id=recorded_by_id,
            )
        )
    elif not values.contact_consent:
        for consent in current_contact:
            consent.withdrawn_on = max(effective_on, consent.given_on)


def add_member(
    panel: Panel,
    *,
    display_name: str,
    is_pseudonym: bool = True,
    contact_consent: bool = False,
    email: str | None = None,
    phone: str | None = None,
    access_needs: Iterable[str] = (),
    interpreter_language: str | None = None,
    access_notes: str = "",
    joined_on: date | None = None,
    left_on: date | None = None,
    recorded_by_id: int | None = None,
    effective_on: date | None = None,
) -> PanelMember:
    """Add a member to a panel. Contact details are dropped unless `contact_consent` is true;
    when it is, a "Being contacted" consent record dated `effective_on` (default today) is
    added too."""
    values = _check_member_values(
        display_name=display_name, is_pseudonym=is_pseudonym, contact_consent=contact_consent,
        email=email, phone=phone, access_needs=access_needs,
        interpreter_language=interpreter_language, access_notes=access_notes,
        joined_on=joined_on, left_on=left_on,
    )
    member = PanelMember(panel=panel, contact_consent=False, consents=[])
    _apply_member(member, values, recorded_by_id, effective_on or date.today())
    db.session.add(member)
    db.session.commit()
    return member


def update_member(
    member: PanelMember,
    *,
    display_name: str,
    is_pseudonym: bool = True,
    contact_consent: bool = False,
    email: str | None = None,
    phone: str | None = None,
    access_needs: Iterable[str] = (),
    interpreter_language: str | None = None,
    access_notes: str = "",
    joined_on: date | None = None,
    left_on: date | None = None,
    recorded_by_id: int | None = None,
    effective_on: date | None = None,
) -> PanelMember:
    """Change a member's details. Unticking contact consent clears their contact details and
    withdraws their "Being contacted" consent (dated `effective_on`, default today); ticking it
    records that consent. Setting `left_on` keeps everything they said. An erased member's
    details cannot be changed."""
    check_not_erased(member)
    values = _check_member_values(
        display_name=display_name, is_pseudonym=is_pseudonym, contact_consent=contact_consent,
        email=email, phone=phone, access_needs=access_needs,
        interpreter_language=interpreter_language, access_notes=access_notes,
        joined_on=joined_on, left_on=left_on,
    )
    _apply_member(member, values, recorded_by_id, effective_on or date.today())
    db.session.commit()
    return member


# --- Consent ---------------------------------------------------------------------------------


def may_quote(member: PanelMember | None) -> bool:
    """Whether the member currently agrees to their words being quoted (anonymously) in public
    updates. Anonymous contributions are never quoted: nobody gave that consent for them."""
    return member is not None and any(
        c.purpose == QUOTE_PURPOSE and c.is_current for c in member.consents
    )


def _sync_quote_permission(member: PanelMember) -> None:
    """Their comments follow their current consent, so a withdrawal takes effect at once."""
    allowed = may_quote(member)
    comments = db.session.scalars(
        sa.select(Comment).join(Contribution, Comment.contribution_id == Contribution.id)
        .where(Contribution.member_id == member.id)
    )
    for comment in comments:
        comment.quote_publicly = allowed


def record_consent(
    member: PanelMember,
    *,
    purpose: str,
    given_on: date,
    notes: str = "",
    recorded_by_id: int | None = None,
) -> ConsentRecord:
    """Record that a member gave consent for `purpose` (any text; see CONSENT_PURPOSES)."""
    check_not_erased(member)
    purpose, notes = _clean(purpose), _clean(notes)
    if not purpose:
        raise PanelRuleError("Enter what the member consented to", "purpose")
    if len(purpose) > 200:
        raise PanelRuleError("Purpose must be 200 characters or fewer", "other_purpose")
    if len(notes) > NOTES_MAX:
        raise PanelRuleError(f"Notes must be {NOTES_MAX:,} characters or fewer", "notes")
    consent = ConsentRecord(
        purpose=purpose, given_on=given_on, notes=notes, recorded_by_id=recorded_by_id
    )
    member.consents.append(consent)
    if purpose == CONTACT_PURPOSE:
        member.contact_consent = True
    _sync_quote_permission(member)
    db.session.commit()
    return consent


def withdraws_contact(consent: ConsentRecord) -> bool:
    """Whether withdrawing this consent means the member's contact details are deleted."""
    return consent.purpose == CONTACT_PURPOSE


def withdraw_consent(
    consent: ConsentRecord, *, withdrawn_on: date, notes: str | None = None
) -> ConsentRecord:
    """Mark a consent as withdrawn. Withdrawing "Being contacted" deletes the member's email
    address and phone number at once (check `withdraws_contact` to tell the user)."""
    if consent.withdrawn_on is not None:
        raise PanelRuleError("This consent has already been withdrawn", "withdrawn_on")
    if withdrawn_on < consent.given_on:
        raise PanelRuleError(
            "The date it was withdrawn must be on or after the date it was given",
            "withdrawn_on",
        )
    consent.withdrawn_on = withdrawn_on
    if notes is not None and _clean(notes):
        extra = _clean(notes)
        consent.notes = f"{consent.notes}\n{extra}".strip() if consent.notes else extra
    if withdraws_contact(consent):
        member = consent.member
        member.contact_consent = False
        member.email = None
        member.phone = None
        for other in member.consents:
            if other.purpose == CONTACT_PURPOSE and other.withdrawn_on is None:
                other.withdrawn_on = withdrawn_on
    _sync_quote_permission(consent.member)
    db.session.commit()
    return consent


# --- Erasure (the right to erasure, UK GDPR article 17) ----------------------------------------

ERASED_CONSENT_NOTE = "Withdrawn when the member's personal details were erased at their request."


def erased_name(member: PanelMember) -> str:
    """The neutral label an erased member is shown under: it says nothing about them."""
    return f"Former member {member.id}"


def check_not_erased(member: PanelMember) -> None:
    if member.erased_at is not None:
        erased = member.erased_at
        raise PanelRuleError(
            f"This member's personal details were erased on {erased.day} {erased:%B %Y}. "
            "Their details cannot be changed, and there is nothing more to erase."
        )


def member_contributions(member: PanelMember) -> list[Contribution]:
    """Everything on record as said by the member, oldest meeting first."""
    return list(db.session.scalars(
        sa.select(Contribution).join(Contribution.meeting)
        .where(Contribution.member_id == member.id)
        .options(so.selectinload(Contribution.meeting))
        .order_by(Meeting.held_on, Contribution.id)
    ))


def erase_member(
    member: PanelMember, *, erased_by_id: int | None = None, today: date | None = None
) -> PanelMember:
    """Erase a member's personal details when they ask, keeping what the service must keep.

    Deleted: their name or pseudonym (replaced by `erased_name`), contact details, access needs,
    interpreter language, access notes and the free-text notes on their consent records. Every
    current consent is withdrawn (dated `today`, default today) and they leave the panel today
    if they had not left already. What they said stays as feedback but no longer names them, and
    its comments are never quoted publicly again. Attendance and involvement (payment) records
    are kept, now pointing at the anonymised member: they are the service's financial records.
    """
    check_not_erased(member)
    today = today or date.today()
    for contribution in member_contributions(member):
        comment = comment_for(contribution)
        if comment is not None:
            comment.quote_publicly = False
        contribution.member_id = None
    for consent in member.consents:
        if consent.is_current:
            consent.withdrawn_on = max(today, consent.given_on)
            consent.notes = ERASED_CONSENT_NOTE
        else:
            consent.notes = ""  # free text that may name them; the dates are the evidence
    member.display_name = erased_name(member)
    member.is_pseudonym = True
    member.contact_consent = False
    member.email = None
    member.phone = None
    member.access_needs = []
    member.interpreter_language = None
    member.access_notes = ""
    if member.left_on is None or member.left_on > today:
        member.left_on = today
    if member.joined_on is not None and member.joined_on > today:
        member.joined_on = None  # they never joined; a join date after leaving would be wrong
    member.erased_at = now_utc()
    member.erased_by_id = erased_by_id
    db.session.commit()
    return member


# --- Meetings and attendance ------------------------------------------------------------------


def _check_meeting_values(
    topic: str, agenda: str, participation_level: str, notes: str
) -> tuple[str, str, str, str]:
    topic, agenda, notes = _clean(topic), _clean(agenda), _clean(notes)
    if not topic:
        raise PanelRuleError("Enter the topic", "topic")
    if len(topic) > TOPIC_MAX:
        raise PanelRuleError(f"Topic must be {TOPIC_MAX} characters or fewer", "topic")
    for value, name, label in ((agenda, "agenda", "Prompts or agenda"), (notes, "notes", "Notes")):
        if len(value) > NOTES_MAX:
            raise PanelRuleError(f"{label} must be {NOTES_MAX:,} characters or fewer", name)
    level = str(participation_level)
    if level not in {p.value for p in ParticipationLevel}:
        raise PanelRuleError("Select the level of participation", "participation_level")
    return topic, agenda, level, notes


def create_meeting(
    *,
    service_id: int,
    kind: MeetingKind | str,
    topic: str,
    held_on: date,
    panel_id: int | None = None,
    agenda: str = "",
    participation_level: ParticipationLevel | str = ParticipationLevel.CONSULT,
    notes: str = "",
    created_by_id: int | None = None,
) -> Meeting:
    """A panel meeting (needs a panel) or a focus group (a panel's, or the service's own)."""
    kind = str(kind)
    if kind not in {k.value for k in MeetingKind}:
        raise PanelRuleError("Select a panel meeting or a focus group", "kind")
    if panel_id is not None:
        panel = db.session.get(Panel, panel_id)
        if panel is None or panel.service_id != service_id:
            raise PanelRuleError("Select a panel of this service", "panel_id")
    elif kind == MeetingKind.PANEL_MEETING:
        raise PanelRuleError("A panel meeting needs a panel", "panel_id")
    topic, agenda, level, notes = _check_meeting_values(topic, agenda, participation_level, notes)
    meeting = Meeting(
        service_id=service_id, panel_id=panel_id, kind=kind, topic=topic, held_on=held_on,
        agenda=agenda, participation_level=level, notes=notes, created_by_id=created_by_id,
    )
    db.session.add(meeting)
    db.session.commit()
    return meeting


def update_meeting(
    meeting: Meeting,
    *,
    topic: str,
    held_on: date,
    agenda: str = "",
    participation_level: ParticipationLevel | str = ParticipationLevel.CONSULT,
    notes: str = "",
) -> Meeting:
    """Change a meeting's details (its kind and panel stay as they were created). The comments
    made from its contributions move to the new date."""
    topic, agenda, level, notes = _check_meeting_values(topic, agenda, participation_level, notes)
    meeting.topic, meeting.agenda, meeting.participation_level, meeting.notes = (
        topic, agenda, level, notes,
    )
    if held_on != meeting.held_on:
        meeting.held_on = held_on
        for comment in db.session.scalars(sa.select(Comment).where(
            Comment.meeting_id == meeting.id, Comment.contribution_id.is_not(None)
        )):
            comment.received_at = _received_at(meeting)
    db.session.commit()
    return meeting


def delete_meeting(meeting: Meeting) -> None:
    """Delete a meeting added by mistake, with its attendance and what was said (and the
    comments made from it). Refused while involvement is recorded: payments are financial
    records, so they are removed one by one first, on purpose."""
    if meeting.involvements:
        raise PanelRuleError(
            "Remove the involvement and payment records first, then delete the meeting"
        )
    for contribution in list(meeting.contributions):
        comment = comment_for(contribution)
        if comment is not None:
            _forget_themes(comment)
            db.session.execute(
                sa.delete(action_comment).where(action_comment.c.comment_id == comment.id)
            )
            db.session.delete(comment)
    db.session.flush()
    db.session.delete(meeting)
    db.session.commit()


def meeting_members(meeting: Meeting) -> list[PanelMember]:
    """Members who could have been at the meeting: the panel's members on that date, and anyone
    already recorded as there (so a member who has since left, or whose details were erased,
    still shows)."""
    if meeting.panel is None:
        return []
    recorded = {a.member_id for a in meeting.attendance} | {
        i.member_id for i in meeting.involvements
    }
    return [
        m for m in meeting.panel.members
        if is_current_member(m, meeting.held_on) or m.id in recorded
    ]


def attributable_members(meeting: Meeting) -> list[PanelMember]:
    """Members a contribution may be credited to: not erased ones, whose words are anonymous
    for good."""
    return [m for m in meeting_members(meeting) if m.erased_at is None]


def set_attendance(meeting: Meeting, member_ids: Iterable[int]) -> list[Attendance]:
    """Record exactly these members as having attended (everyone else as not)."""
    allowed = {m.id for m in meeting_members(meeting)}
    chosen = {int(i) for i in member_ids}
    if chosen - allowed:
        raise PanelRuleError("Select members of this panel", "member_ids")
    existing = {a.member_id: a for a in meeting.attendance}
    for member_id, row in existing.items():
        if member_id not in chosen:
            meeting.attendance.remove(row)
    for member_id in sorted(chosen - existing.keys()):
        meeting.attendance.append(Attendance(member_id=member_id, attended=True))
    for row in meeting.attendance:
        row.attended = True
    db.session.commit()
    return list(meeting.attendance)


# --- What was said ------------------------------------------------------------------------------


def _received_at(meeting: Meeting) -> datetime:
    return datetime.combine(meeting.held_on, time(12, 0))


def _comment_source(meeting: Meeting) -> CommentSource:
    if meeting.kind == MeetingKind.FOCUS_GROUP:
        return CommentSource.FOCUS_GROUP
    return CommentSource.PANEL


def _member_or_none(member_id: int | None) -> PanelMember | None:
    return db.session.get(PanelMember, member_id) if member_id is not None else None


def _check_contribution(meeting: Meeting, text: str, member_id: int | None) -> str:
    text = _clean(text)
    if not text:
        raise PanelRuleError("Enter what was said", "text")
    limit = _text_max()
    if len(text) > limit:
        raise PanelRuleError(f"What was said must be {limit:,} characters or fewer", "text")
    if member_id is not None and member_id not in {m.id for m in attributable_members(meeting)}:
        raise PanelRuleError("Select a member of this panel, or leave it anonymous", "member_id")
    return text


def add_contribution(
    meeting: Meeting,
    *,
    text: str,
    member_id: int | None = None,
    recorded_by_id: int | None = None,
) -> Contribution:
    """Record one thing said at a meeting (anonymous unless `member_id` is given) and, in the
    same transaction, the Comment it becomes (screened for risk and redacted). The comment may
    be quoted publicly only if the member has agreed to that (see `may_quote`)."""
    text = _check_contribution(meeting, text, member_id)
    contribution = Contribution(
        meeting=meeting, member_id=member_id, text=text, recorded_by_id=recorded_by_id
    )
    db.session.add(contribution)
    db.session.flush()  # the comment links to the contribution's id
    record_comment(
        service_id=meeting.service_id,
        source=_comment_source(meeting),
        text=text,
        received_at=_received_at(meeting),
        contribution_id=contribution.id,
        meeting_id=meeting.id,
        quote_publicly=may_quote(_member_or_none(member_id)),
    )
    db.session.commit()
    return contribution


def _forget_themes(comment: Comment) -> None:
    """The comment's text changed or is going: the themes it was filed under no longer apply.
    Without them, the next analysis files it again; the themes' counts are corrected now."""
    theme_ids = list(db.session.scalars(
        sa.select(CommentTheme.theme_id).where(CommentTheme.comment_id == comment.id)
    ))
    comment.sentiment = None
    if not theme_ids:
        return
    db.session.execute(sa.delete(CommentTheme).where(CommentTheme.comment_id == comment.id))
    for theme in db.session.scalars(sa.select(Theme).where(Theme.id.in_(theme_ids))):
        theme.size = db.session.scalar(
            sa.select(sa.func.count()).select_from(CommentTheme)
            .where(CommentTheme.theme_id == theme.id)
        ) or 0


def comment_for(contribution: Contribution) -> Comment | None:
    return db.session.scalar(sa.select(Comment).where(Comment.contribution_id == contribution.id))


def update_contribution(
    contribution: Contribution, *, text: str, member_id: int | None = None
) -> Contribution:
    """Change what was recorded; its Comment gets the new text and is screened again."""
    meeting = contribution.meeting
    text = _check_contribution(meeting, text, member_id)
    contribution.text = text
    contribution.member_id = member_id
    comment = comment_for(contribution)
    if comment is None:  # made before comments existed, or removed by hand: make it again
        db.session.flush()
        record_comment(
            service_id=meeting.service_id, source=_comment_source(meeting), text=text,
            received_at=_received_at(meeting), contribution_id=contribution.id,
            meeting_id=meeting.id,
        )
        comment = comment_for(contribution)
    elif comment.text != text:
        comment.text = text
        screen_text(comment)
        _forget_themes(comment)
        # A new text is a new thing to review: an earlier review no longer covers it.
        comment.risk_reviewed_at = None
        comment.risk_reviewed_by_id = None
    if comment is not None:
        comment.quote_publicly = may_quote(_member_or_none(member_id))
    db.session.commit()
    return contribution


def delete_contribution(contribution: Contribution) -> None:
    """Delete a contribution and the Comment made from it."""
    comment = comment_for(contribution)
    if comment is not None:
        _forget_themes(comment)
        # The database cascades this too; said here so it holds whatever the backend.
        db.session.execute(
            sa.delete(action_comment).where(action_comment.c.comment_id == comment.id)
        )
        db.session.delete(comment)
    db.session.delete(contribution)
    db.session.commit()


def contribution_comments(meeting: Meeting) -> dict[int, Comment]:
    """The Comment of each of the meeting's contributions, by contribution id (one query)."""
    comments = db.session.scalars(
        sa.select(Comment).where(
            Comment.meeting_id == meeting.id, Comment.contribution_id.is_not(None)
        )
    )
    return {c.contribution_id: c for c in comments if c.contribution_id is not None}


# --- Involvement -------------------------------------------------------------------------------


def parse_pounds(text: str | None) -> int | None:
    """'£12.50' → 1250 pence; blank → None. Raises PanelRuleError for anything else."""
    cleaned = _clean(text).replace("£", "").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise PanelRuleError("Enter the amount in pounds, like 25 or 12.50", "amount") from error
    if not amount.is_finite() or amount < 0:
        raise PanelRuleError("Enter the amount in pounds, like 25 or 12.50", "amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise PanelRuleError("Amount can have up to 2 numbers after the decimal point", "amount")
    if amount > 100_000:
        raise PanelRuleError("Amount must be £100,000 or less", "amount")
    return int(amount * 100)


def parse_hours(value: Decimal | float | str | None) -> Decimal:
    """Hours as a Decimal between 0 and 24 with up to 2 decimal places."""
    message = "Enter the hours as a number from 0 to 24, like 2 or 1.5"
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PanelRuleError("Enter the number of hours", "hours")
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise PanelRuleError(message, "hours") from error
    if not hours.is_finite() or hours < 0 or hours > MAX_HOURS:
        raise PanelRuleError(message, "hours")
    if hours != hours.quantize(Decimal("0.01")):
        raise PanelRuleError("Hours can have up to 2 numbers after the decimal point", "hours")
    return hours.quantize(Decimal("0.01"))


def check_reward(reward: RewardKind | str, amount_pence: int | None) -> RewardKind:
    """The reward kind, if `amount_pence` suits it: needed when paid, empty when declined."""
    try:
        kind = RewardKind(str(reward))
    except ValueError as error:
        raise PanelRuleError("Select how the member was thanked", "reward") from error
    if kind in PAID_REWARDS and amount_pence is None:
        raise PanelRuleError("Enter the amount in pounds", "amount")
    if kind in PAID_REWARDS and amount_pence <= 0:
        raise PanelRuleError("Enter an amount more than £0", "amount")
    if kind == RewardKind.DECLINED and amount_pence is not None:
        raise PanelRuleError("Leave the amount empty when the member declined", "amount")
    return kind


def record_involvement(
    meeting: Meeting,
    *,
    member_id: int,
    hours: Decimal | float | str,
    reward: RewardKind | str,
    amount_pence: int | None = None,
    notes: str = "",
) -> Involvement:
    """Record (or replace) a member's hours and reward for one meeting."""
    if member_id not in {m.id for m in meeting_members(meeting)}:
        raise PanelRuleError("Select a member of this panel", "member_id")
    hours_value = parse_hours(hours)
    kind = check_reward(reward, amount_pence)
    notes = _clean(notes)
    if len(notes) > NOTES_MAX:
        raise PanelRuleError(f"Notes must be {NOTES_MAX:,} characters or fewer", "notes")
    involvement = db.session.scalar(
        sa.select(Involvement).where(
            Involvement.meeting_id == meeting.id, Involvement.member_id == member_id
        )
    )
    if involvement is None:
        involvement = Involvement(meeting_id=meeting.id, member_id=member_id)
        db.session.add(involvement)
    involvement.hours = hours_value
    involvement.reward = kind.value
    involvement.amount_pence = amount_pence
    involvement.notes = notes
    db.session.commit()
    return involvement


def delete_involvement(involvement: Involvement) -> None:
    db.session.delete(involvement)
    db.session.commit()


@dataclass
class MemberInvolvement:
    """One member's involvement added up (or a panel's, for the total row): hours, meetings,
    and pence paid by reward kind."""

    member: PanelMember
    hours: Decimal = Decimal("0.00")
    pence: dict[str, int] = field(default_factory=lambda: {k.value: 0 for k in PAID_REWARDS})
    declined: int = 0
    meeting_ids: set[int] = field(default_factory=set)

    @property
    def meetings(self) -> int:
        """How many different meetings (a total row counts each meeting once)."""
        return len(self.meeting_ids)

    @property
    def total_pence(self) -> int:
        return sum(self.pence.values())

    def add(self, involvement: Involvement) -> None:
        self.meeting_ids.add(involvement.meeting_id)
        self.hours += Decimal(involvement.hours)
        if involvement.reward == RewardKind.DECLINED:
            self.declined += 1
        else:
            self.pence[involvement.reward] = (
                self.pence.get(involvement.reward, 0) + (involvement.amount_pence or 0)
            )


@dataclass
class InvolvementSummary:
    """Per-member rows and the panel's totals, for the involvement and finance report."""

    rows: list[MemberInvolvement]
    total: MemberInvolvement | None


def _involvements(
    where: sa.ColumnElement[bool], start: date | None, end: date | None
) -> list[Involvement]:
    query = (
        sa.select(Involvement)
        .join(Involvement.meeting)
        .where(where)
        .options(so.selectinload(Involvement.meeting), so.selectinload(Involvement.member))
        .order_by(Meeting.held_on, Meeting.id, Involvement.id)
    )
    if start is not None:
        query = query.where(Meeting.held_on >= start)
    if end is not None:
        query = query.where(Meeting.held_on <= end)
    return list(db.session.scalars(query))


def member_involvement(member: PanelMember) -> MemberInvolvement:
    summary = MemberInvolvement(member=member)
    for involvement in _involvements(Involvement.member_id == member.id, None, None):
        summary.add(involvement)
    return summary


def involvement_summary(
    panel: Panel, *, start: date | None = None, end: date | None = None
) -> InvolvementSummary:
    """Each member's hours and payments for the panel's meetings between `start` and `end`
    (inclusive, either may be None), plus a total row. Members with nothing recorded are left
    out."""
    by_member: dict[int, MemberInvolvement] = {}
    total: MemberInvolvement | None = None
    for involvement in _involvements(Meeting.panel_id == panel.id, start, end):
        row = by_member.setdefault(
            involvement.member_id, MemberInvolvement(member=involvement.member)
        )
        row.add(involvement)
        if total is None:
            total = MemberInvolvement(member=involvement.member)
        total.add(involvement)
    rows = sorted(by_member.values(), key=lambda r: r.member.display_name.lower())
    return InvolvementSummary(rows=rows, total=total)


def neutralise_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def pounds(pence: int | None) -> str:
    return "" if pence is None else f"{pence / 100:.2f}"


def involvement_csv(
    panel: Panel, *, start: date | None = None, end: date | None = None
) -> str:
    """One row per member per meeting, for the finance team."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([
        "Panel", "Meeting date", "Meeting type", "Topic", "Member", "Pseudonym",
        "Hours", "Reward", "Amount (£)", "Notes",
    ])
    for inv in _involvements(Meeting.panel_id == panel.id, start, end):
        kind = "Focus group" if inv.meeting.kind == MeetingKind.FOCUS_GROUP else "Panel meeting"
        writer.writerow([neutralise_cell(v) for v in (
            panel.name, inv.meeting.held_on.isoformat(), kind, inv.meeting.topic,
            inv.member.display_name, "Yes" if inv.member.is_pseudonym else "No",
            f"{Decimal(inv.hours):.2f}", inv.reward.capitalize(), pounds(inv.amount_pence),
            inv.notes,
        )])
    return out.getvalue()
