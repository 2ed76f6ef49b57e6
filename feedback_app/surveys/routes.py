"""Surveys: staff build them and read results; anyone answers them at /s/<slug>."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from feedback_app.access import (
    accessible_service_ids,
    accessible_services,
    require_service,
    require_service_of,
    role_required,
)
from feedback_app.extensions import csrf, db, limiter
from feedback_app.models import Question, QuestionKind, Role, Survey, SurveyStatus
from feedback_app.surveys import services
from feedback_app.surveys.forms import (
    ActionForm,
    QuestionForm,
    ResponseFormBase,
    SurveyForm,
    about_you_items,
    build_response_form,
    question_items,
)
from feedback_app.surveys.qr import KINDS as QR_KINDS
from feedback_app.surveys.qr import qr_code
from feedback_app.surveys.questions import FFT_TEXT, KIND_LABELS
from feedback_app.themes import services as themes

bp = Blueprint("surveys", __name__)

STAFF = (Role.FACILITATOR, Role.LEAD)
THANKS_SESSION_KEY = "survey_response_id"
UNREADABLE_POST = (
    "We could not read your answers: your browser sent characters we do not understand. "
    "Answer the questions again and send them."
)
OPTIONS_HINTS: dict[QuestionKind | None, str] = {
    None: (
        'For "choose one" and "choose any" questions: one option on each line. For a scale '
        "from 0 to 4: you can name its two ends on 2 lines (for example Not at all, then "
        "Completely). Other types of question have fixed options."
    ),
    QuestionKind.SINGLE: "One option on each line.",
    QuestionKind.MULTIPLE: "One option on each line.",
    QuestionKind.SCALE_0_4: (
        'Name the two ends of the scale on 2 lines, or leave it empty for "Not at all" '
        'and "Completely".'
    ),
}
STATUS_TAGS = {
    SurveyStatus.DRAFT: ("Draft", "grey"),
    SurveyStatus.PUBLISHED: ("Open", "green"),
    SurveyStatus.CLOSED: ("Closed", "red"),
}


def _survey(survey_id: int) -> Survey:
    return require_service_of(db.session.get(Survey, survey_id))


def _question(survey: Survey, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.survey_id != survey.id:
        abort(404)
    return question


def _share_url(survey: Survey) -> str:
    return url_for("surveys.respond", slug=survey.slug, _external=True)


def _is_staff_of(survey: Survey) -> bool:
    return (
        current_user.is_authenticated
        and current_user.has_role(*STAFF)
        and current_user.can_access(survey.service_id)
    )


# ---------------------------------------------------------------------------------------------
# Staff: list, create, build


@bp.route("/surveys/")
@role_required(*STAFF)
def index() -> ResponseReturnValue:
    page = db.paginate(
        services.surveys_for_services(accessible_service_ids()),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    counts = services.response_counts([s.id for s in page.items])
    rows = [
        {
            "survey": s,
            "responses": counts.get(s.id, 0),
            "share_url": _share_url(s),
            "tag": STATUS_TAGS[SurveyStatus(s.status)],
        }
        for s in page.items
    ]
    return render_template("surveys/index.html", rows=rows, page=page)


def _service_choices(form: SurveyForm) -> None:
    form.service_id.choices = [SelectChoice(s.id, s.name) for s in accessible_services()]


@bp.route("/surveys/new", methods=["GET", "POST"])
@role_required(*STAFF)
def new() -> ResponseReturnValue:
    form = SurveyForm()
    _service_choices(form)
    if form.validate_on_submit():
        service = require_service(form.service_id.data)
        try:
            survey = services.create_survey(
                service,
                form.title.data,
                current_user,
                intro=form.intro.data or "",
                slug=form.slug.data or None,
                ask_about_you=form.ask_about_you.data,
            )
        except services.SurveyError as error:
            form[error.field or "title"].errors.append(error.message)
        else:
            flash("Survey created. It starts with the Friends and Family Test question.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/details.html", form=form, survey=None)


@bp.route("/surveys/<int:survey_id>")
@role_required(*STAFF)
def show(survey_id: int) -> ResponseReturnValue:
    survey = _survey(survey_id)
    return render_template(
        "surveys/show.html",
        survey=survey,
        form=ActionForm(),
        is_draft=survey.status == SurveyStatus.DRAFT,
        is_open=survey.is_open,
        tag=STATUS_TAGS[SurveyStatus(survey.status)],
        share_url=_share_url(survey),
        responses=services.response_counts([survey.id]).get(survey.id, 0),
        kind_labels=KIND_LABELS,
    )


@bp.route("/surveys/<int:survey_id>/qr.<any(svg, png):kind>")
@role_required(*STAFF)
def qr(survey_id: int, kind: str) -> ResponseReturnValue:
    survey = _survey(survey_id)
    body = qr_code(_share_url(survey), kind)
    name = f"{survey.slug}-qr.{kind}"
    disposition = "attachment" if request.args.get("download") else "inline"
    return body, 200, {"Content-Type": QR_KINDS[kind],
                       "Content-Disposition": f'{disposition}; filename="{name}"'}


@bp.route("/surveys/<int:survey_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(survey_id: int) -> ResponseReturnValue:
    survey = _survey(survey_id)
    if survey.status != SurveyStatus.DRAFT:
        flash("You can only change a survey while it is a draft.", "error")
        return redirect(url_for("surveys.show", survey_id=survey.id))
    form = SurveyForm(obj=survey)
    _service_choices(form)
    # A survey stays with the service it was made for.
    form.service_id.choices = [SelectChoice(survey.service_id, survey.service.name)]
    form.service_id.data = survey.service_id
    if form.validate_on_submit():
        try:
            services.update_survey(
                survey,
                title=form.title.data,
                intro=form.intro.data or "",
                slug=form.slug.data or "",
                ask_about_you=form.ask_about_you.data,
            )
        except services.SurveyError as error:
            form[error.field or "title"].errors.append(error.message)
        else:
            flash("Survey details saved.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/details.html", form=form, survey=survey)


@bp.route("/surveys/<int:survey_id>/questions/new", methods=["GET", "POST"])
@role_required(*STAFF)
def add_question(survey_id: int) -> ResponseReturnValue:
    survey = _survey(survey_id)
    form = QuestionForm()
    if request.method == "GET" and request.args.get("kind") in {k.value for k in QuestionKind}:
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        try:
            services.add_question(
                survey,
                form.kind.data,
                form.text.data or "",
                hint=form.hint.data or "",
                required=form.required.data,
                options=form.option_lines(),
            )
        except services.SurveyError as error:
            form[error.field or "text"].errors.append(error.message)
        else:
            flash("Question added.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id, _anchor="questions"))
    return render_template(
        "surveys/question.html",
        form=form,
        survey=survey,
        question=None,
        is_fft=False,
        has_options=True,
        options_hint=OPTIONS_HINTS[None],
    )


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit_question(survey_id: int, question_id: int) -> ResponseReturnValue:
    survey = _survey(survey_id)
    question = _question(survey, question_id)
    kind = QuestionKind(question.kind)
    form = QuestionForm(obj=question)
    if request.method == "GET":
        form.options.data = "\n".join(question.options or [])
    form.kind.data = question.kind  # the type of a question does not change
    if form.validate_on_submit():
        try:
            services.update_question(
                question,
                text=form.text.data or "",
                hint=form.hint.data or "",
                required=form.required.data,
                options=form.option_lines(),
            )
        except services.SurveyError as error:
            form[error.field or "text"].errors.append(error.message)
        else:
            flash("Question saved.", "success")
            return redirect(url_for("surveys.show", survey_id=survey.id, _anchor="questions"))
    return render_template(
        "surveys/question.html",
        form=form,
        survey=survey,
        question=question,
        fft_text=FFT_TEXT,
        is_fft=kind == QuestionKind.FFT,
        kind_label=KIND_LABELS[kind],
        has_options=kind in OPTIONS_HINTS,
        options_hint=OPTIONS_HINTS.get(kind),
    )


def _action(
    survey_id: int,
    operation: Callable[[Any], object],
    success: str,
    question_id: int | None = None,
) -> ResponseReturnValue:
    """Run a button's operation on a survey (or one of its questions), then go back to it."""
    survey = _survey(survey_id)
    target = _question(survey, question_id) if question_id is not None else survey
    if ActionForm().validate_on_submit():
        try:
            operation(target)
        except services.SurveyError as error:
            flash(error.message, "error")
        else:
            flash(success, "success")
    return redirect(url_for("surveys.show", survey_id=survey.id))


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/delete", methods=["POST"])
@role_required(*STAFF)
def delete_question(survey_id: int, question_id: int) -> ResponseReturnValue:
    return _action(survey_id, services.delete_question, "Question removed.", question_id)


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>/move", methods=["POST"])
@role_required(*STAFF)
def move_question(survey_id: int, question_id: int) -> ResponseReturnValue:
    direction = "up" if request.form.get("direction") == "up" else "down"
    return _action(
        survey_id,
        lambda q: services.move_question(q, direction),
        f"Question moved {direction}.",
        question_id,
    )


