"""Demo portfolio of the seeds' cooperations. Idempotent: found by titles, never duplicated.

Facts (chantiers, domains, axes, pistes, who leads the hydrogen sector, who takes part, how costs
are shared) come from the seeds; amounts, the Métropole's 60 % and the communautés' numbers of
déchèteries are illustrative and said so in the plans' comments.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from entente.cooperations.demo import demo_cooperation
from entente.cooperations.models import CooperationForm, Partnership, Purpose
from entente.territories.models import Territory

from . import financing_services, link_services, services, structure_services, tracking_services
from .models import Action, ActionLink, Axis, FinancingPlan, Workstream

D37, D41, D42, D43 = "Indre-et-Loire", "Loir-et-Cher", "Loire", "Haute-Loire"
METROPOLE = "243700754"
TVI = "200072650"  # CC Touraine Vallée de l'Indre, chef de file of the hydrogen sector (seed 002)
GATINE_RACAN = "200073237"

# (chantier, [(action, lead département, status, purposes, forms)])
PILOTER_ENSEMBLE = [
    ("Les services d'aide et d'accompagnement à domicile", [
        ("Échanges sur les modalités de tarification et de pilotage de la relation financière", D37, "engagee",
         ["capitalisation", "convergence"], ["partager_methodes"]),
        ("Travail partenarial sur les opérateurs agissant sur les deux départements : accompagnement, "
         "évaluations communes, voire autorisations communes à titre expérimental", D41, "a_l_etude",
         ["pertinence_territoriale", "convergence"], ["associer_travaux"]),
    ]),
    ("L'innovation dans les collèges", [
        ("Retours d'expérience croisés sur les démarches innovantes en matière bâtimentaire", D41, "engagee",
         ["innovation", "capitalisation"], ["partager_methodes"]),
        ("Préparation conjointe de demandes d'expérimentation du rattachement fonctionnel des gestionnaires "
         "aux départements", D37, "a_l_etude", ["negociation"], ["positions_communes"]),
    ]),
    ("La restauration scolaire et les circuits courts", [
        ("Échanges sur la structuration et la relocalisation des approvisionnements", D41, "engagee",
         ["capitalisation", "pertinence_territoriale"], ["partager_methodes"]),
    ]),
    ("Les ressources humaines", [
        ("Formation commune à la gestion de projet", D37, "realisee", ["masse_critique"], ["outils_communs"]),
        ("Séminaire des cadres commun", D41, "realisee", ["capitalisation"], ["outils_communs"]),
        ("Accompagnement et mise en réseau des formateurs internes", D37, "engagee", ["masse_critique"],
         ["outils_communs"]),
        ("Échanges réguliers entre les directions des ressources humaines", D41, "engagee", ["capitalisation"],
         ["partager_methodes"]),
    ]),
    ("L'ingénierie technique départementale", [
        ("Échanges sur l'évolution de chacun des modèles d'ingénierie au service des communes", D37, "a_l_etude",
         ["capitalisation"], ["partager_methodes"]),
    ]),
    ("L'observation territoriale", [
        ("Adhésion du Département d'Indre-et-Loire à l'Observatoire de l'économie et des territoires créé par "
         "le Département de Loir-et-Cher", D41, "engagee", ["masse_critique", "pertinence_territoriale"],
         ["outils_communs"]),
    ]),
    ("L'outil de pilotage", [
        ("Tableau de bord partagé des directions générales : indicateurs financiers, RH et solidarités", D37,
         "engagee", ["capitalisation"], ["outils_communs"]),
    ]),
    ("Les achats", [
        ("Posture commune pour faire évoluer la gouvernance de la centrale d'achat Approlys", D37, "a_l_etude",
         ["negociation"], ["positions_communes"]),
    ]),
    ("Les téléservices", [
        ("Présentation de l'association Cap'Demat par le Département de Loir-et-Cher", D41, "realisee",
         ["capitalisation"], ["partager_methodes"]),
    ]),
]

# Touraine: the 7 domains and the actions the seed names; lead by SIREN; who takes part (variable
# geometry, as the seed tells it): "tous" = the 11 EPCI, "cc" = the 10 communautés de communes, or SIRENs.
REGION_CENTRE = "24"  # Centre-Val de Loire, associated to the mobility corridors (seed 002)
TOURAINE = [
    ("Développement économique", [
        # "repose sur le volontariat des intercommunalités": first example Métropole × Gâtine-Racan.
        ("Offre foncière commune à destination des entreprises", METROPOLE, "engagee", [METROPOLE, GATINE_RACAN]),
        ("Réseau des référents « dév' éco » de chaque intercommunalité", METROPOLE, "realisee", "tous"),
    ]),
    ("Stratégie d'attractivité", [
        ("Budget commun de la stratégie d'attractivité", METROPOLE, "engagee", "tous"),
    ]),
    ("Déchets", [
        ("Accès mutualisé aux déchèteries du département", METROPOLE, "a_l_etude", "tous"),
        # The Métropole wishes to buy hydrogen bin lorries to support the sector led by a CC.
        ("Camions-bennes à hydrogène", METROPOLE, "idee", [METROPOLE, TVI]),
    ]),
    ("Agriculture et alimentation", [
        # "certaines Communautés de communes ont mutualisé leur réflexion" — the Métropole may join later.
        ("Réflexion mutualisée sur un plan alimentaire territorial", GATINE_RACAN, "engagee", "cc"),
    ]),
    ("Tourisme", [
        ("Campagne d'information touristique estivale", METROPOLE, "realisee", [METROPOLE]),
    ]),
    ("Mobilité", [
        ("Corridors de mobilité : six corridors d'accès à la Métropole et lieux d'intermodalité", METROPOLE,
         "engagee", "tous"),
        ("Enquête ménages déplacements", METROPOLE, "realisee", "tous"),
    ]),
    ("Énergie", [
        ("Développement de la filière hydrogène", TVI, "engagee", [TVI, METROPOLE]),
    ]),
]

# Thematic workshops chaired by different EPCI (seed 002): waste by the Métropole's vice-president,
# energy by the CC Touraine Vallée de l'Indre.
THEME_CHAIRS = {"Déchets": METROPOLE, "Énergie": TVI}

# Waste centres per EPCI, for the contribution "proportionnelle aux nombres de déchèteries" (seed 002).
# The Métropole's 7 centres are public (Joué-lès-Tours, Chanceaux-sur-Choisille, Fondettes, La Riche,
# Saint-Avertin, Saint-Pierre-des-Corps, Tours Nord); the communautés' counts are illustrative.
WASTE_CENTRES = {
    METROPOLE: 7, "200043065": 2, "200043081": 3, "200071587": 6, "200072650": 4, "200072668": 3,
    "200072981": 3, "200073161": 3, "200073237": 2, "243700499": 1, "243700820": 2,
}

# Loire × Haute-Loire: 4 axes → themes → the 8 example pistes of the seed.
LOIRE_AXES = [
    ("Liés par nature, culture et esprit d'innovation", [
        ("Tourisme, culture et milieux naturels", "Faire du fleuve Loire un axe fort de la coopération et mettre en "
         "valeur le patrimoine naturel et bâti", D42, "engagee"),
        ("Sports", "Organiser des événements sportifs et de loisirs communs autour du fleuve Loire, dans la "
         "continuité du premier Swimrun des Gorges de la Loire (juin 2019)", D43, "engagee"),
    ]),
    ("Fiers de nos produits et de nos entreprises", [
        ("Agriculture", "Introduire des produits issus de circuits courts dans les collèges et établissements "
         "sociaux et médico-sociaux de la Haute-Loire, en s'appuyant sur la démarche de la Loire", D42, "a_l_etude"),
        ("Collèges", "Ouvrir les dispositifs de découverte des métiers aux collégiens des deux départements",
         D43, "a_l_etude"),
    ]),
    ("Engagés pour le développement des infrastructures", [
        ("Routes", "Coordonner l'action des deux départements sur les routes limitrophes : viabilité hivernale, "
         "chaussées et ouvrages", D43, "engagee"),
    ]),
    ("Mobilisés pour la cohésion sociale et l'efficacité des services au public", [
        ("Enfance", "Ouvrir aux enfants de l'action sociale des deux départements des opérations autour de la "
         "culture, du sport et du numérique", D42, "idee"),
        ("Action sociale", "Développer une observation commune de l'action sociale", D43, "a_l_etude"),
        ("Autonomie", "Créer des points d'accueil communs pour les personnes âgées et les personnes handicapées "
         "dans les espaces limitrophes", D42, "idee"),
    ]),
]

DEMO_NOTE = "Montants et nombres fictifs, pour la démonstration ; le mode de répartition est celui de la source."


def partners_of(cooperation):
    return list(Partnership.objects.filter(cooperation=cooperation).select_related("organization__territory"))


def by_name(partners, name):
    return next(p for p in partners if p.organization.territory and p.organization.territory.name == name)


def by_code(partners, code):
    return next(p for p in partners if p.organization.territory and p.organization.territory.code == code)


def workstream(cooperation, title, axis=None, lead=None):
    found = Workstream.objects.filter(cooperation=cooperation, title=title).first()
    return found or structure_services.create_workstream(cooperation=cooperation, title=title, axis=axis, lead=lead)


def axis(cooperation, title):
    found = Axis.objects.filter(cooperation=cooperation, title=title).first()
    return found or structure_services.create_axis(cooperation=cooperation, title=title)


def action(cooperation, stream, title, *, lead, participants, status, purposes=(), forms=(), progress=None,
           external=(), ideas=()):
    found = Action.objects.filter(cooperation=cooperation, title=title).first()
    if found:
        return found
    progress = progress if progress is not None else {"realisee": 100, "engagee": 40, "a_l_etude": 10}.get(status, 0)
    return services.create_action(cooperation=cooperation, user=None, data=services.ActionData(
        title=title, workstream=stream, lead=lead, participants=participants, status=status, progress=progress,
        purposes=list(Purpose.objects.filter(cooperation=None, code__in=purposes)),
        forms=list(CooperationForm.objects.filter(cooperation=None, code__in=forms)),
        start_on=datetime.date(2020, 1, 1) if status != "idee" else None, source_ideas=list(ideas),
        external_territories=list(Territory.objects.filter(code__in=external, kind="region")),
    ))


def retained_pistes(cooperation) -> list:
    """The 9 pistes the comité de pilotage retained as chantiers (workshops demo), in the chantiers' order."""
    from entente.workshops import demo as workshops_demo
    from entente.workshops.models import Idea

    found = {idea.title: idea for idea in Idea.objects.filter(
        workshop__cooperation=cooperation, workshop__title=workshops_demo.CROSS_TITLE,
        title__in=[title for _code, title, _d, _domain in workshops_demo.CHANTIERS])}
    return [found.get(title) for _code, title, _d, _domain in workshops_demo.CHANTIERS]


