"""Changes to mirror sessions: prepared and synthesised by the facilitator, answered anonymously."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from entente.governance.meeting_models import Meeting, MeetingFormat
from entente.workshops.models import new_join_code

from .keys import respondent_key
from .mirror_models import MIRROR_QUESTIONS, SCALE, MirrorQuestion, MirrorResponse, MirrorSession, QuestionKind

ANSWER_LENGTH = 3000
CLOSED_MESSAGE = "Ce temps miroir ne recueille plus de réponses."
NOT_MIRROR_MESSAGE = "Seule une réunion au format « temps miroir » reçoit un questionnaire miroir."
QUESTIONS_LOCKED_MESSAGE = (
    "Des réponses ont déjà été données : les questions ne changent plus, pour que chacun ait répondu aux mêmes."
)


@transaction.atomic
def create_session(*, meeting: Meeting, user) -> MirrorSession:
    if meeting.format != MeetingFormat.MIRROR:
        raise ValidationError(NOT_MIRROR_MESSAGE)
    if MirrorSession.objects.filter(meeting=meeting).exists():
        raise ValidationError("Cette réunion a déjà son temps miroir.")
    session = MirrorSession(
        cooperation=meeting.body.cooperation, meeting=meeting, created_by=user, salt=secrets.token_hex(16)
    )
    session._history_user = user
    session.save()
    MirrorQuestion.objects.bulk_create(
        [
            MirrorQuestion(session=session, position=i, text=text, kind=kind)
            for i, (text, kind) in enumerate(MIRROR_QUESTIONS, start=1)
        ]
    )
    return session


@transaction.atomic
def set_questions(session: MirrorSession, *, user, questions: list[tuple[str, str]]) -> None:
    """Replace the questionnaire: [(text, kind)], before the first answer only."""
    session = MirrorSession.objects.select_for_update().get(pk=session.pk)
    if session.responses.exists():
        raise ValidationError(QUESTIONS_LOCKED_MESSAGE)
    questions = [(text.strip(), kind) for text, kind in questions if text.strip()]
    if not questions:
        raise ValidationError("Le questionnaire garde au moins une question.")
    if any(kind not in QuestionKind.values for _text, kind in questions):
        raise ValidationError("Type de réponse inconnu : réponse libre ou échelle de 1 à 5.")
    session.questions.all().delete()
    MirrorQuestion.objects.bulk_create(
        [
            MirrorQuestion(session=session, position=i, text=text, kind=kind)
            for i, (text, kind) in enumerate(questions, start=1)
        ]
    )
    session._history_user = user
    session.save()  # the history says who changed the questionnaire


def clean_answers(session: MirrorSession, answers: dict) -> dict:
    """{question id: text or scale value} → only this session's questions, values on their scale."""
    questions = {str(q.pk): q for q in session.questions.all()}
    if set(map(str, answers)) - set(questions):
        raise ValidationError("Réponse à une question inconnue de ce temps miroir.")
    cleaned = {}
    for key, question in questions.items():
        value = answers.get(key, answers.get(int(key)))
        if value in (None, ""):
            continue
        if question.kind == QuestionKind.SCALE:
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = None
            if value not in SCALE:
                raise ValidationError("Réponse hors de l'échelle : choisissez une valeur de 1 à 5.")
        else:
            value = str(value).strip()
            if len(value) > ANSWER_LENGTH:
                raise ValidationError(f"Une réponse ne dépasse pas {ANSWER_LENGTH} caractères.")
            if not value:
                continue
        cleaned[key] = value
    if not cleaned:
        raise ValidationError("Répondez à au moins une question.")
    return cleaned


@transaction.atomic
def submit_answers(session: MirrorSession, *, who: str, answers: dict) -> None:
    """Record (or replace) one person's answers. `who`: "user:<pk>" or "seat:<token>" of the browser."""
    session = MirrorSession.objects.select_for_update().get(pk=session.pk)
    if not session.accepts_answers:
        raise ValidationError(CLOSED_MESSAGE)
    cleaned = clean_answers(session, answers)
    key = respondent_key(session.salt, who)
    try:
        with transaction.atomic():
            MirrorResponse.objects.update_or_create(session=session, respondent_key=key, defaults={"answers": cleaned})
    except IntegrityError:
        MirrorResponse.objects.filter(session=session, respondent_key=key).update(answers=cleaned)


def has_answered(session: MirrorSession, who: str) -> bool:
    return MirrorResponse.objects.filter(session=session, respondent_key=respondent_key(session.salt, who)).exists()


@transaction.atomic
def set_accepting(session: MirrorSession, *, user, accepts: bool) -> None:
    session.accepts_answers = accepts
    session._history_user = user
    session.save()


@transaction.atomic
def save_synthesis(session: MirrorSession, *, user, synthesis: str) -> None:
    session.synthesis = synthesis.strip()
    session._history_user = user
    session.full_clean()
    session.save()


@transaction.atomic
def renew_code(session: MirrorSession, *, user) -> None:
    session.join_code = new_join_code()
    session._history_user = user
    session.save()


def mirror_meetings(cooperation):
    """The cooperation's "temps miroir" meetings that have no questionnaire yet."""
    return (
        Meeting.objects.filter(body__cooperation=cooperation, format=MeetingFormat.MIRROR, mirror_session__isnull=True)
        .select_related("body")
        .order_by("-starts_at")
    )
