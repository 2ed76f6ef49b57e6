"""All models, importable from one place (and registered with the metadata for migrations)."""

from feedback_app.models.comments import Comment, CommentSource, RiskLevel
from feedback_app.models.panels import (
    AccessNeed,
    Attendance,
    ConsentRecord,
    Contribution,
    Involvement,
    Meeting,
    MeetingKind,
    Panel,
    PanelMember,
    ParticipationLevel,
    RewardKind,
)
from feedback_app.models.people import Role, Service, User, service_membership
from feedback_app.models.surveys import (
    Answer,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)

__all__ = [
    "AccessNeed",
    "Answer",
    "Attendance",
    "Comment",
    "CommentSource",
    "ConsentRecord",
    "Contribution",
    "Involvement",
    "Meeting",
    "MeetingKind",
    "Panel",
    "PanelMember",
    "ParticipationLevel",
    "Question",
    "QuestionKind",
    "Response",
    "RewardKind",
    "RiskLevel",
    "Role",
    "Service",
    "Survey",
    "SurveyStatus",
    "User",
    "service_membership",
]