def next_codiri(today: datetime.date) -> datetime.date:
    """The CODIRI meets twice a year: the next of 30 June and 15 December."""
    for candidate in (datetime.date(today.year, 6, 30), datetime.date(today.year, 12, 15)):
        if candidate > today:
            return candidate
    return datetime.date(today.year + 1, 6, 30)


def load_piloter_ensemble(cooperation):
    partners = partners_of(cooperation)
    both = [by_name(partners, D37), by_name(partners, D41)]
    pistes = retained_pistes(cooperation)
    for index, (stream_title, actions) in enumerate(PILOTER_ENSEMBLE):
        stream = workstream(cooperation, stream_title)
        piste = pistes[index] if index < len(pistes) else None
        for title, lead, status, purposes, forms in actions:
            item = action(cooperation, stream, title, lead=by_name(partners, lead), participants=both,
                          status=status, purposes=purposes, forms=forms, ideas=[piste] if piste else [])
            if status == "engagee" and not item.milestones.exists():
                tracking_services.add_milestone(item, title="Point d'étape au CODIRI",
                                       due_on=next_codiri(timezone.localdate()))
    training = Action.objects.get(cooperation=cooperation, title="Formation commune à la gestion de projet")
    if not FinancingPlan.objects.filter(action=training).exists():
        financing_services.save_financing(training, data=financing_services.FinancingData(
            total=Decimal("24000.00"), key="population", note=DEMO_NOTE))
    if not training.indicators.exists():
        tracking_services.add_indicator(training, label="Agents formés à la gestion de projet", unit="agents",
                               target=Decimal("60"), current=Decimal("48"))
        tracking_services.add_indicator(training, label="Sessions communes organisées", unit="sessions",
                               target=Decimal("4"), current=Decimal("4"))


