"""Demo workshops for « Piloter ensemble » (seed 000): two internal workshops in each
Département, a cross-evaluation of their 130 pistes on two criteria, and the arbitration of the
comité de pilotage that retains the 9 chantiers. People are roles, never names. Idempotent.
"""

import datetime
import random

from django.db import transaction

from entente.cooperations.demo import demo_cooperation
from entente.cooperations.models import Partnership

from . import services
from .arbitration_services import DecisionInput, arbitrate
from .demo_pistes import DUPLICATES, OTHER_PISTES
from .idea_services import copy_ideas, propose_idea
from .models import Domain, Grid, Idea, Participant, Workshop
from .score_services import ScoreInput, submit_scores

SLUG = "piloter-ensemble-37-41"
CROSS_TITLE = "Évaluation croisée des pistes — directions des deux Départements"

# Loire × Haute-Loire (seed 003): 30 pistes in four axes, each judged by four questions. The seed
# names 8 of them ("en voici quelques exemples"): the demo holds those 8 and says so in the title.
LOIRE_SLUG = "entente-loire-haute-loire"
LOIRE_TITLE = "Les quatre questions : les 8 pistes que nomme la source (sur 30)"
# (axis, theme, piste, proposing département, engaged already, answers to the four questions 0–2)
LOIRE_PISTES = [
    (
        "Liés",
        "Tourisme, culture et milieux naturels",
        "Faire du fleuve Loire un axe fort de la coopération et mettre en valeur le patrimoine naturel et bâti",
        "42",
        True,
        (2, 1, 2, 1),
    ),
    (
        "Liés",
        "Sports",
        "Organiser des événements sportifs et de loisirs communs autour du fleuve Loire, dans la continuité du premier "
        "Swimrun des Gorges de la Loire (juin 2019)",
        "43",
        True,
        (1, 1, 2, 0),
    ),
    (
        "Fiers",
        "Agriculture",
        "Introduire des produits issus de circuits courts dans les collèges et établissements sociaux et "
        "médico-sociaux de la Haute-Loire, en s'appuyant sur la démarche de la Loire",
        "42",
        False,
        (2, 1, 2, 1),
    ),
    (
        "Fiers",
        "Collèges",
        "Ouvrir les dispositifs de découverte des métiers aux collégiens des deux départements",
        "43",
        False,
        (1, 1, 2, 1),
    ),
    (
        "Engagés",
        "Routes",
        "Coordonner l'action des deux départements sur les routes limitrophes : viabilité hivernale, chaussées et "
        "ouvrages",
        "43",
        True,
        (2, 2, 1, 2),
    ),
    (
        "Mobilisés",
        "Enfance",
        "Ouvrir aux enfants de l'action sociale des deux départements des opérations autour de la culture, du sport "
        "et du numérique",
        "42",
        False,
        (1, 0, 2, 0),
    ),
    (
        "Mobilisés",
        "Action sociale",
        "Développer une observation commune de l'action sociale pour optimiser les interventions des deux départements",
        "43",
        False,
        (2, 1, 1, 2),
    ),
    (
        "Mobilisés",
        "Autonomie",
        "Créer des points d'accueil communs pour les personnes âgées et les personnes handicapées dans les espaces "
        "limitrophes",
        "42",
        False,
        (2, 1, 2, 2),
    ),
]
LOIRE_SEATS = ["Élu·e référent·e de la coopération", "DGS", "DGA Solidarités", "DGA Aménagement"]

# The 9 chantiers of seed 000, as the pistes that became them: (département, title, description, domain).
CHANTIERS = [
    (
        "37",
        "Services d'aide et d'accompagnement à domicile : tarification et opérateurs communs",
        "Échanges sur les modalités de tarification et de pilotage de la relation financière ; travail partenarial sur "
        "les opérateurs présents dans les deux départements (évaluations, voire autorisations communes).",
        "Solidarités et services à domicile",
    ),
    (
        "41",
        "Innovation dans les collèges : bâti et gestionnaires",
        "Retours d'expérience croisés sur les démarches innovantes en matière bâtimentaire ; demande conjointe "
        "d'expérimentation du rattachement fonctionnel des gestionnaires aux départements.",
        "Collèges et éducation",
    ),
    (
        "37",
        "Restauration scolaire et circuits courts",
        "Échanges sur la structuration et la relocalisation des approvisionnements des cantines des collèges.",
        "Restauration scolaire et circuits courts",
    ),
    (
        "41",
        "Ressources humaines : mobilité et formation communes",
        "Formation commune à la gestion de projet, séminaire des cadres commun, réseau des formateurs internes, "
        "échanges réguliers entre les directions des ressources humaines.",
        "Ressources humaines",
    ),
    (
        "37",
        "Ingénierie technique départementale : comparer nos modèles",
        "Échanges sur l'évolution de chacun des modèles d'ingénierie apportée aux communes, envisagée et envisageable.",
        "Ingénierie technique",
    ),
    (
        "41",
        "Observation territoriale : un observatoire partagé",
        "Adhésion de l'Indre-et-Loire à l'Observatoire de l'économie et des territoires créé par le Loir-et-Cher.",
        "Observation territoriale",
    ),
    (
        "37",
        "Outil de pilotage : un tableau de bord commun des directions générales",
        "Une sélection d'indicateurs financiers, RH et de solidarités pour se comparer et échanger sur des "
        "préoccupations communes (suivi de la contractualisation).",
        "Pilotage et finances",
    ),
    (
        "41",
        "Achats : une posture commune sur la gouvernance de la centrale Approlys",
        "Élaborer une position commune pour faire évoluer la gouvernance de la centrale d'achat.",
        "Achats et commande publique",
    ),
    (
        "41",
        "Téléservices : présentation de Cap'Demat",
        "Présentation de l'association Cap'Demat par le Loir-et-Cher à l'Indre-et-Loire.",
        "Numérique et téléservices",
    ),
]

