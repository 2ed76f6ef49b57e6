"""Patient panels and focus groups: the facilitator's pages.

Facilitators (and admins) change things; service leads may look at every page read-only. Every
object is reached through its service, so a user of another service gets 404.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user
from wtforms import SelectChoice

from feedback_app.access import (
    accessible_services,
    require_service,
    require_service_of,
    role_required,
)
from feedback_app.extensions import db
from feedback_app.models import (
    ConsentRecord,
    Contribution,
    Involvement,
    Meeting,
    MeetingKind,
    Panel,
    PanelMember,
    Role,
)
from feedback_app.panels import pages as present
from feedback_app.panels import services
from feedback_app.panels.forms import (
    ANONYMOUS,
    AttendanceForm,
    ConsentForm,
    ContributionForm,
    DeleteForm,
    EditMeetingForm,
    InvolvementForm,
    MeetingForm,
    MemberForm,
    PanelForm,
    PeriodForm,
    WithdrawConsentForm,
)
from feedback_app.panels.services import PanelRuleError
from feedback_app.themes import services as themes

bp = Blueprint("panels", __name__, url_prefix="/panels")

VIEW = (Role.FACILITATOR, Role.LEAD)
CHANGE = (Role.FACILITATOR,)


def _can_change() -> bool:
    return current_user.has_role(*CHANGE)


# --- Finding things the user may see (404 otherwise) -------------------------------------------


def _panel(panel_id: int) -> Panel:
    return require_service_of(db.session.get(Panel, panel_id))


def _member(member_id: int) -> PanelMember:
    member = db.session.get(PanelMember, member_id)
    if member is None:
        abort(404)
    require_service_of(member.panel)
    return member


def _changeable_member(member_id: int) -> PanelMember:
    """The member, unless their details were erased: then back to their page, saying why."""
    member = _member(member_id)
    try:
        services.check_not_erased(member)
    except PanelRuleError as error:
        flash(error.message, "info")
        abort(redirect(url_for("panels.member", member_id=member.id)))
    return member


def _consent(consent_id: int) -> ConsentRecord:
    consent = db.session.get(ConsentRecord, consent_id)
    if consent is None:
        abort(404)
    require_service_of(consent.member.panel)
    return consent


def _meeting(meeting_id: int) -> Meeting:
    return require_service_of(db.session.get(Meeting, meeting_id))


def _contribution(contribution_id: int) -> Contribution:
    contribution = db.session.get(Contribution, contribution_id)
    if contribution is None:
        abort(404)
    require_service_of(contribution.meeting)
    return contribution


def _uid() -> int:
    return int(current_user.id)


# --- Panels ------------------------------------------------------------------------------------


@bp.route("/")
@role_required(*VIEW)
def index() -> ResponseReturnValue:
    return render_template(
        "panels/index.html",
        groups=present.index_groups(accessible_services()),
        can_change=_can_change(),
    )


@bp.route("/focus-groups")
@role_required(*VIEW)
def focus_groups() -> ResponseReturnValue:
    """All of a service's focus groups that are not attached to a panel, a page at a time."""
    service = require_service(request.args.get("service_id", type=int) or 0)
    page = db.paginate(
        services.standalone_focus_groups_query(service.id),
        per_page=current_app.config["PAGE_SIZE"], error_out=False,
    )
    return render_template(
        "panels/focus_groups.html", service=service, page=page,
        pagination=present.pagination_links(page, lambda n: url_for(
            "panels.focus_groups", service_id=service.id, page=n)),
        can_change=_can_change(),
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(*CHANGE)
def new_panel() -> ResponseReturnValue:
    form = PanelForm()
    choices = accessible_services()
    form.service_id.choices = [SelectChoice(s.id, s.name) for s in choices]
    if request.method == "GET":
        form.service_id.data = request.args.get("service_id", type=int) or (
            choices[0].id if len(choices) == 1 else None
        )
    if form.validate_on_submit():
        service = require_service(form.service_id.data)
        try:
            panel = services.create_panel(
                service_id=service.id, name=form.name.data, description=form.description.data
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash(f"Panel {panel.name} created.", "success")
            return redirect(url_for("panels.panel", panel_id=panel.id))
    return render_template("panels/panel_form.html", form=form, panel=None)


@bp.route("/<int:panel_id>")
@role_required(*VIEW)
def panel(panel_id: int) -> ResponseReturnValue:
    panel = _panel(panel_id)
    return render_template(
        "panels/panel.html", panel=panel, page=present.panel_page(panel),
        can_change=_can_change(),
    )


@bp.route("/<int:panel_id>/edit", methods=["GET", "POST"])
@role_required(*CHANGE)
def edit_panel(panel_id: int) -> ResponseReturnValue:
    panel = _panel(panel_id)
    form = PanelForm(obj=panel)
    form.service_id.choices = [SelectChoice(panel.service_id, panel.service.name)]
    form.service_id.data = panel.service_id
    if form.validate_on_submit():
        try:
            services.update_panel(panel, name=form.name.data, description=form.description.data)
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash("Panel details saved.", "success")
            return redirect(url_for("panels.panel", panel_id=panel.id))
    return render_template("panels/panel_form.html", form=form, panel=panel)


# --- Members -----------------------------------------------------------------------------------


@bp.route("/<int:panel_id>/members/new", methods=["GET", "POST"])
@role_required(*CHANGE)
def new_member(panel_id: int) -> ResponseReturnValue:
    panel = _panel(panel_id)
    form = MemberForm()
    if form.validate_on_submit():
        try:
            member = services.add_member(panel, **form.values(), recorded_by_id=_uid())
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash(f"{member.display_name} added to the panel.", "success")
            return redirect(url_for("panels.member", member_id=member.id))
    return render_template("panels/member_form.html", form=form, panel=panel, member=None)


@bp.route("/members/<int:member_id>")
@role_required(*VIEW)
def member(member_id: int) -> ResponseReturnValue:
    member = _member(member_id)
    return render_template(
        "panels/member.html", member=member, panel=member.panel,
        page=present.member_page(member, show_contact=_can_change()),
        can_change=_can_change() and not member.is_erased,
    )


@bp.route("/members/<int:member_id>/edit", methods=["GET", "POST"])
@role_required(*CHANGE)
def edit_member(member_id: int) -> ResponseReturnValue:
    member = _changeable_member(member_id)
    form = MemberForm(obj=member)
    if request.method == "GET":
        form.is_pseudonym.data = "pseudonym" if member.is_pseudonym else "real"
        form.phone.data = services.format_phone(member.phone)
    if form.validate_on_submit():
        had_contact = member.contact_consent
        try:
            services.update_member(member, **form.values(), recorded_by_id=_uid())
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash("Member details saved.", "success")
            if had_contact and not member.contact_consent:
                flash("They no longer agree to be contacted, so their email address and phone "
                      "number have been deleted.", "info")
            return redirect(url_for("panels.member", member_id=member.id))
    return render_template(
        "panels/member_form.html", form=form, panel=member.panel, member=member
    )


@bp.route("/members/<int:member_id>/erase", methods=["GET", "POST"])
@role_required(*CHANGE)
def erase_member(member_id: int) -> ResponseReturnValue:
    """The member's right to erasure: shows what goes and what stays, then does it."""
    member = _changeable_member(member_id)
    form = DeleteForm()
    if form.validate_on_submit():
        try:
            services.erase_member(member, erased_by_id=_uid())
        except PanelRuleError as error:
            form.form_errors.append(error.message)
        else:
            flash(f"Personal details erased. This member is now shown as {member.display_name}.",
                  "success")
            return redirect(url_for("panels.member", member_id=member.id))
    return render_template(
        "panels/member_erase.html", form=form, member=member, panel=member.panel,
        page=present.erasure_page(member),
    )


# --- Consent -----------------------------------------------------------------------------------


@bp.route("/members/<int:member_id>/consents/new", methods=["GET", "POST"])
@role_required(*CHANGE)
def new_consent(member_id: int) -> ResponseReturnValue:
    member = _changeable_member(member_id)
    form = ConsentForm()
    if form.validate_on_submit():
        try:
            services.record_consent(
                member, purpose=form.purpose_text(), given_on=form.given_on.data,
                notes=form.notes.data or "", recorded_by_id=_uid(),
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash("Consent recorded.", "success")
            return redirect(url_for("panels.member", member_id=member.id))
    return render_template("panels/consent_form.html", form=form, member=member)


@bp.route("/consents/<int:consent_id>/withdraw", methods=["GET", "POST"])
@role_required(*CHANGE)
def withdraw_consent(consent_id: int) -> ResponseReturnValue:
    consent = _consent(consent_id)
    member = consent.member
    if not consent.is_current:
        flash("This consent had already been withdrawn.", "info")
        return redirect(url_for("panels.member", member_id=member.id))
    form = WithdrawConsentForm()
    if form.validate_on_submit():
        try:
            services.withdraw_consent(
                consent, withdrawn_on=form.withdrawn_on.data, notes=form.notes.data
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash(f"Consent withdrawn: {consent.purpose}.", "success")
            if services.withdraws_contact(consent):
                flash("Their email address and phone number have been deleted, because they no "
                      "longer agree to be contacted.", "info")
            return redirect(url_for("panels.member", member_id=member.id))
    return render_template(
        "panels/withdraw_consent.html", form=form, consent=consent, member=member,
        clears_contact=services.withdraws_contact(consent),
    )


# --- Meetings ----------------------------------------------------------------------------------


@bp.route("/meetings/new", methods=["GET", "POST"])
@role_required(*CHANGE)
def new_meeting() -> ResponseReturnValue:
    service = require_service(request.args.get("service_id", type=int) or 0)
    form = MeetingForm()
    form.panel_id.choices = present.panel_choices(service)
    if request.method == "GET":
        form.panel_id.data = request.args.get("panel_id", "")
        if request.args.get("kind") in {k.value for k in MeetingKind}:
            form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(
                service_id=service.id, kind=form.kind.data, topic=form.topic.data,
                held_on=form.held_on.data, panel_id=form.panel_value(),
                agenda=form.agenda.data or "", participation_level=form.participation_level.data,
                notes=form.notes.data or "", created_by_id=_uid(),
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash(f"{present.kind_label(meeting)} added.", "success")
            return redirect(url_for("panels.meeting", meeting_id=meeting.id))
    panel_id = request.args.get("panel_id", type=int)
    back = (url_for("panels.panel", panel_id=panel_id)
            if panel_id and str(panel_id) in {c.value for c in form.panel_id.choices}
            else url_for("panels.index"))
    return render_template(
        "panels/meeting_form.html", form=form, service=service, meeting=None, back=back
    )


@bp.route("/meetings/<int:meeting_id>")
@role_required(*VIEW)
def meeting(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    page = present.meeting_page(meeting)
    saved = request.args.get("saved", type=int)
    return render_template(
        "panels/meeting.html", meeting=meeting, page=page,
        risk_alert=page.risk_for(saved) if saved else None,
        can_change=_can_change(),
    )


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@role_required(*CHANGE)
def edit_meeting(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    form = EditMeetingForm(obj=meeting)
    if form.validate_on_submit():
        try:
            services.update_meeting(
                meeting, topic=form.topic.data, held_on=form.held_on.data,
                agenda=form.agenda.data or "", participation_level=form.participation_level.data,
                notes=form.notes.data or "",
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash("Meeting details saved.", "success")
            return redirect(url_for("panels.meeting", meeting_id=meeting.id))
    return render_template(
        "panels/meeting_form.html", form=form, service=meeting.service, meeting=meeting,
        back=url_for("panels.meeting", meeting_id=meeting.id),
    )


@bp.route("/meetings/<int:meeting_id>/delete", methods=["GET", "POST"])
@role_required(*CHANGE)
def delete_meeting(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    form = DeleteForm()
    back = (url_for("panels.panel", panel_id=meeting.panel_id) if meeting.panel_id
            else url_for("panels.index"))
    if form.validate_on_submit():
        try:
            services.delete_meeting(meeting)
        except PanelRuleError as error:
            form.form_errors.append(error.message)
        else:
            flash("The meeting has been deleted.", "success")
            return redirect(back)
    return render_template("panels/meeting_delete.html", form=form, meeting=meeting)


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["GET", "POST"])
@role_required(*CHANGE)
def attendance(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    if meeting.panel is None:
        abort(404)
    form = AttendanceForm()
    form.member_ids.choices = [
        SelectChoice(m.id, m.display_name) for m in services.meeting_members(meeting)
    ]
    if request.method == "GET":
        form.member_ids.data = [a.member_id for a in meeting.attendance if a.attended]
    if form.validate_on_submit():
        try:
            services.set_attendance(meeting, form.member_ids.data or [])
        except PanelRuleError as error:
            form.member_ids.errors = [error.message]
        else:
            flash("Attendance saved.", "success")
            return redirect(url_for("panels.meeting", meeting_id=meeting.id))
    return render_template("panels/attendance.html", form=form, meeting=meeting)


# --- Contributions -----------------------------------------------------------------------------


def _contribution_form(meeting: Meeting, contribution: Contribution | None) -> ContributionForm:
    form = ContributionForm(obj=contribution)
    form.member_id.choices = [SelectChoice(ANONYMOUS, "Anonymous")] + [
        SelectChoice(str(m.id), m.display_name) for m in services.attributable_members(meeting)
    ]
    if request.method == "GET" and contribution is not None:
        form.member_id.data = str(contribution.member_id) if contribution.member_id else ANONYMOUS
    return form


@bp.route("/meetings/<int:meeting_id>/contributions/new", methods=["GET", "POST"])
@role_required(*CHANGE)
def new_contribution(meeting_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    form = _contribution_form(meeting, None)
    if form.validate_on_submit():
        try:
            contribution = services.add_contribution(
                meeting, text=form.text.data, member_id=form.member_value(),
                recorded_by_id=_uid(),
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            themes.file_on_arrival(meeting.service_id)
            flash("What was said has been saved.", "success")
            return redirect(url_for("panels.meeting", meeting_id=meeting.id,
                                    saved=contribution.id, _anchor="contributions"))
    return render_template(
        "panels/contribution_form.html", form=form, meeting=meeting, contribution=None
    )


@bp.route("/contributions/<int:contribution_id>/edit", methods=["GET", "POST"])
@role_required(*CHANGE)
def edit_contribution(contribution_id: int) -> ResponseReturnValue:
    contribution = _contribution(contribution_id)
    meeting = contribution.meeting
    form = _contribution_form(meeting, contribution)
    if form.validate_on_submit():
        try:
            services.update_contribution(
                contribution, text=form.text.data, member_id=form.member_value()
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            themes.file_on_arrival(meeting.service_id)
            flash("Your changes have been saved.", "success")
            return redirect(url_for("panels.meeting", meeting_id=meeting.id,
                                    saved=contribution.id, _anchor="contributions"))
    return render_template(
        "panels/contribution_form.html", form=form, meeting=meeting, contribution=contribution
    )


@bp.route("/contributions/<int:contribution_id>/delete", methods=["GET", "POST"])
@role_required(*CHANGE)
def delete_contribution(contribution_id: int) -> ResponseReturnValue:
    contribution = _contribution(contribution_id)
    meeting = contribution.meeting
    form = DeleteForm()
    if form.validate_on_submit():
        services.delete_contribution(contribution)
        flash("The contribution has been deleted.", "success")
        return redirect(url_for("panels.meeting", meeting_id=meeting.id))
    return render_template(
        "panels/contribution_delete.html", form=form, meeting=meeting, contribution=contribution
    )


# --- Involvement -------------------------------------------------------------------------------


@bp.route("/meetings/<int:meeting_id>/involvement/<int:member_id>", methods=["GET", "POST"])
@role_required(*CHANGE)
def involvement(meeting_id: int, member_id: int) -> ResponseReturnValue:
    meeting = _meeting(meeting_id)
    member = next((m for m in services.meeting_members(meeting) if m.id == member_id), None)
    if member is None:
        abort(404)
    existing = next((i for i in meeting.involvements if i.member_id == member.id), None)
    form = InvolvementForm(obj=existing)
    if request.method == "GET" and existing is not None:
        form.amount.data = services.pounds(existing.amount_pence)
        form.hours.data = f"{existing.hours.normalize():f}"
    if form.validate_on_submit():
        try:
            services.record_involvement(
                meeting, member_id=member.id, hours=form.hours.data, reward=form.reward.data,
                amount_pence=form.amount_pence(), notes=form.notes.data or "",
            )
        except PanelRuleError as error:
            form.add_rule_error(error)
        else:
            flash(f"Involvement saved for {member.display_name}.", "success")
            return redirect(url_for("panels.meeting", meeting_id=meeting.id,
                                    _anchor="involvement"))
    return render_template(
        "panels/involvement_form.html", form=form, meeting=meeting, member=member,
        existing=existing, remove_form=DeleteForm(formdata=None),
    )


@bp.route("/involvement/<int:involvement_id>/delete", methods=["POST"])
@role_required(*CHANGE)
def delete_involvement(involvement_id: int) -> ResponseReturnValue:
    involvement = db.session.get(Involvement, involvement_id)
    if involvement is None:
        abort(404)
    meeting = require_service_of(involvement.meeting)
    form = DeleteForm()
    if not form.validate_on_submit():
        abort(400)
    name = involvement.member.display_name
    services.delete_involvement(involvement)
    flash(f"Involvement removed for {name}.", "success")
    return redirect(url_for("panels.meeting", meeting_id=meeting.id, _anchor="involvement"))


def _period() -> PeriodForm:
    form = PeriodForm(formdata=request.args if request.args else None)
    if request.args:
        form.validate()
    return form


@bp.route("/<int:panel_id>/involvement")
@role_required(*VIEW)
def involvement_report(panel_id: int) -> ResponseReturnValue:
    panel = _panel(panel_id)
    period = _period()
    start, end = (None, None) if period.errors else (period.start.data, period.end.data)
    summary = services.involvement_summary(panel, start=start, end=end)
    return render_template(
        "panels/involvement.html", panel=panel, summary=summary, period=period, form=period,
        csv_args=present.period_args(start, end), years=present.financial_years(),
    )


@bp.route("/<int:panel_id>/involvement.csv")
@role_required(*VIEW)
def involvement_download(panel_id: int) -> ResponseReturnValue:
    panel = _panel(panel_id)
    period = _period()
    start, end = (None, None) if period.errors else (period.start.data, period.end.data)
    body = services.involvement_csv(panel, start=start, end=end)
    filename = present.csv_filename(panel, start, end)
    return Response(
        "\ufeff" + body,  # a byte-order mark so Excel reads £ and accents as UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                 "Cache-Control": "no-store"},
    )


@bp.context_processor
def _labels() -> dict[str, object]:
    return {"labels": present.LABELS}
