"""Demo data for the foundation: the real cooperations of the seeds and one account per role.

Idempotent: objects are found by their natural keys (slug, e-mail, territory code) and
completed, never duplicated. People are roles, never personal names.
"""

import datetime

from django.core.management.base import CommandError
from django.db import transaction

from entente.accounts.models import Function, User
from entente.territories.models import Organization, OrganizationKind, Territory

from .models import Cooperation, CooperationForm, Membership, Partnership, Purpose, TimelineStep
from .services import ensure_organization_for_territory

DEMO_PASSWORD = "demo-entente-2026"  # noqa: S105 — published demo credential, printed by make run
DEMO_ACCOUNTS = [
    ("coordinateur@demo.entente.fr", "coordinateur", "Coordination de la coopération (démo)", Function.DGA, False),
    ("membre@demo.entente.fr", "membre", "Directeur·rice membre (démo)", Function.DIRECTOR, False),
    ("contributeur@demo.entente.fr", "contributeur", "Agent contributeur (démo)", Function.TECHNICIAN, False),
    ("observateur@demo.entente.fr", "observateur", "Élu·e observateur (démo)", Function.ELECTED, False),
    ("operateur@demo.entente.fr", None, "Opérateur de la plateforme (démo)", Function.OTHER, True),
]

TOURAINE_CC = ["200043065", "200043081", "200071587", "200072650", "200072668", "200072981", "200073161",
               "200073237", "243700499", "243700820"]
# The four CoDir de territoire of seed 001: label, the EPCI named after "de", what its sheet says.
CODIR_CC = {
    "244400552": ("Pays d'Ancenis", "de la communauté de communes du Pays d'Ancenis",
                  "Territoire périmétropolitain de 20 communes et 68 000 habitants. Enjeu : dynamiser le dialogue "
                  "communes-EPCI en sensibilisant tous les acteurs à la coopération, à l'initiative de l'association "
                  "des DGS et secrétaires de mairie du Pays d'Ancenis."),
    "248500530": ("Pays des Achards", "de la communauté de communes du Pays des Achards",
                  "EPCI rétro-littoral entre deux agglomérations, 9 communes et 19 000 habitants. Enjeu : impliquer "
                  "chacun dans le collectif pour porter une vision commune du territoire."),
    "244400503": ("Erdre et Gesvres", "de la communauté de communes d'Erdre et Gesvres",
                  "Territoire urbain voisin de la métropole, 12 communes et 61 000 habitants. Enjeu : acter la "
                  "légitimité du collectif des directions générales comme support de gouvernance technique au "
                  "service du projet de territoire."),
    "248500662": ("Pays de Mortagne", "de la communauté de communes du Pays de Mortagne",
                  "Territoire semi-rural, 11 communes et 28 000 habitants. Enjeu : amorcer le positionnement du "
                  "réseau des DGS et secrétaires de mairie dans le processus de décision communautaire et "
                  "communal."),
}
# Seed 000 gives the order of the steps, not their dates: the demo dates them with its own workshops
# and meetings, and says so.
INDICATIVE = "Date indicative : la source ne date pas cette étape."

