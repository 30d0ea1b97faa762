"""The twelve maturation thresholds of seed 001 ("les seuils à franchir… et à maintenir"), with the
seed's own description of each, shown where a member rates it."""

from dataclasses import dataclass

from django.db import models


class MaturityLevel(models.TextChoices):
    CROSSED = "franchi", "Franchi"
    IN_PROGRESS = "en_cours", "En cours"
    NOT_YET = "pas_encore", "Pas encore"


# A threshold crossed counts whole, one in progress half: the "degree of crossing" of a threshold is
# the mean over the answers, in percent.
LEVEL_WEIGHT = {MaturityLevel.CROSSED: 2, MaturityLevel.IN_PROGRESS: 1, MaturityLevel.NOT_YET: 0}


@dataclass(frozen=True)
class Threshold:
    code: str
    label: str
    short: str  # the radar's axis label
    description: str


THRESHOLDS = [
    Threshold(
        "prise_initiative",
        "Prise d'initiative",
        "Initiative",
        "Lever l'obstacle du « procès » en illégitimité : le collectif s'autorise à proposer aux élus un mode de "
        "fonctionnement et s'auto-institue. Trois sources de légitimité : l'évolution du territoire, le rôle de DGS "
        "ou de SG, le collectif lui-même.",
    ),
    Threshold(
        "sensibilisation",
        "Sensibilisation",
        "Sensibilisation",
        "Des discours d'experts auprès des élus et des encadrants (contextualiser, ouvrir des possibles, légitimer "
        "l'action coopérative) et l'expérience de dispositifs d'intelligence collective avec tous les encadrants.",
    ),
    Threshold(
        "inscription_decision",
        "Inscription du collectif dans le processus de décision",
        "Décision",
        "Officialiser l'action du collectif dans la préparation des instances des élus et la possibilité d'émettre "
        "un avis technique : nouer gouvernance politique et gouvernance technique, clef de voûte de sa légitimité.",
    ),
    Threshold(
        "parite",
        "Parité",
        "Parité",
        "Une place et une voix plus fortes des communes : chaque partie prend part en parole et en acte, au même "
        "titre que les autres, dans l'élaboration des propositions.",
    ),
    Threshold(
        "deliberation",
        "Délibération",
        "Délibération",
        "Des voix plurielles qui se confrontent sans s'affronter, lèvent les non-dits et abordent les sujets qui "
        "fâchent, non pour l'emporter mais pour décider.",
    ),
    Threshold(
        "formalisation",
        "Formalisation",
        "Formalisation",
        "Charte de fonctionnement, contrat moral, étapes du processus de décision, règles de circulation de "
        "l'information et de co-pilotage : des formalisations co-produites qui construisent la confiance, sans "
        "assécher l'informel.",
    ),
    Threshold(
        "nouage",
        "Extension du réseau (« nouage »)",
        "Nouage",
        "Connecter le collectif de direction aux réseaux métiers, fonctions et projets, par des référents et des "
        "revues de projets ; développer le co-pilotage et le pilotage alterné.",
    ),
    Threshold(
        "tiers_facilitateur",
        "Présence d'un tiers facilitateur",
        "Tiers",
        "Par sa présence, le tiers constitue le groupe comme collectif ; il institue la parité entre les acteurs "
        "et amène le collectif à réfléchir sur lui-même.",
    ),
    Threshold(
        "culture",
        "Culture de la coopération",
        "Culture",
        "L'expérience régulière et répétée de nouvelles modalités d'action et de relations, dans les directions, "
        "les collectifs métiers et projets, et au sein des collectivités.",
    ),
    Threshold(
        "reflexivite",
        "Réflexivité et vigilance",
        "Réflexivité",
        "Revenir régulièrement ensemble sur ce que l'on vit, ce que l'on fait et ce que cela produit ; lever les "
        "non-dits et entretenir une confiance fragile par nature.",
    ),
    Threshold(
        "vision_partagee",
        "Vision stratégique partagée",
        "Vision",
        "Co-élaborer le diagnostic, co-identifier les enjeux, co-définir le cadre de l'action commune : le projet "
        "du bloc local, et non celui de l'interco.",
    ),
    Threshold(
        "cooperation_en_actes",
        "Coopération en actes (portefeuille de projets)",
        "Actes",
        "Se constituer un portefeuille de projets pour faire du bloc local un collectif agissant et améliorer "
        "l'efficacité des politiques publiques.",
    ),
]
THRESHOLD_CODES = [threshold.code for threshold in THRESHOLDS]
