"""Themes: analysis runs, the theme list and page, and curation by facilitators and leads."""

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
from markupsafe import escape
from wtforms.fields.choices import SelectChoice

from feedback_app.access import (
    accessible_services,
    require_service,
    require_service_of,
    role_required,
)
from feedback_app.actions.forms import STATUS_LABELS
from feedback_app.extensions import db
from feedback_app.impact import WINDOW_DAYS, action_impact
from feedback_app.models import AnalysisRun, Comment, Role, Theme
from feedback_app.models._base import now_utc
from feedback_app.themes import exports, services
from feedback_app.themes.charts import bar_chart, sparkline
from feedback_app.themes.forms import ConfirmForm, EditThemeForm, MergeForm, MoveForm, SplitForm
from feedback_app.themes.overview import parse_quarter, quarterly_report, service_overview

bp = Blueprint("themes", __name__, url_prefix="/themes")

STAFF = (Role.LEAD, Role.FACILITATOR)
NO_THEME = -1


def _theme(theme_id: int) -> Theme:
    theme = require_service_of(db.session.get(Theme, theme_id))
    if not theme.is_active:
        abort(404)
    return theme


def _chosen_service():
    service_id = request.args.get("service", type=int)
    if service_id is not None:
        return require_service(service_id)
    services_ = accessible_services()
    return services_[0] if len(services_) == 1 else None


@bp.route("/")
@role_required(*STAFF)
def index() -> ResponseReturnValue:
    service = _chosen_service()
    if service is None:
        return render_template("themes/choose_service.html", services=accessible_services())
    everything = services.theme_summaries(service.id)
    # Taxonomy themes nobody has raised yet would only clutter the list.
    summaries = [s for s in everything if s.count]
    sparklines = {
        s.theme.id: sparkline(s.monthly, label=f"{s.theme.name}: comments each month for the "
                              f"last {len(s.monthly)} months: " + ", ".join(map(str, s.monthly)))
        for s in summaries
    }
    return render_template(
        "themes/index.html",
        service=service,
        summaries=summaries,
        empty=len(everything) - len(summaries),
        sparklines=sparklines,
        source_names=services.SOURCE_NAMES,
        latest=services.latest_run(service.id),
        running=services.active_run(service.id),
        runs=services.run_history(service.id, limit=5),
        form=ConfirmForm(),
    )


def _start(kind: str) -> ResponseReturnValue:
    service = require_service(request.args.get("service", type=int) or 0)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    run, created = services.queue_run(service.id, current_user.id, kind=kind)
    if created:
        services.run_in_background(current_app._get_current_object(), run.id)
    else:
        flash("An analysis is already under way for this service.", "info")
    return redirect(url_for("themes.run", run_id=run.id))


@bp.route("/overview")
@role_required(*STAFF)
def overview() -> ResponseReturnValue:
    service = _chosen_service()
    if service is None:
        return render_template("themes/choose_service.html", services=accessible_services(),
                               endpoint="themes.overview")
    data = service_overview(service.id)
    volume_lines = {
        source: sparkline(values, label=f"{services.SOURCE_NAMES.get(source, source)}: "
                          + ", ".join(map(str, values)))
        for source, values in data.volume.items()
    }
    fft_values = [p for _, _, p in data.fft if p is not None]
    return render_template(
        "themes/overview.html", service=service, data=data, volume_lines=volume_lines,
        fft_line=sparkline(fft_values, label="FFT % positive each month: "
                           + ", ".join(map(str, fft_values))) if fft_values else "",
        source_names=services.SOURCE_NAMES, status_labels=STATUS_LABELS,
        impacts={a.id: action_impact(a) for a in data.done}, window=WINDOW_DAYS,
    )


@bp.route("/report")
@role_required(*STAFF)
def report() -> ResponseReturnValue:
    service = require_service(request.args.get("service", type=int) or 0)
    year, quarter = parse_quarter(request.args.get("quarter"), now_utc().date())
    data = quarterly_report(service.id, year, quarter)
    impacts = {a.id: action_impact(a) for a in data.done}
    return render_template("themes/report.html", service=service, report=data, impacts=impacts,
                           source_names=services.SOURCE_NAMES, status_labels=STATUS_LABELS)


@bp.route("/export")
@role_required(*STAFF)
def export() -> ResponseReturnValue:
    service = require_service(request.args.get("service", type=int) or 0)
    what, fmt = request.args.get("what", "comments"), request.args.get("fmt", "csv")
    if what not in exports.EXPORTS or fmt not in ("csv", "xlsx"):
        abort(404)
    rows = exports.export_rows(service.id, what)
    filename = f"{service.slug}-{what}.{fmt}"
    if fmt == "csv":
        body, mimetype = exports.to_csv(rows), "text/csv"
    else:
        body = exports.to_xlsx(rows, what)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.post("/runs")
