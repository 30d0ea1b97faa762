"""Demo: the CoDir of the Pays de Mortagne assesses its maturity once a year; the second campaign shows
the way travelled since its positioning in the decision process (seed 001's sheet of Mortagne)."""

import datetime
import random

from django.utils import timezone

from .keys import respondent_key
from .maturity_models import MaturityCampaign, MaturityResponse
from .maturity_thresholds import THRESHOLD_CODES

SLUG = "codir-pays-de-mortagne"

# Per threshold, the chances of (franchi, en cours) a year ago and now; the rest is "pas encore".
# The network placed itself in the decision process and formalised its meetings (48 h agenda), it
# began mirror times; vision and portfolio are still ahead.
PROFILES = {
    "prise_initiative": ((0.6, 0.3), (0.85, 0.15)),
    "sensibilisation": ((0.4, 0.4), (0.6, 0.35)),
    "inscription_decision": ((0.15, 0.55), (0.55, 0.4)),
    "parite": ((0.1, 0.4), (0.35, 0.5)),
    "deliberation": ((0.1, 0.35), (0.3, 0.5)),
    "formalisation": ((0.05, 0.45), (0.5, 0.4)),
    "nouage": ((0.05, 0.2), (0.15, 0.45)),
    "tiers_facilitateur": ((0.7, 0.2), (0.8, 0.15)),
    "culture": ((0.05, 0.3), (0.15, 0.5)),
    "reflexivite": ((0.0, 0.15), (0.25, 0.5)),
    "vision_partagee": ((0.0, 0.15), (0.05, 0.35)),
    "cooperation_en_actes": ((0.05, 0.2), (0.1, 0.4)),
}

COMMENTS = [
    (
        "inscription_decision",
        1,
        "Le réseau se réunit avant chaque conseil communautaire ; son avis technique reste à "
        "faire reconnaître par les élus.",
    ),
    ("parite", 1, "Les plus petites communes prennent davantage la parole depuis qu'un point leur est réservé."),
    ("formalisation", 1, "L'ordre du jour envoyé 48 h à l'avance a changé la préparation des réunions."),
    (
        "reflexivite",
        1,
        "Le premier temps miroir a permis de dire ce qui n'allait pas dans la circulation de l'information.",
    ),
    ("vision_partagee", 1, "Nous n'avons pas encore de projet de territoire porté par le bloc local."),
    ("cooperation_en_actes", 0, "Pas de projet commun identifié à ce stade."),
    ("parite", 0, "Les attentes diffèrent beaucoup selon la taille des communes."),
    ("inscription_decision", 0, "Le collectif n'a pas encore de place dans la préparation des conseils."),
]


def _level(rng, chances) -> str:
    crossed, in_progress = chances
    draw = rng.random()
    return "franchi" if draw < crossed else "en_cours" if draw < crossed + in_progress else "pas_encore"


def _respondents(cooperation, count):
    """The DGS and secretaries of the collective: four at the intercommunality, one per commune."""
    partners = list(cooperation.partnerships.select_related("organization__territory").order_by("pk"))
    epci = [p for p in partners if p.organization.territory and p.organization.territory.kind == "epci"]
    communes = [p for p in partners if p.organization.territory and p.organization.territory.kind == "commune"]
    seats = epci[:1] * 4 + communes
    while len(seats) < count and partners:  # a smaller collective: its partners answer several times
        seats += partners
    return seats[:count]


def _campaign(cooperation, user, title, opened, closed, year_index, count, seed):
    campaign = MaturityCampaign(
        cooperation=cooperation, title=title, anonymous=True, opened_at=opened, closed_at=closed, created_by=user
    )
    campaign._history_user = user
    campaign.save()
    rng = random.Random(seed)
    responses = []
    for index, partner in enumerate(_respondents(cooperation, count)):
        ratings = {code: _level(rng, PROFILES[code][year_index]) for code in THRESHOLD_CODES}
        responses.append(
            MaturityResponse(
                campaign=campaign,
                respondent_key=respondent_key(campaign.salt, f"demo:{index}"),
                partner=partner,
                ratings=ratings,
            )
        )
    for offset, (code, _year, text) in enumerate(c for c in COMMENTS if c[1] == year_index):
        responses[offset % len(responses)].comments[code] = text
    MaturityResponse.objects.bulk_create(responses)
    return campaign


def load_mortagne(cooperation, users, today):
    now = timezone.now()
    coordinator = users["coordinateur"]
    _campaign(
        cooperation,
        coordinator,
        f"Auto-évaluation {today.year - 1}",
        now - datetime.timedelta(days=380),
        now - datetime.timedelta(days=355),
        0,
        12,
        seed=2025,
    )
    _campaign(
        cooperation,
        coordinator,
        f"Auto-évaluation {today.year}",
        now - datetime.timedelta(days=20),
        # Closed: an anonymous campaign shows its results only once closed, and the demo shows the progress.
        now - datetime.timedelta(days=2),
        1,
        15,
        seed=2026,
    )