COOPERATIONS = [
    {
        "slug": "piloter-ensemble-37-41",
        "name": "Piloter ensemble — Indre-et-Loire × Loir-et-Cher",
        "kind": "convention_technique",
        "description": (
            "Coopération entre les Départements d'Indre-et-Loire et de Loir-et-Cher : ateliers internes dans chaque "
            "département, évaluation croisée de 130 pistes (plus-value de la coopération, faisabilité à court terme), "
            "arbitrage par le comité de pilotage, neuf chantiers et une convention technique signée par les deux DGS "
            "créant un comité de direction interdépartemental (CODIRI)."
        ),
        "partners": [("departement", "37", "signataire"), ("departement", "41", "signataire")],
        "purposes": ["masse_critique", "innovation", "capitalisation", "convergence", "negociation"],
        "forms": ["partager_methodes", "outils_communs", "associer_travaux"],
        "timeline": [
            ("decouverte", "Lancement de la démarche d'exploration des possibles", datetime.date(2019, 1, 21),
             INDICATIVE),
            ("echange", "Ateliers internes et évaluation croisée des 130 pistes", datetime.date(2019, 3, 12),
             "Foisonnement dans chaque département, puis, une dizaine de jours plus tard, évaluation croisée. "
             + INDICATIVE),
            ("voix_commune", "Arbitrage du comité de pilotage : 9 chantiers retenus", datetime.date(2019, 5, 6),
             INDICATIVE),
            ("projets_partages", "Signature de la convention technique et installation du CODIRI",
             datetime.date(2019, 12, 16), "Convention signée par les deux directeurs généraux des services. "
             + INDICATIVE),
        ],
    },
    {
        "slug": "touraine-contrats-de-reciprocite",
        "name": "Touraine — contrats de réciprocité Métropole et communautés de communes",
        "kind": "contrat_reciprocite",
        "description": (
            "Dix contrats de réciprocité entre Tours Métropole Val de Loire et les dix communautés de communes "
            "d'Indre-et-Loire, cosignés par l'État, avec un accord collectif commun et une annexe thématique par "
            "communauté de communes ; sept domaines et vingt et une actions stratégiques, animés par l'agence "
            "d'urbanisme de l'agglomération de Tours."
        ),
        "partners": [("epci", "243700754", "signataire")]
        + [("epci", code, "signataire") for code in TOURAINE_CC]
        + [("departement", "37", "partenaire_associe")],
        "other_partners": [
            ("Préfecture d'Indre-et-Loire (État)", OrganizationKind.STATE, "signataire"),
            ("Agence d'urbanisme de l'agglomération de Tours (ATU)", OrganizationKind.URBAN_AGENCY,
             "tiers_facilitateur"),
        ],
        "purposes": ["pertinence_territoriale", "masse_critique", "convergence", "negociation"],
        "forms": ["outils_communs", "associer_travaux", "positions_communes"],
        "timeline": [
            ("decouverte", "Réflexion sur les interdépendances et les coopérations possibles",
             datetime.date(2017, 1, 1), "Engagée dès 2017 (la source ne donne que l'année)."),
            ("decouverte", "Tours Métropole Val de Loire obtient le statut de métropole", datetime.date(2018, 1, 1),
             "Dernière vague de janvier 2018, avec le soutien des dix communautés de communes."),
            ("projets_partages", "Signature des neuf premiers contrats de réciprocité (début 2019)",
             datetime.date(2019, 2, 1), "« Début 2019 » dans la source : le jour est indicatif."),
            ("projets_partages", "Signature du dixième contrat, quelques mois plus tard", datetime.date(2019, 6, 3),
             "Après un désaccord sur un projet de développement économique ; la source ne donne pas la date, le "
             "jour est indicatif."),
            ("echange", "21 actions stratégiques identifiées dans les six mois suivant la signature",
             datetime.date(2019, 8, 1), "Ateliers thématiques présidés par différentes intercommunalités ; « six "
             "mois » après la signature selon la source, le jour est indicatif."),
        ],
    },
    {
        "slug": "entente-loire-haute-loire",
        "name": "Entente interdépartementale Loire — Haute-Loire",
        "kind": "entente",
        "description": (
            "Entente entre les Départements de la Loire et de la Haute-Loire : portrait croisé des deux territoires, "
            "neuf défis partagés, quatre axes (Liés, Fiers, Engagés, Mobilisés) et trente pistes, une conférence de "
            "l'entente ; coopération souple et non exclusive, ouverte à d'autres départements."
        ),
        "partners": [("departement", "42", "signataire"), ("departement", "43", "signataire")],
        "purposes": ["pertinence_territoriale", "masse_critique", "capitalisation", "convergence", "negociation"],
        "forms": ["partager_methodes", "outils_communs", "associer_travaux", "positions_communes",
                  "mutualisation_structures"],
        "timeline": [
            ("decouverte", "Premiers échanges entre les deux présidents", datetime.date(2017, 12, 1),
             "« Fin 2017 » dans la source : le jour est indicatif."),
            ("decouverte", "Portrait croisé des deux territoires", None, "La source ne le date pas."),
            ("voix_commune", "Quatre axes et trente pistes de coopération", None, "La source ne le date pas."),
            ("projets_partages", "Signature de la convention de l'entente interdépartementale",
             datetime.date(2019, 10, 24), ""),
        ],
    },
]


def codir_cooperation(siren: str, label: str, of_epci: str, sheet: str) -> dict:
    return {
        "slug": f"codir-{label.lower().replace(' ', '-').replace(chr(39), '-')}",
        "name": f"CoDir de territoire — {label}",
        "kind": "codir_territoire",
        "description": (
            f"Collectif des directions {of_epci} et de ses communes membres, accompagné par le CNFPT à l'issue du "
            f"séminaire de novembre 2018. {sheet}"
        ),
        "partners": [("epci", siren, "signataire")],
        "member_communes_of": siren,
        "other_partners": [("CNFPT — délégation Pays de la Loire", OrganizationKind.CNFPT, "tiers_facilitateur")],
        "purposes": ["capitalisation", "convergence", "innovation"],
        "forms": ["partager_methodes", "outils_communs"],
        "timeline": [
            ("decouverte", "Séminaire des directions de communes et d'EPCI (CNFPT, SNDGCT, ADGCF)",
             datetime.date(2017, 11, 1), "« Novembre 2017 » dans la source : le jour est indicatif."),
            ("echange", "Séminaire « CoDir de territoire : pour quoi faire, avec qui, comment »",
             datetime.date(2018, 11, 9), ""),
            ("voix_commune", "Retour d'expérience au séminaire 2019, parmi les quatre territoires accompagnés",
             None, "La source ne date pas le séminaire 2019."),
        ],
    }


