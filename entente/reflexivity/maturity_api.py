"""API of maturity campaigns: results are aggregated; answers one by one only in a named campaign."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Id, Slug, text

from . import maturity_services as services
from .maturity_models import MaturityCampaign, MaturityResponse
from .maturity_results import campaign_results
from .rules import get_campaign_for_user

# The app's one router, declared here (its first sub-domain); api.py gathers the others on it.
router = Router()
TAG = "Réflexivité"


class CampaignOut(Schema):
    id: int
    title: str
    anonymous: bool
    opened_at: datetime
    closed_at: datetime | None


class CampaignIn(Schema):
    title: text(200, 1)
    anonymous: bool = True


class ThresholdOut(Schema):
    code: str
    label: str
    franchi: int | None
    en_cours: int | None
    pas_encore: int | None
    score: float | None
    previous_score: float | None


class PartnerScoreOut(Schema):
    label: str
    answers: int
    score: float | None


class MaturityCommentOut(Schema):
    threshold: str
    text: str
    author: str


class MaturityResultsOut(Schema):
    campaign: CampaignOut
    answers: int
    shown: bool
    until_close: bool = Field(description="Campagne anonyme encore ouverte : aucun chiffre avant sa clôture.")
    detail: str = Field(description="Pourquoi aucun chiffre n'est publié (vide quand ils le sont).")
    overall: float | None
    previous_campaign_id: int | None
    thresholds: list[ThresholdOut]
    partners: list[PartnerScoreOut]
    comments: list[MaturityCommentOut]


class AnswerIn(Schema):
    ratings: dict[text(40), text(20)]
    comments: dict[text(40), text(services.COMMENT_LENGTH)] = {}


class NamedAnswerOut(Schema):
    person: str
    partner: str
    ratings: dict[str, str]
    comments: dict[str, str]


@router.get(
    "/cooperations/{slug}/maturity-campaigns",
    response={200: list[CampaignOut], **errors(403)},
    summary="Campagnes d'auto-évaluation de la maturité",
    tags=[TAG],
)
@paginate(Pagination)
def list_campaigns(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view")
    return MaturityCampaign.objects.filter(cooperation=cooperation)


@router.post(
    "/cooperations/{slug}/maturity-campaigns",
    response={201: CampaignOut},
    summary="Ouvrir une campagne d'auto-évaluation",
    tags=[TAG],
)
def create_campaign(request, slug: Slug, payload: CampaignIn):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_manage")
    return 201, services.open_campaign(cooperation=cooperation, user=request.user, **payload.dict())


@router.get(
    "/cooperations/{slug}/maturity-campaigns/{campaign_id}",
    response={200: MaturityResultsOut, **errors(403)},
    summary="Résultats d'une campagne (agrégés)",
    description="Par seuil, par partenaire, avec l'évolution depuis la campagne précédente. Une campagne anonyme ne "
    "montre aucun chiffre issu de moins de trois réponses et aucun auteur ; tant qu'elle est ouverte, elle ne donne "
    "que le nombre de réponses (`until_close` vrai, `detail` l'explique) : ses résultats paraissent à sa clôture.",
    tags=[TAG],
)
def get_campaign(request, slug: Slug, campaign_id: Id):
    campaign = get_campaign_for_user(request.user, slug, campaign_id, "view")
    results = campaign_results(campaign)
    return {
        "campaign": campaign,
        "answers": results.answers,
        "shown": results.shown,
        "until_close": results.until_close,
        "detail": results.notice,
        "overall": results.overall,
        "previous_campaign_id": results.previous.pk if results.previous else None,
        "thresholds": [
            {"code": t.code, "label": t.label, **t.counts, "score": t.score, "previous_score": t.previous}
            for t in results.thresholds
        ],
        "partners": [vars(p) for p in results.partners],
        "comments": [vars(c) for c in results.comments],
    }


@router.post(
    "/cooperations/{slug}/maturity-campaigns/{campaign_id}/answers",
    response={201: dict[str, str], **errors(400)},
    summary="Répondre à une campagne (la dernière réponse compte)",
    tags=[TAG],
)
def answer_campaign(request, slug: Slug, campaign_id: Id, payload: AnswerIn):
    campaign = get_campaign_for_user(request.user, slug, campaign_id, "answer")
    services.submit_answer(campaign, user=request.user, ratings=payload.ratings, comments=payload.comments)
    return 201, {"detail": "Réponse enregistrée."}


@router.get(
    "/cooperations/{slug}/maturity-campaigns/{campaign_id}/answers",
    response={200: list[NamedAnswerOut], **errors(403)},
    summary="Réponses une à une d'une campagne nominative",
    description="Refusé pour une campagne anonyme : seuls ses résultats agrégés sont publiés.",
    tags=[TAG],
)
@paginate(Pagination)
def list_answers(request, slug: Slug, campaign_id: Id):
    campaign = get_campaign_for_user(request.user, slug, campaign_id, "view")
    if campaign.anonymous:
        raise PermissionDenied("Campagne anonyme : seuls ses résultats agrégés sont publiés.")
    responses = MaturityResponse.objects.filter(campaign=campaign).select_related("user", "partner__organization")
    return [
        {
            "person": (r.user.display_name or r.user.email) if r.user else "",
            "partner": r.partner.organization.name if r.partner else "",
            "ratings": r.ratings,
            "comments": r.comments,
        }
        for r in responses.order_by("user__display_name")
    ]