@bp.route("/surveys/<int:survey_id>/peq", methods=["POST"])
@role_required(*STAFF)
def add_peq(survey_id: int) -> ResponseReturnValue:
    return _action(survey_id, services.add_standard_peq_questions, "Standard PEQ questions added.")


@bp.route("/surveys/<int:survey_id>/publish", methods=["POST"])
@role_required(*STAFF)
def publish(survey_id: int) -> ResponseReturnValue:
    return _action(
        survey_id, services.publish_survey, "Survey published: people can now answer it."
    )


@bp.route("/surveys/<int:survey_id>/close", methods=["POST"])
@role_required(*STAFF)
def close(survey_id: int) -> ResponseReturnValue:
    return _action(survey_id, services.close_survey, "Survey closed: it no longer takes answers.")


@bp.route("/surveys/<int:survey_id>/preview", methods=["GET", "POST"])
@role_required(*STAFF)
def preview(survey_id: int) -> ResponseReturnValue:
    return _answer(_survey(survey_id), preview=True)


@bp.route("/surveys/<int:survey_id>/results")
@role_required(*STAFF)
def results(survey_id: int) -> ResponseReturnValue:
    survey = _survey(survey_id)
    return render_template(
        "surveys/results.html",
        survey=survey,
        results=services.survey_results(survey),
        inbox_url=url_for("inbox.index", survey=survey.id),
    )


