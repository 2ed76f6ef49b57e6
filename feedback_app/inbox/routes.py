"""The feedback inbox for service leads and facilitators, and the risk queue."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_sqlalchemy.pagination import Pagination

from feedback_app.access import accessible_services, role_required
from feedback_app.inbox import services
from feedback_app.inbox.forms import FILTER_KEYS, FilterForm, ReviewForm, fft_label
from feedback_app.models import Role

bp = Blueprint("inbox", __name__, url_prefix="/feedback")


MAX_PAGE = 100_000  # far past any real inbox; stops an absurd number overflowing the database


def _page_number() -> int:
    page = request.args.get("page", 1, type=int)
    return min(page, MAX_PAGE) if page and page > 0 else 1


def pagination_links(pagination: Pagination, endpoint: str, args: dict[str, str]) -> dict:
    """Parameters for the NHS.UK pagination component, keeping the filters on every link."""

    def href(number: int) -> str:
        return url_for(endpoint, **args, page=number)

    items: list[dict[str, Any]] = []
    for number in pagination.iter_pages(left_edge=1, left_current=1, right_current=2, right_edge=1):
        if number is None:
            items.append({"ellipsis": True})
        else:
            items.append(
                {"number": number, "href": href(number), "current": number == pagination.page}
            )
    return {
        "previous": {"href": href(pagination.prev_num)} if pagination.has_prev else None,
        "next": {"href": href(pagination.next_num)} if pagination.has_next else None,
        "items": items if pagination.pages > 1 else [],
    }


@bp.route("/")
@role_required(Role.LEAD, Role.FACILITATOR)
def index() -> ResponseReturnValue:
    form = FilterForm(request.args)
    form.set_choices(
        accessible_services(),
        services.surveys_for(current_user),
        services.fft_answers_for(current_user),
    )
    valid = form.validate()
    if form.service.errors or form.survey.errors:
        # A service or survey the person cannot see: answer as if it did not exist.
        abort(404)
    comments = None
    if valid:
        comments = services.list_comments(
            current_user,
            form.to_filters(),
            page=_page_number(),
            per_page=current_app.config["PAGE_SIZE"],
        )
    args = {key: value for key in FILTER_KEYS if (value := request.args.get(key, "").strip())}
    return render_template(
        "inbox/index.html",
        form=form,
        comments=comments,
        meetings=services.meetings_for(comments.items) if comments is not None else {},
        pagination=(
            pagination_links(comments, "inbox.index", args) if comments is not None else None
        ),
        filtered=bool(args),
        show_service=len(form.service.choices) > 2,
        source_labels=services.SOURCE_LABELS,
        fft_label=fft_label,
    )


@bp.route("/<int:comment_id>")
@role_required(Role.LEAD, Role.FACILITATOR)
def detail(comment_id: int) -> ResponseReturnValue:
    comment = services.get_comment_for(current_user, comment_id)
    if comment is None:
        abort(404)
    return render_template(
        "inbox/detail.html",
        comment=comment,
        meeting=services.meetings_for([comment]).get(comment.meeting_id),
        reviewer=services.reviewer_of(comment),
        show_original=services.can_see_original(current_user, comment),
        can_review=services.can_review_risk(current_user)
        and comment.risk_level in services.FLAGGED_LEVELS
        and comment.risk_reviewed_at is None,
        review_form=ReviewForm(),
        source_labels=services.SOURCE_LABELS,
        fft_label=fft_label,
    )


@bp.route("/attention")
@role_required(Role.LEAD, Role.FACILITATOR)
def attention() -> ResponseReturnValue:
    comments = services.list_attention(
        current_user, page=_page_number(), per_page=current_app.config["PAGE_SIZE"]
    )
    return render_template(
        "inbox/attention.html",
        comments=comments,
        counts=services.attention_counts(current_user),
        meetings=services.meetings_for(comments.items),
        waiting=services.days_waiting(comments.items),
        pagination=pagination_links(comments, "inbox.attention", {}),
        can_review=services.can_review_risk(current_user),
        review_form=ReviewForm(),
        source_labels=services.SOURCE_LABELS,
        fft_label=fft_label,
    )


@bp.route("/<int:comment_id>/reviewed", methods=["POST"])
@role_required(Role.LEAD)
def mark_reviewed(comment_id: int) -> ResponseReturnValue:
    comment = services.get_comment_for(current_user, comment_id)
    if comment is None:
        abort(404)
    if ReviewForm().validate_on_submit():
        try:
            services.mark_risk_reviewed(comment, current_user)
        except ValueError as error:
            flash(str(error), "error")
        else:
            flash("Marked as reviewed. It has left the list of feedback that needs attention.",
                  "success")
    target = request.form.get("next")
    if target == "detail":
        return redirect(url_for("inbox.detail", comment_id=comment.id))
    return redirect(url_for("inbox.attention"))