@role_required(*STAFF)
def start_run() -> ResponseReturnValue:
    return _start("fit")


@bp.post("/assign-new")
@role_required(*STAFF)
def assign_new() -> ResponseReturnValue:
    return _start("assign")


@bp.route("/runs/<int:run_id>")
@role_required(*STAFF)
def run(run_id: int) -> ResponseReturnValue:
    analysis_run = require_service_of(db.session.get(AnalysisRun, run_id))
    return render_template("themes/run.html", run=analysis_run, service=analysis_run.service)


@bp.route("/<int:theme_id>")
@role_required(*STAFF)
def detail(theme_id: int) -> ResponseReturnValue:
    theme = _theme(theme_id)
    page = db.paginate(
        services.theme_comments_query(theme), per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    by_source, demographic = services.theme_breakdowns(theme)
    monthly = services.monthly_counts(theme)
    return render_template(
        "themes/detail.html",
        theme=theme,
        service=theme.service,
        page=page,
        representative=services.representative_comments(theme),
        by_source=by_source,
        demographic=demographic,
        monthly=monthly,
        chart=bar_chart(monthly),
        actions=services.actions_for_theme(theme),
        can_create_action=current_user.has_role(Role.LEAD),
        status_labels=STATUS_LABELS,
        form=ConfirmForm(),
    )


@bp.route("/<int:theme_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(theme_id: int) -> ResponseReturnValue:
    theme = _theme(theme_id)
    form = EditThemeForm(obj=theme)
    if form.validate_on_submit():
        services.edit_theme(theme, form.name.data, form.description.data or "", current_user.id)
        flash("Theme updated. The next analysis run keeps these words.", "success")
        return redirect(url_for("themes.detail", theme_id=theme.id))
    return render_template("themes/edit.html", theme=theme, form=form)


@bp.route("/<int:theme_id>/merge", methods=["GET", "POST"])
@role_required(*STAFF)
def merge(theme_id: int) -> ResponseReturnValue:
    theme = _theme(theme_id)
    others = [t for t in services.active_themes(theme.service_id) if t.id != theme.id]
    form = MergeForm()
    form.themes.choices = [SelectChoice(t.id, escape(f"{t.name} ({t.size})")) for t in others]
    if form.validate_on_submit():
        chosen = [t for t in others if t.id in set(form.themes.data)]
        try:
            services.merge_themes(theme, chosen, current_user.id)
        except services.ThemeError as error:
            form.themes.errors.append(str(error))
        else:
            flash(f"Merged {len(chosen)} themes into {theme.name}.", "success")
            return redirect(url_for("themes.detail", theme_id=theme.id))
    return render_template("themes/merge.html", theme=theme, form=form)


@bp.route("/<int:theme_id>/split", methods=["GET", "POST"])
@role_required(*STAFF)
def split(theme_id: int) -> ResponseReturnValue:
    theme = _theme(theme_id)
    comments = list(db.session.scalars(services.theme_comments_query(theme).limit(500)))
    form = SplitForm()
    form.comments.choices = [SelectChoice(c.id, escape(c.redacted_text[:300])) for c in comments]
    if form.validate_on_submit():
        try:
            new = services.split_theme(theme, form.comments.data, form.name.data, current_user.id)
        except services.ThemeError as error:
            form.comments.errors.append(str(error))
        else:
            flash(f"Made a new theme, {new.name}.", "success")
            return redirect(url_for("themes.detail", theme_id=new.id))
    return render_template("themes/split.html", theme=theme, form=form,
                           truncated=len(comments) == 500)


@bp.route("/<int:theme_id>/comments/<int:comment_id>/move", methods=["GET", "POST"])
@role_required(*STAFF)
def move(theme_id: int, comment_id: int) -> ResponseReturnValue:
    theme = _theme(theme_id)
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.service_id != theme.service_id:
        abort(404)
    form = MoveForm()
    targets = [t for t in services.active_themes(theme.service_id) if t.id != theme.id]
    form.theme.choices = [SelectChoice(t.id, escape(t.name)) for t in targets] + [
        SelectChoice(NO_THEME, "No theme")
    ]
    if form.validate_on_submit():
        target = next((t for t in targets if t.id == form.theme.data), None)
        services.move_comment(comment, theme, target, current_user.id)
        flash("Comment moved.", "success")
        return redirect(url_for("themes.detail", theme_id=theme.id))
    return render_template("themes/move.html", theme=theme, comment=comment, form=form)


@bp.route("/<int:theme_id>/not-a-theme", methods=["GET", "POST"])
@role_required(*STAFF)
def not_a_theme(theme_id: int) -> ResponseReturnValue:
    theme = _theme(theme_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.mark_not_a_theme(theme, current_user.id)
        flash(f"{theme.name} is no longer shown as a theme.", "success")
        return redirect(url_for("themes.index", service=theme.service_id))
    return render_template("themes/not_a_theme.html", theme=theme, form=form)
