"""The usual bodies of the seeds, created in one step for a cooperation.

Each preset gives the body's settings and the seats each signatory partner holds (labels
only: people are attached afterwards).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BodyPreset:
    code: str
    name: str
    kind: str
    mandate: str
    seats_per_partner: tuple[tuple[str, str], ...]  # (role, label)
    settings: dict = field(default_factory=dict)


CODIR_FUNCTIONS = ["relationnelle", "operationnelle", "organisationnelle", "institutionnelle"]

PRESETS = {
    preset.code: preset
    for preset in [
        BodyPreset(
            code="comite_pilotage", name="Comité de pilotage", kind="comite_pilotage",
            mandate="Arbitre les pistes de coopération et retient les chantiers prioritaires.",
            seats_per_partner=(("membre", "DGS"),),
            settings={"periodicity": "semestrielle", "rotation": "fixe"},
        ),
        BodyPreset(
            code="codiri", name="Comité de direction interdépartemental (CODIRI)", kind="codiri",
            mandate=(
                "Composé des DGS et DGA de chaque département ; réuni deux fois par an à l'initiative du secrétaire "
                "général de la coopération (DGA Ressources, alternativement) ; s'assure de l'avancée des projets et "
                "garantit la cohérence des actions avec le cadre politique."
            ),
            seats_per_partner=(("membre", "DGS"), ("secretaire", "DGA Ressources"), ("membre", "DGA")),
            # The host département convenes (its DGA Ressources as secrétaire général) and chairs.
            settings={"periodicity": "semestrielle", "rotation": "par_reunion", "rotates_convener": True,
                      "rotates_chair": True, "rotates_place": True},
        ),
        BodyPreset(
            code="conference_presidents", name="Conférence des présidents", kind="conference_presidents",
            mandate="Réunit chaque année les présidents des intercommunalités signataires pour fixer les orientations.",
            seats_per_partner=(("membre", "Président·e"),),
            settings={"periodicity": "annuelle", "rotation": "par_annee", "rotates_convener": False,
                      "rotates_chair": False, "rotates_place": True},
        ),
        BodyPreset(
            code="comite_suivi", name="Comité de suivi des DGS", kind="comite_suivi",
            mandate=("Les directeurs généraux des services suivent au moins une fois par an la mise en œuvre "
                     "des actions."),
            seats_per_partner=(("membre", "DGS"),),
            settings={"periodicity": "annuelle", "rotation": "fixe"},
        ),
        BodyPreset(
            code="ateliers_thematiques", name="Ateliers thématiques", kind="atelier_thematique",
            mandate="Un atelier par domaine, présidé par une intercommunalité différente selon le thème.",
            seats_per_partner=(("membre", "Référent·e thématique"),),
            settings={"periodicity": "trimestrielle", "rotation": "par_theme"},
        ),
        BodyPreset(
            code="conference_entente", name="Conférence de l'entente", kind="conference_entente",
            mandate=(
                "Chaque département y est représenté par trois élus (CGCT, art. L5221-2) ; ses décisions ne sont "
                "exécutoires qu'après ratification par l'assemblée de chaque département."
            ),
            seats_per_partner=(("membre", "Conseiller·ère départemental·e"),) * 3,
            settings={"periodicity": "annuelle", "rotation": "par_reunion", "rotates_convener": True,
                      "rotates_chair": True, "rotates_place": True, "quorum_basis": "partenaires",
                      "quorum_percent": 100, "voting_mode": "par_membre"},
        ),
        BodyPreset(
            code="codir_territoire", name="CoDir de territoire", kind="collectif_directeurs",
            mandate=(
                "Collectif des DGS et secrétaires de mairie : se réunit avant chaque conseil communautaire, ordre du "
                "jour envoyé 48 h à l'avance, animation tournante et itinérante."
            ),
            seats_per_partner=(("membre", "DGS ou secrétaire de mairie"),),
            settings={"periodicity": "avant_conseil", "rotation": "par_reunion", "rotates_convener": False,
                      "rotates_chair": True, "rotates_place": True, "functions": CODIR_FUNCTIONS,
                      "council_lead_days": 7},
        ),
    ]
}

# The usual bodies per kind of cooperation, created together by "Créer les instances usuelles".
USUAL_BY_COOPERATION_KIND = {
    "convention_technique": ["comite_pilotage", "codiri"],
    "contrat_reciprocite": ["conference_presidents", "comite_suivi", "ateliers_thematiques"],
    "entente": ["conference_entente"],
    "codir_territoire": ["codir_territoire"],
    "autre": ["comite_pilotage"],
}
