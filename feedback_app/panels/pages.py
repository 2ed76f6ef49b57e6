"""What each panels page shows, worked out in Python so the templates only lay it out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so
from wtforms import SelectChoice

from feedback_app.extensions import db
from feedback_app.models import (
    AccessNeed,
    Attendance,
    Comment,
    ConsentRecord,
    Contribution,
    Involvement,
    Meeting,
    Panel,
    PanelMember,
    RiskLevel,
    Service,
)
from feedback_app.panels import services
from feedback_app.panels.forms import (
    ACCESS_NEED_LABELS,
    KIND_LABELS,
    PARTICIPATION_HINTS,
    PARTICIPATION_LABELS,
    REWARD_LABELS,
)
from feedback_app.panels.services import MemberInvolvement, PanelOverview

LABELS = {
    "kind": {k.value: v for k, v in KIND_LABELS.items()},
    "participation": {k.value: v for k, v in PARTICIPATION_LABELS.items()},
    "participation_hint": {k.value: v for k, v in PARTICIPATION_HINTS.items()},
    "reward": {k.value: v for k, v in REWARD_LABELS.items()},
    "access": {k.value: v for k, v in ACCESS_NEED_LABELS.items()},
}

RISK_WARNING = (
    "This may describe a risk to someone's safety. Follow your service's safeguarding procedure."
)


def kind_label(meeting: Meeting) -> str:
    return LABELS["kind"].get(meeting.kind, "Meeting")


def money(pence: int | None) -> str:
    return "" if pence is None else f"£{pence / 100:,.2f}"


def hours_text(hours: object) -> str:
    value = f"{hours:.2f}".rstrip("0").rstrip(".")
    return f"{value} hour" if value == "1" else f"{value} hours"


# --- The list of panels ------------------------------------------------------------------------


FOCUS_GROUPS_ON_INDEX = 5


@dataclass
class ServiceGroup:
    service: Service
    panels: list[PanelOverview]
    focus_groups: list[Meeting]
    focus_group_count: int

    @property
    def more_focus_groups(self) -> bool:
        return self.focus_group_count > len(self.focus_groups)


def index_groups(service_list: Sequence[Service]) -> list[ServiceGroup]:
    ids = [s.id for s in service_list]
    overviews = services.panel_overviews(ids)
    return [
        ServiceGroup(
            service=s,
            panels=[o for o in overviews if o.panel.service_id == s.id],
            focus_groups=services.standalone_focus_groups(s.id, limit=FOCUS_GROUPS_ON_INDEX),
            focus_group_count=services.count_standalone_focus_groups(s.id),
        )
        for s in service_list
    ]


def pagination_links(pagination: Any, href: Callable[[int], str]) -> dict[str, Any]:
    """The NHS.UK pagination component's parameters for a Flask-SQLAlchemy page."""
    return {
        "previous": {"href": href(pagination.prev_num)} if pagination.has_prev else None,
        "next": {"href": href(pagination.next_num)} if pagination.has_next else None,
        "items": [
            {"number": n, "href": href(n), "current": n == pagination.page}
            if n is not None else {"ellipsis": True}
            for n in pagination.iter_pages()
        ] if pagination.pages > 1 else [],
    }


def panel_choices(service: Service) -> list[SelectChoice]:
    panels = db.session.scalars(
        sa.select(Panel).where(Panel.service_id == service.id).order_by(Panel.name)
    )
    return [SelectChoice("", "Not linked to a panel (a focus group for the whole service)")] + [
        SelectChoice(str(p.id), p.name) for p in panels
    ]


# --- One panel ---------------------------------------------------------------------------------


@dataclass
class MemberRow:
    member: PanelMember
    status: str
    colour: str


@dataclass
class MeetingRow:
    meeting: Meeting
    attended: int
    contributions: int


@dataclass
class PanelPage:
    members: list[MemberRow]
    meetings: list[MeetingRow]
    current_count: int


def member_status(member: PanelMember, today: date | None = None) -> tuple[str, str]:
    today = today or date.today()
    if member.erased_at is not None:
        return f"Left {services_date(member.left_on)}" if member.left_on else "Left", "grey"
    if member.left_on is not None and member.left_on < today:
        return f"Left {services_date(member.left_on)}", "grey"
    if member.joined_on is not None and member.joined_on > today:
        return f"Joins {services_date(member.joined_on)}", "blue"
    return "Current", "green"