def load_touraine(cooperation):
    partners = partners_of(cooperation)
    epcis = [p for p in partners if p.organization.territory and p.organization.territory.kind == "epci"]
    metropole = by_code(partners, METROPOLE)
    communities = [p for p in epcis if p != metropole]
    groups = {"tous": epcis, "cc": communities}
    for domain, actions in TOURAINE:
        chair = THEME_CHAIRS.get(domain)
        stream = workstream(cooperation, domain, lead=by_code(partners, chair) if chair else None)
        for title, lead_code, status, who in actions:
            participants = groups[who] if isinstance(who, str) else [by_code(partners, code) for code in who]
            action(cooperation, stream, title, lead=by_code(partners, lead_code), participants=participants,
                   status=status, purposes=["pertinence_territoriale", "convergence"], forms=["outils_communs"],
                   external=[REGION_CENTRE] if title.startswith("Corridors de mobilité") else ())
    _touraine_financing(cooperation, metropole, epcis)
    _touraine_links(cooperation)


def _touraine_financing(cooperation, metropole, epcis):
    plans = Action.objects.filter(cooperation=cooperation)
    attractiveness = plans.get(title="Budget commun de la stratégie d'attractivité")
    if not FinancingPlan.objects.filter(action=attractiveness).exists():
        financing_services.save_financing(attractiveness, data=financing_services.FinancingData(
            total=Decimal("200000.00"), key="part_fixe", fixed_partner=metropole, fixed_mode="pourcentage",
            fixed_value=Decimal("60"), rest_key="population", note=DEMO_NOTE + " La majorité du budget est apportée "
            "par la Métropole, le reste partagé entre communautés de communes selon le nombre d'habitants "
            "(population municipale du registre)."))
    waste = plans.get(title="Accès mutualisé aux déchèteries du département")
    if not FinancingPlan.objects.filter(action=waste).exists():
        counts = {p.pk: WASTE_CENTRES[p.organization.territory.code] for p in epcis
                  if p.organization.territory.code in WASTE_CENTRES}
        financing_services.save_financing(waste, data=financing_services.FinancingData(
            total=Decimal("120000.00"), key="nombre", counts=counts, count_label="déchèteries",
            note=DEMO_NOTE + " Engagement des 11 EPCI en Conférence des Présidents : contribution proportionnelle "
            "au nombre de déchèteries (7 pour la Métropole ; nombres fictifs pour les communautés de communes)."))
    campaign = plans.get(title="Campagne d'information touristique estivale")
    if not FinancingPlan.objects.filter(action=campaign).exists():
        financing_services.save_financing(campaign, data=financing_services.FinancingData(
            total=Decimal("5000.00"), key="part_fixe", fixed_partner=metropole, fixed_mode="montant",
            fixed_value=Decimal("5000.00"), rest_key="parts_egales",
            note="Apport de 5 000 € de la Métropole (source : écoute territoriale de l'UNADEL, 2020)."))


