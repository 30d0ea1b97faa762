"""API of mirror sessions: answers go in one by one, come out aggregated, only from three answers on."""

from ninja import Schema
from ninja.pagination import paginate

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Id, Slug, text

from . import mirror_services as services
from .maturity_api import router
from .mirror_models import MirrorSession
from .mirror_results import mirror_results
from .rules import get_mirror_for_user

TAG = "Réflexivité"


class MirrorSessionOut(Schema):
    id: int
    meeting_id: int
    meeting: str
    accepts_answers: bool
    synthesis: str


class ScaleCountOut(Schema):
    value: int
    label: str
    count: int


class MirrorQuestionOut(Schema):
    id: int
    text: str
    kind: str
    answered: int
    texts: list[str]
    scale: list[ScaleCountOut]
    mean: float | None


class MirrorResultsOut(Schema):
    session: MirrorSessionOut
    answers: int
    shown: bool
    questions: list[MirrorQuestionOut]


class MirrorAnswerIn(Schema):
    answers: dict[text(12), text(services.ANSWER_LENGTH)]


def _session(session) -> dict:
    return {
        "id": session.pk,
        "meeting_id": session.meeting_id,
        "meeting": str(session.meeting),
        "accepts_answers": session.accepts_answers,
        "synthesis": session.synthesis,
    }


@router.get(
    "/cooperations/{slug}/mirror-sessions",
    response={200: list[MirrorSessionOut], **errors(403)},
    summary="Temps miroir d'une coopération",
    tags=[TAG],
)
@paginate(Pagination)
def list_sessions(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view")
    sessions = MirrorSession.objects.filter(cooperation=cooperation).select_related("meeting__body")
    return [_session(s) for s in sessions]


@router.get(
    "/cooperations/{slug}/mirror-sessions/{session_id}",
    response={200: MirrorResultsOut, **errors(403)},
    summary="Réponses agrégées d'un temps miroir (animation)",
    description="Rien avant trois réponses ; ensuite les réponses libres mélangées et les échelles comptées, sans "
    "auteur ni heure.",
    tags=[TAG],
)
def get_session(request, slug: Slug, session_id: Id):
    session = get_mirror_for_user(request.user, slug, session_id, "facilitate")
    results = mirror_results(session)
    return {
        "session": _session(session),
        "answers": results.answers,
        "shown": results.shown,
        "questions": [
            {
                "id": r.question.pk,
                "text": r.question.text,
                "kind": r.question.kind,
                "answered": r.answered,
                "texts": r.texts,
                "scale": [{"value": v, "label": label, "count": c} for v, label, c in r.counts],
                "mean": r.mean,
            }
            for r in results.questions
        ]
        if results.shown
        else [],
    }


@router.post(
    "/cooperations/{slug}/mirror-sessions/{session_id}/answers",
    response={201: dict[str, str], **errors(400)},
    summary="Répondre à un temps miroir (anonyme ; la dernière réponse compte)",
    description="Les réponses sont données par identifiant de question : texte libre, ou valeur de 1 à 5.",
    tags=[TAG],
)
def answer_session(request, slug: Slug, session_id: Id, payload: MirrorAnswerIn):
    session = get_mirror_for_user(request.user, slug, session_id, "view")
    services.submit_answers(session, who=f"user:{request.user.pk}", answers=payload.answers)
    return 201, {"detail": "Réponse anonyme enregistrée."}