ROLES = [
    "DGS",
    "DGA Solidarités",
    "DGA Ressources",
    "DGA Territoires",
    "Direction des finances",
    "Direction des ressources humaines",
    "Direction de l'éducation et des collèges",
    "Direction des routes",
    "Direction de l'autonomie",
    "Direction du numérique",
    "Direction de la commande publique",
    "Direction de l'enfance et de la famille",
]
NAMES = {"37": "Indre-et-Loire", "41": "Loir-et-Cher"}


def _other_pistes():
    pistes = [(title, domain) for domain, titles in OTHER_PISTES.items() for title in titles]
    count = 121 - len(DUPLICATES)
    return pistes[::2] + pistes[1::2][: count - len(pistes[::2])]  # drawn across every domain


def _partners(cooperation):
    partners = Partnership.objects.filter(cooperation=cooperation).select_related("organization__territory")
    return {p.organization.territory.code: p for p in partners if p.organization.territory_id}


def _internal_workshop(cooperation, partner, code, held_on, pistes, domains, rng):
    workshop = services.create_workshop(
        cooperation=cooperation,
        user=None,
        title=f"Foisonnement des directions — Département {NAMES[code]}",
        kind="interne",
        host=partner,
        held_on=held_on,
        place=f"Hôtel du Département ({NAMES[code]})",
    )
    seats = [
        Participant.objects.create(
            workshop=workshop, display_name=f"{role} ({code})", organization=partner.organization
        )
        for role in ROLES
    ]
    for title, description, domain in pistes:
        propose_idea(
            workshop=workshop,
            participant=rng.choice(seats),
            title=title,
            description=description,
            domain=domains.get(domain),
        )
    services.set_phase(workshop, "clos")
    return workshop


def _scores(workshop, seats, chantier_titles, rng):
    value, feasibility = workshop.grid.criteria.all()
    ideas = list(Idea.objects.filter(workshop=workshop, merged_into__isnull=True).select_related("organization"))
    for seat in seats:
        items = []
        for idea in ideas:
            home = 0.4 if idea.organization_id == seat.organization_id else 0.0
            if idea.title in chantier_titles:
                v, f = rng.choice([3, 4, 4, 4]), rng.choice([3, 3, 4, 4])
            else:
                v = min(4, max(1, round(rng.gauss(2.2 + home, 0.8))))
                f = min(4, max(1, round(rng.gauss(2.3, 0.9))))
            items += [
                ScoreInput(idea.pk, value.pk, v),
                ScoreInput(idea.pk, feasibility.pk, f),
            ]
        submit_scores(workshop, seat, items)


def reset(cooperations) -> None:
    """Remove the workshops of demo cooperations being rebuilt: merges hold their pistes, workshops
    their grids."""
    Idea.objects.filter(workshop__cooperation__in=cooperations).update(merged_into=None)
    Workshop.objects.filter(cooperation__in=cooperations).delete()
    Grid.objects.filter(cooperation__in=cooperations).delete()


def _loire_answers(answers, rng):
    """Each seat's answers around the piste's profile: the départements rarely see a piste alike."""
    return [min(2, max(0, value + rng.choice([-1, 0, 0, 0, 1]))) for value in answers]