# ---------------------------------------------------------------------------------------------
# Public: answering


@bp.route("/s/<slug>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the person's answers
@limiter.limit("30 per minute", methods=["POST"])
def respond(slug: str) -> ResponseReturnValue:
    survey = services.get_survey_by_slug(slug)
    if survey is None:
        abort(404)
    sending = request.method == "POST"
    if survey.status == SurveyStatus.CLOSED:
        page = render_template(
            "surveys/unavailable.html", survey=survey, closed=True, sending=sending
        )
        return page, 410
    if survey.status == SurveyStatus.DRAFT:
        if not _is_staff_of(survey):
            page = render_template(
                "surveys/unavailable.html", survey=survey, closed=False, sending=sending
            )
            return page, 404
        return _answer(survey, preview=True)
    return _answer(survey, preview=False)


def _answer(survey: Survey, *, preview: bool) -> ResponseReturnValue:
    text_max = services.text_max()
    form = build_response_form(survey, services.new_submission_key(), text_max)
    if request.method == "POST":
        if request.content_length and not request.form:
            # The body could not be decoded at all (for example bytes that are not UTF-8).
            form.form_errors.append(UNREADABLE_POST)
        elif form.validate():
            if preview:
                flash("This is a preview: the answers are valid, and nothing was saved.", "info")
            else:
                return _store(survey, form)
        if form.key() is None:
            form.submission_key.data = services.new_submission_key()
    return render_template(
        "surveys/respond.html",
        survey=survey,
        form=form,
        preview=preview,
        items=question_items(form, survey),
        about_you=about_you_items(form),
        action=request.path,
        text_max=text_max,
    )


def _store(survey: Survey, form: ResponseFormBase) -> ResponseReturnValue:
    try:
        response = services.record_response(
            survey, form.answers(), form.about_you(), form.consent_flags(), form.key()
        )
    except ValueError:
        abort(400)
    # Only this browser may see the receipt code: the id stays in its (signed) session.
    session[THANKS_SESSION_KEY] = response.id
    themes.file_on_arrival(survey.service_id)
    return redirect(url_for("surveys.thanks", slug=survey.slug), code=303)


@bp.route("/s/<slug>/thank-you")
def thanks(slug: str) -> ResponseReturnValue:
    response_id = session.get(THANKS_SESSION_KEY)
    response = services.get_response(response_id) if isinstance(response_id, int) else None
    if response is None or response.survey.slug != slug:
        return redirect(url_for("surveys.respond", slug=slug))
    page = render_template(
        "surveys/thanks.html",
        survey=response.survey,
        response=response,
        flagged=services.response_was_flagged(response),
        consent_sentence=_consent_sentence(response.quote_publicly, response.use_in_research),
    )
    # The receipt code is for this person only: no shared or back-button caches.
    return page, 200, {"Cache-Control": "no-store"}


def _consent_sentence(quote: bool, research: bool) -> str:
    if quote and research:
        return (
            "You said we may quote your words in public, without your name, "
            "and use your feedback in research."
        )
    if quote:
        return "You said we may quote your words in public, without your name."
    if research:
        return "You said we may use your feedback in research."
    return "Your words will only be read by the service team."