def _touraine_links(cooperation):
    titles = dict(Action.objects.filter(cooperation=cooperation).values_list("title", "pk"))
    links = [
        ("Camions-bennes à hydrogène", "Développement de la filière hydrogène", "depend_de"),
        ("Corridors de mobilité : six corridors d'accès à la Métropole et lieux d'intermodalité",
         "Enquête ménages déplacements", "depend_de"),
        ("Offre foncière commune à destination des entreprises", "Budget commun de la stratégie d'attractivité",
         "alimente"),
        ("Réflexion mutualisée sur un plan alimentaire territorial", "Campagne d'information touristique estivale",
         "en_lien"),
        ("Accès mutualisé aux déchèteries du département", "Camions-bennes à hydrogène", "en_lien"),
    ]
    for source, target, kind in links:
        if not ActionLink.objects.filter(source_id=titles[source], target_id=titles[target], kind=kind).exists():
            link_services.add_link(source=Action.objects.get(pk=titles[source]),
                              target=Action.objects.get(pk=titles[target]), kind=kind)


def loire_pistes(cooperation) -> dict:
    """The workshop pistes (seed 003) behind each theme's action, by theme."""
    from entente.workshops import demo as workshops_demo
    from entente.workshops.models import Idea

    titles = {title: theme for _axis, theme, title, _code, _engaged, _answers in workshops_demo.LOIRE_PISTES}
    ideas = Idea.objects.filter(workshop__cooperation=cooperation, workshop__title=workshops_demo.LOIRE_TITLE,
                                title__in=titles)
    return {titles[idea.title]: idea for idea in ideas}


def load_loire(cooperation):
    partners = partners_of(cooperation)
    both = [by_name(partners, D42), by_name(partners, D43)]
    pistes = loire_pistes(cooperation)
    for axis_title, themes in LOIRE_AXES:
        parent = axis(cooperation, axis_title)
        for theme, title, lead, status in themes:
            stream = workstream(cooperation, theme, axis=parent)
            action(cooperation, stream, title, lead=by_name(partners, lead), participants=both, status=status,
                   purposes=["pertinence_territoriale", "convergence"], forms=["partager_methodes"],
                   ideas=[pistes[theme]] if theme in pistes else [])


def reset(cooperations) -> None:
    """Remove the portfolio of demo cooperations being rebuilt: actions hold their chantiers and
    partners, chantiers their axes."""
    Action.objects.filter(cooperation__in=cooperations).delete()
    Workstream.objects.filter(cooperation__in=cooperations).delete()
    Axis.objects.filter(cooperation__in=cooperations).delete()


@transaction.atomic
def load(stdout=None) -> None:
    loaders = {
        "piloter-ensemble-37-41": load_piloter_ensemble,
        "touraine-contrats-de-reciprocite": load_touraine,
        "entente-loire-haute-loire": load_loire,
    }
    for slug, loader in loaders.items():
        cooperation = demo_cooperation(slug)
        if cooperation is not None:
            loader(cooperation)
    if stdout:
        count = Action.objects.filter(cooperation__slug__in=loaders).count()
        stdout.write(f"  portefeuille : {count} actions de démonstration")