def load_loire(stdout=None) -> int:
    cooperation = demo_cooperation(LOIRE_SLUG)
    if cooperation is None or Workshop.objects.filter(cooperation=cooperation, title=LOIRE_TITLE).exists():
        return 0
    partners = _partners(cooperation)
    if not {"42", "43"} <= set(partners):
        return 0
    rng = random.Random(4243)  # noqa: S311 — reproducible demo data, not security
    workshop = services.create_workshop(
        cooperation=cooperation,
        user=None,
        title=LOIRE_TITLE,
        kind="commun",
        grid_preset="quatre_questions",
    )
    seats = [
        Participant.objects.create(
            workshop=workshop, display_name=f"{role} ({code})", organization=partners[code].organization
        )
        for code in ("42", "43")
        for role in LOIRE_SEATS
    ]
    for axis, theme, title, code, _engaged, _answers in LOIRE_PISTES:
        propose_idea(
            workshop=workshop,
            participant=rng.choice([s for s in seats if code in s.display_name]),
            title=title,
            description=f"Axe « {axis} » — {theme}.",
        )
    services.set_phase(workshop, "evaluation")
    criteria = list(workshop.grid.criteria.all())
    ideas = {idea.title: idea for idea in Idea.objects.filter(workshop=workshop)}
    for seat in seats:
        items = [
            ScoreInput(ideas[title].pk, criterion.pk, value)
            for _axis, _theme, title, _code, _engaged, answers in LOIRE_PISTES
            for criterion, value in zip(criteria, _loire_answers(answers, rng), strict=True)
        ]
        submit_scores(workshop, seat, items)
    services.set_phase(workshop, "clos")
    decisions = [
        DecisionInput(
            ideas[title].pk,
            "retenue" if engaged else "reportee",
            "Engagée ou mise en œuvre très prochainement" if engaged else "Faisabilité ou opportunité à approfondir",
        )
        for _axis, _theme, title, _code, engaged, _answers in LOIRE_PISTES
    ]
    arbitrate(
        workshop=workshop,
        user=None,
        body="Conférence de l'entente",
        decided_on=datetime.date(2019, 10, 24),
        decisions=decisions,
    )
    if stdout:
        stdout.write(f"  ateliers : les {len(LOIRE_PISTES)} pistes nommées de « {cooperation.name} »")
    return len(LOIRE_PISTES)


@transaction.atomic
def load(stdout=None):
    load_loire(stdout)
    cooperation = demo_cooperation(SLUG)
    if cooperation is None or Workshop.objects.filter(cooperation=cooperation, title=CROSS_TITLE).exists():
        return
    partners = _partners(cooperation)
    if not {"37", "41"} <= set(partners):
        return
    rng = random.Random(3741)  # noqa: S311 — reproducible demo data, not security
    services.ensure_domains(cooperation)
    domains = {d.label: d for d in Domain.objects.filter(cooperation=cooperation)}
    others = _other_pistes()
    per_partner = {
        code: [(t, d, dom) for c, t, d, dom in CHANTIERS if c == code]
        + [(title, "", domain) for index, (title, domain) in enumerate(others) if index % 2 == (code == "41")]
        for code in ("37", "41")
    }
    for code, title, domain in DUPLICATES:
        per_partner[code].append((title, "", domain))
    internal = [
        _internal_workshop(
            cooperation, partners["37"], "37", datetime.date(2019, 3, 12), per_partner["37"], domains, rng
        ),
        _internal_workshop(
            cooperation, partners["41"], "41", datetime.date(2019, 3, 14), per_partner["41"], domains, rng
        ),
    ]
    cross = services.create_workshop(
        cooperation=cooperation,
        user=None,
        title=CROSS_TITLE,
        kind="commun",
        held_on=datetime.date(2019, 3, 25),
        place="Amboise",
    )
    for workshop in internal:
        copy_ideas(source_workshop=workshop, target_workshop=cross)
    services.set_phase(cross, "evaluation")
    seats = [
        Participant.objects.create(
            workshop=cross, display_name=f"{role} ({code})", organization=partners[code].organization
        )
        for code in ("37", "41")
        for role in ROLES
    ]
    chantier_titles = {title for _c, title, _d, _dom in CHANTIERS}
    _scores(cross, seats, chantier_titles, rng)
    services.set_phase(cross, "clos")
    decisions = []
    for idea in Idea.objects.filter(workshop=cross):
        if idea.title in chantier_titles:
            decisions.append(DecisionInput(idea.pk, "retenue", "Chantier prioritaire de la séquence 2"))
        elif idea.pk % 5 == 0:
            decisions.append(DecisionInput(idea.pk, "reportee", "À réexaminer par le CODIRI"))
        else:
            decisions.append(DecisionInput(idea.pk, "ecartee", "Non prioritaire à court terme"))
    arbitrate(
        workshop=cross, user=None, body="Comité de pilotage", decided_on=datetime.date(2019, 5, 6), decisions=decisions
    )
    if stdout:
        stdout.write(f"  ateliers : 3 pour « {cooperation.name} », {len(decisions)} pistes, 9 chantiers retenus")