def all_cooperations() -> list[dict]:
    return COOPERATIONS + [codir_cooperation(siren, *sheet) for siren, sheet in CODIR_CC.items()]


def territory(kind: str, code: str) -> Territory:
    found = Territory.objects.filter(kind=kind, code=code).first()
    if found is None:
        raise CommandError(
            f"Le territoire {kind} {code} est absent du référentiel : lancez d'abord "
            "« python manage.py import_territories »."
        )
    return found


DEMO_DOMAIN = "@demo.entente.fr"


def demo_cooperations_to_rebuild() -> tuple[list[Cooperation], list[Cooperation]]:
    """The demo cooperations already loaded, split into those to rebuild and those to keep.

    A cooperation found by a demo slug is rebuilt only when every member is a demo account: one
    where a real person takes part is never touched.
    """
    found = Cooperation.objects.filter(slug__in=[spec["slug"] for spec in all_cooperations()])
    outside = set(Membership.objects.filter(cooperation__in=found).exclude(user__email__endswith=DEMO_DOMAIN)
                  .values_list("cooperation_id", flat=True))
    rebuilt, kept = [], []
    for cooperation in found.order_by("slug"):
        (kept if cooperation.pk in outside else rebuilt).append(cooperation)
    return rebuilt, kept


def demo_cooperation(slug: str) -> Cooperation | None:
    """The demo cooperation to load into, or None: absent, or kept because a real person takes part."""
    cooperation = Cooperation.objects.filter(slug=slug).first()
    if cooperation is None or cooperation.memberships.exclude(user__email__endswith=DEMO_DOMAIN).exists():
        return None
    return cooperation


def reset(cooperations) -> None:
    """Delete the demo cooperations themselves, once every app has removed the rows it protects."""
    Cooperation.objects.filter(pk__in=[c.pk for c in cooperations]).delete()


def load_accounts() -> dict[str, User]:
    users = {}
    for email, role, display_name, function, is_operator in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, display_name=display_name, function=function,
                is_staff=is_operator, is_superuser=is_operator,
            )
        users[role or "operator"] = user
    return users


def load_cooperation(spec: dict, users: dict[str, User]) -> Cooperation:
    cooperation, _ = Cooperation.objects.get_or_create(
        slug=spec["slug"],
        defaults={"name": spec["name"], "kind": spec["kind"], "description": spec["description"],
                  "visibility": "public"},
    )
    cooperation.purposes.set(Purpose.objects.filter(cooperation=None, code__in=spec["purposes"]))
    cooperation.forms.set(CooperationForm.objects.filter(cooperation=None, code__in=spec["forms"]))
    first_partner = None
    for kind, code, role in spec["partners"]:
        organization = ensure_organization_for_territory(territory(kind, code))
        partnership, _ = Partnership.objects.get_or_create(
            cooperation=cooperation, organization=organization, defaults={"role": role},
        )
        first_partner = first_partner or partnership
    if spec.get("member_communes_of"):
        epci = territory("epci", spec["member_communes_of"])
        for commune in Territory.objects.filter(epci=epci).order_by("name"):
            Partnership.objects.get_or_create(
                cooperation=cooperation, organization=ensure_organization_for_territory(commune),
                defaults={"role": "signataire"},
            )
    for name, kind, role in spec.get("other_partners", []):
        organization, _ = Organization.objects.get_or_create(name=name, defaults={"kind": kind})
        Partnership.objects.get_or_create(cooperation=cooperation, organization=organization,
                                          defaults={"role": role})
    for index, (stage, title, date, description) in enumerate(spec["timeline"]):
        TimelineStep.objects.get_or_create(
            cooperation=cooperation, title=title,
            defaults={"stage": stage, "date": date, "position": index, "description": description},
        )
    for role in ("coordinateur", "membre", "contributeur", "observateur"):
        Membership.objects.get_or_create(
            cooperation=cooperation, user=users[role], defaults={"role": role, "partner": first_partner},
        )
    return cooperation


@transaction.atomic
def load(stdout=None) -> dict:
    users = load_accounts()
    kept = {cooperation.slug for cooperation in demo_cooperations_to_rebuild()[1]}
    cooperations = {spec["slug"]: load_cooperation(spec, users) for spec in all_cooperations()
                    if spec["slug"] not in kept}
    if stdout:
        stdout.write(f"  {len(cooperations)} coopérations de démonstration, {len(users)} comptes")
    return {"users": users, "cooperations": cooperations}
