"""Changes to maturity campaigns: opened and closed by coordinators, answered by members.

Each change is atomic; campaigns keep their history (who opened, closed, made anonymous), answers
keep none (anonymity), their participation rows say who answered.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from entente.cooperations.models import Membership

from .keys import respondent_key
from .maturity_models import MaturityCampaign, MaturityParticipation, MaturityResponse
from .maturity_thresholds import THRESHOLD_CODES, MaturityLevel
from .rules import REFLEXIVITY_ABILITIES

COMMENT_LENGTH = 2000

CLOSED_MESSAGE = "La campagne est close : elle n'accepte plus de réponse."
OUTSIDER_MESSAGE = "Seuls les membres de la coopération qui prennent part à ses travaux répondent à cette campagne."
ANONYMITY_LOCKED_MESSAGE = (
    "L'anonymat ne peut plus être levé : des réponses ont été données sous la promesse de l'anonymat."
)


@transaction.atomic
def open_campaign(*, cooperation, user, title: str, anonymous: bool = True) -> MaturityCampaign:
    campaign = MaturityCampaign(cooperation=cooperation, title=title.strip(), anonymous=anonymous, created_by=user)
    campaign._history_user = user
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def update_campaign(campaign: MaturityCampaign, *, user, title: str, anonymous: bool) -> MaturityCampaign:
    campaign = MaturityCampaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.anonymous and not anonymous and campaign.responses.exists():
        raise ValidationError(ANONYMITY_LOCKED_MESSAGE)
    if anonymous and not campaign.anonymous:
        # The names given so far are forgotten: an answer never names its author in an anonymous campaign.
        campaign.responses.update(user=None)
    campaign.title = title.strip()
    campaign.anonymous = anonymous
    campaign._history_user = user
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def close_campaign(campaign: MaturityCampaign, *, user) -> MaturityCampaign:
    if campaign.closed_at is None:
        campaign.closed_at = timezone.now()
        campaign._history_user = user
        campaign.save()
    return campaign


@transaction.atomic
def reopen_campaign(campaign: MaturityCampaign, *, user) -> MaturityCampaign:
    if campaign.closed_at is not None:
        campaign.closed_at = None
        campaign._history_user = user
        campaign.save()
    return campaign


def clean_answer(ratings: dict, comments: dict | None) -> tuple[dict, dict]:
    """Every threshold rated on the scale, comments bounded: refused whole otherwise, in French."""
    levels = set(MaturityLevel.values)
    unknown = sorted(set(ratings) - set(THRESHOLD_CODES))
    if unknown:
        raise ValidationError(f"Seuil inconnu : {', '.join(unknown)}.")
    missing = [code for code in THRESHOLD_CODES if not ratings.get(code)]
    if missing:
        raise ValidationError("Chaque seuil reçoit une appréciation : franchi, en cours ou pas encore.")
    outside = [code for code in THRESHOLD_CODES if ratings[code] not in levels]
    if outside:
        raise ValidationError(
            "Appréciation hors de l'échelle : seules « franchi », « en cours » et « pas encore » sont possibles."
        )
    comments = {code: (text or "").strip() for code, text in (comments or {}).items() if (text or "").strip()}
    if set(comments) - set(THRESHOLD_CODES):
        raise ValidationError("Commentaire sur un seuil inconnu.")
    if any(len(text) > COMMENT_LENGTH for text in comments.values()):
        raise ValidationError(f"Un commentaire ne dépasse pas {COMMENT_LENGTH} caractères.")
    return {code: ratings[code] for code in THRESHOLD_CODES}, comments


def _membership(campaign, user):
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(cooperation_id=campaign.cooperation_id, user=user).first()


@transaction.atomic
def submit_answer(campaign: MaturityCampaign, *, user, ratings: dict, comments: dict | None = None):
    """Record (or replace: the last answer counts) one member's ratings of the twelve thresholds."""
    campaign = MaturityCampaign.objects.select_for_update().get(pk=campaign.pk)
    membership = _membership(campaign, user)
    if membership is None or not REFLEXIVITY_ABILITIES["reflexivity_answer"](_actor(membership)):
        raise PermissionDenied(OUTSIDER_MESSAGE)
    if not campaign.is_open:
        raise ValidationError(CLOSED_MESSAGE)
    ratings, comments = clean_answer(ratings, comments)
    key = respondent_key(campaign.salt, f"user:{user.pk}")
    values = {
        "ratings": ratings,
        "comments": comments,
        "partner_id": membership.partner_id,
        "user": None if campaign.anonymous else user,
    }
    try:
        with transaction.atomic():
            MaturityResponse.objects.update_or_create(campaign=campaign, respondent_key=key, defaults=values)
    except IntegrityError:  # a second tab created it meanwhile: the last one counts
        MaturityResponse.objects.filter(campaign=campaign, respondent_key=key).update(**values)
    MaturityParticipation.objects.get_or_create(campaign=campaign, user=user)


def _actor(membership):
    from entente.cooperations.rules import Actor

    return Actor(is_authenticated=True, is_operator=False, role=membership.role, is_public=False)


def has_answered(campaign, user) -> bool:
    return user.is_authenticated and MaturityParticipation.objects.filter(campaign=campaign, user=user).exists()


def own_named_answer(campaign, user) -> MaturityResponse | None:
    """A named campaign gives back the person's answer to change it; an anonymous one never does."""
    if campaign.anonymous or not user.is_authenticated:
        return None
    return MaturityResponse.objects.filter(campaign=campaign, user=user).first()