def services_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _counts(model: type, meeting_ids: list[int]) -> Counter[int]:
    rows = db.session.execute(
        sa.select(model.meeting_id, sa.func.count()).where(model.meeting_id.in_(meeting_ids))
        .group_by(model.meeting_id)
    )
    return Counter(dict(rows.all()))


def panel_page(panel: Panel) -> PanelPage:
    today = date.today()
    rows = [MemberRow(m, *member_status(m, today)) for m in panel.members]
    # Current members first, then those joining later, then those who have left.
    order = {"green": 0, "blue": 1, "grey": 2}
    rows.sort(key=lambda r: (order[r.colour], r.member.display_name.lower()))
    meetings = list(db.session.scalars(
        sa.select(Meeting).where(Meeting.panel_id == panel.id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    ))
    ids = [m.id for m in meetings]
    attended, said = _counts(Attendance, ids), _counts(Contribution, ids)
    return PanelPage(
        members=rows,
        meetings=[MeetingRow(m, attended[m.id], said[m.id]) for m in meetings],
        current_count=sum(1 for r in rows if r.colour == "green"),
    )


# --- One member --------------------------------------------------------------------------------


@dataclass
class ConsentEvent:
    """One line of the consent timeline: given or withdrawn."""

    on: date
    consent: ConsentRecord
    withdrawn: bool


@dataclass
class MemberPage:
    access_needs: list[str]
    contact: list[tuple[str, str]] | None
    timeline: list[ConsentEvent]
    consents: list[ConsentRecord]
    involvement: MemberInvolvement
    involvements: list[Involvement]
    meetings_attended: int
    contributions: int
    status: str
    status_colour: str
    needs_contact_record: bool = False
    money_rows: list[tuple[str, str]] = field(default_factory=list)


def access_need_labels(member: PanelMember) -> list[str]:
    labels = []
    for need in member.access_needs or []:
        label = LABELS["access"].get(need, need)
        if need == AccessNeed.INTERPRETER and member.interpreter_language:
            label = f"{label} ({member.interpreter_language})"
        labels.append(label)
    return labels


def member_page(member: PanelMember, *, show_contact: bool) -> MemberPage:
    timeline = []
    for consent in member.consents:
        timeline.append(ConsentEvent(consent.given_on, consent, withdrawn=False))
        if consent.withdrawn_on is not None:
            timeline.append(ConsentEvent(consent.withdrawn_on, consent, withdrawn=True))
    timeline.sort(key=lambda e: (e.on, e.consent.id, e.withdrawn), reverse=True)

    contact = None
    if show_contact and member.contact_consent:
        contact = [("Email address", member.email or "Not given"),
                   ("Phone number", services.format_phone(member.phone) or "Not given")]
    summary = services.member_involvement(member)
    involvements = list(db.session.scalars(
        sa.select(Involvement).join(Involvement.meeting)
        .where(Involvement.member_id == member.id)
        .options(so.selectinload(Involvement.meeting))
        .order_by(Meeting.held_on.desc())
    ))
    attended = db.session.scalar(
        sa.select(sa.func.count()).select_from(Attendance)
        .where(Attendance.member_id == member.id, Attendance.attended.is_(True))
    ) or 0
    said = db.session.scalar(
        sa.select(sa.func.count()).select_from(Contribution)
        .where(Contribution.member_id == member.id)
    ) or 0
    status, colour = member_status(member)
    money_rows = [(LABELS["reward"][kind], money(pence)) for kind, pence in summary.pence.items()]
    has_contact_record = any(
        c.purpose == services.CONTACT_PURPOSE and c.is_current for c in member.consents
    )
    return MemberPage(
        access_needs=access_need_labels(member), contact=contact, timeline=timeline,
        consents=[c for c in member.consents if c.is_current], involvement=summary,
        involvements=involvements, meetings_attended=attended, contributions=said,
        status=status, status_colour=colour,
        needs_contact_record=member.contact_consent and not has_contact_record,
        money_rows=money_rows,
    )


# --- Erasing a member's personal details ------------------------------------------------------


@dataclass
class ErasurePage:
    """What erasing a member deletes, changes and keeps, read before the facilitator confirms."""

    new_name: str
    deleted: list[tuple[str, str]]
    consents: list[ConsentRecord]
    consent_notes: int
    contributions: list[Contribution]
    quoted: int
    leaves_today: bool
    meetings_attended: int
    involvements: list[Involvement]
    paid: str
    noted_involvements: list[Involvement] = field(default_factory=list)


def erasure_page(member: PanelMember) -> ErasurePage:
    deleted = [("Name or pseudonym", member.display_name)]
    if member.email:
        deleted.append(("Email address", member.email))
    if member.phone:
        deleted.append(("Phone number", services.format_phone(member.phone)))
    if member.access_needs:
        deleted.append(("Access needs", "; ".join(access_need_labels(member))))
    if member.access_notes:
        deleted.append(("Access notes", member.access_notes))
    contributions = services.member_contributions(member)
    comments = db.session.scalars(sa.select(Comment).where(
        Comment.contribution_id.in_([c.id for c in contributions])
    ))
    page = member_page(member, show_contact=False)
    return ErasurePage(
        new_name=services.erased_name(member),
        deleted=deleted,
        consents=page.consents,
        consent_notes=sum(1 for c in member.consents if c.notes),
        contributions=contributions,
        quoted=sum(1 for c in comments if c.quote_publicly),
        leaves_today=member.left_on is None or member.left_on > date.today(),
        meetings_attended=page.meetings_attended,
        involvements=page.involvements,
        paid=money(page.involvement.total_pence),
        noted_involvements=[i for i in page.involvements if i.notes],
    )


# --- One meeting -------------------------------------------------------------------------------


@dataclass
class ContributionRow:
    contribution: Contribution
    comment: Comment | None
    who: str

    @property
    def flagged(self) -> bool:
        return self.comment is not None and self.comment.risk_level != RiskLevel.NONE

    @property
    def urgent(self) -> bool:
        return self.comment is not None and self.comment.risk_level == RiskLevel.URGENT

    @property
    def reasons(self) -> list[str]:
        if self.comment is None:
            return []
        return [readable_reason(r) for r in self.comment.risk_reasons or []]

    @property
    def learnt(self) -> bool:
        """Flagged by the learnt second reader, not by matched risk words."""
        return self.comment is not None and bool(self.comment.risk_learnt)


def readable_reason(reason: str) -> str:
    """Risk reasons are the words that matched (or codes like 'self_harm'): make them readable."""
    return re.sub(r"_+", " ", str(reason)).strip()


@dataclass
class InvolvementRow:
    member: PanelMember
    attended: bool
    involvement: Involvement | None


@dataclass
class MeetingPage:
    attendees: list[PanelMember]
    contributions: list[ContributionRow]
    involvement: list[InvolvementRow]
    has_panel: bool
    risk_warning: str = RISK_WARNING

    def risk_for(self, contribution_id: int) -> ContributionRow | None:
        """The contribution just saved, if it was flagged: the page must say so at once."""
        for row in self.contributions:
            if row.contribution.id == contribution_id and row.flagged:
                return row
        return None


def meeting_page(meeting: Meeting) -> MeetingPage:
    members = services.meeting_members(meeting)
    attended_ids = {a.member_id for a in meeting.attendance if a.attended}
    involvements = {i.member_id: i for i in meeting.involvements}
    comments = services.contribution_comments(meeting)
    rows = [
        ContributionRow(c, comments.get(c.id), c.member.display_name if c.member else "Anonymous")
        for c in meeting.contributions
    ]
    # Everyone who attended or has involvement recorded; the others can be added from the form.
    involvement = [
        InvolvementRow(m, m.id in attended_ids, involvements.get(m.id))
        for m in members if m.id in attended_ids or m.id in involvements
    ]
    return MeetingPage(
        attendees=[m for m in members if m.id in attended_ids],
        contributions=rows,
        involvement=involvement,
        has_panel=meeting.panel_id is not None,
    )


# --- The involvement report --------------------------------------------------------------------


def period_args(start: date | None, end: date | None) -> dict[str, str]:
    args = {}
    for prefix, value in (("start", start), ("end", end)):
        if value is not None:
            args |= {f"{prefix}-day": str(value.day), f"{prefix}-month": str(value.month),
                     f"{prefix}-year": str(value.year)}
    return args


def financial_years(today: date | None = None) -> list[tuple[str, dict[str, str]]]:
    """Links for this and last financial year (1 April to 31 March), and for all time."""
    today = today or date.today()
    first = today.year if today.month >= 4 else today.year - 1
    links = []
    for label, year in (("This financial year", first), ("Last financial year", first - 1)):
        start, end = date(year, 4, 1), date(year + 1, 3, 31)
        links.append((f"{label} (April {year} to March {year + 1})", period_args(start, end)))
    links.append(("All time", {}))
    return links


def csv_filename(panel: Panel, start: date | None, end: date | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", panel.name.lower()).strip("-") or "panel"
    period = "".join(f"-{d.isoformat()}" for d in (start, end) if d is not None)
    return f"involvement-{slug}{period}.csv"
