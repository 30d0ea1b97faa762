"""Demo of the cross portrait: Loire × Haute-Loire, in the words of its founding document (seed 003).

The foundations are the four parts of « une culture commune »; the nine challenges are the « défis communs »
the portrait croisé identified. Each challenge is linked to what of the demo portfolio (axes, themes and the
seed's example pistes) answers it; the access to digital services, which no piste of the seed takes up, stays
without answer, as the seed leaves it.
"""

from entente.accounts.models import User
from entente.cooperations.demo import demo_cooperation
from entente.portfolio.models import Action, Axis, Workstream

from . import portrait_services as services

SLUG = "entente-loire-haute-loire"

FOUNDATIONS = [
    (
        "La valorisation du territoire",
        "Les deux territoires partagent une continuité naturelle millénaire, matérialisée par le fleuve Loire. Le "
        "positionnement touristique des deux collectivités, les axes structurants existants (ex. ViaFluvia), les modes "
        "d'hébergement ou encore l'offre culturelle contribuent à promouvoir une destination touristique commune.",
    ),
    (
        "L'économie",
        "Les entreprises des deux départements partagent un même esprit pragmatique, tourné vers l'innovation. Les "
        "produits et producteurs locaux sont de véritables moteurs de l'économie de ces terres de gastronomie.",
    ),
    (
        "Le développement des infrastructures",
        "Le territoire Loire - Haute-Loire est connecté au réseau d'infrastructures régionales et nationales et "
        "propose une offre de mobilité complémentaire à la route. En matière de connectivité, les deux Départements "
        "développent l'accès au très haut débit (réseau de fibre optique).",
    ),
    (
        "La cohésion sociale",
        "Les deux collectivités partagent des objectifs communs et un engagement similaire en matière de solidarité "
        "territoriale et sociale. Elles investissent toutes deux sur l'accueil et les services de proximité.",
    ),
]

A_NATURE = "Liés par nature, culture et esprit d'innovation"
A_PRODUCTS = "Fiers de nos produits et de nos entreprises"
A_INFRA = "Engagés pour le développement des infrastructures"
A_SOCIAL = "Mobilisés pour la cohésion sociale et l'efficacité des services au public"

# (challenge, axes, chantiers, actions of those chantiers): the chantiers' actions are the seed's example pistes.
CHALLENGES = [
    ("La mise en valeur des richesses patrimoniales communes aux deux départements", [A_NATURE],
     ["Tourisme, culture et milieux naturels"], ["Tourisme, culture et milieux naturels"]),
    ("La complémentarité entre production de proximité et filière agroalimentaire", [A_PRODUCTS],
     ["Agriculture"], ["Agriculture"]),
    ("Le soutien à une agriculture de qualité", [], ["Agriculture"], []),
    ("L'entretien des routes départementales, avec des réseaux très denses", [A_INFRA], ["Routes"], ["Routes"]),
    ("L'accompagnement des usages du numérique et la facilitation de l'accès aux services dématérialisés",
     [], [], []),
    ("L'adaptation au vieillissement de la population", [], ["Autonomie"], ["Autonomie"]),
    ("L'augmentation des sollicitations des services départementaux, en lien avec la disparition de certains "
     "services", [A_SOCIAL], ["Action sociale"], ["Action sociale"]),
    ("L'équilibre entre qualité du service et accueil social de proximité", [A_SOCIAL], ["Autonomie"],
     ["Autonomie"]),
    ("Le partage d'un même bassin de vie et de nombreuses interconnexions", [A_INFRA], [], ["Routes"]),
]  # fmt: skip


def load(stdout=None) -> dict:
    cooperation = demo_cooperation(SLUG)
    if cooperation is None or cooperation.portrait_challenges.exists() or cooperation.portrait_foundations.exists():
        return {"loaded": []}
    coordinator = User.objects.filter(email="coordinateur@demo.entente.fr").first()
    for title, text in FOUNDATIONS:
        services.save_foundation(cooperation=cooperation, user=coordinator, title=title, text=text)
    axes = {a.title: a for a in Axis.objects.filter(cooperation=cooperation)}
    streams = {w.title: w for w in Workstream.objects.filter(cooperation=cooperation)}
    # Each chantier of this portfolio carries the one example piste of the seed: its action, found by chantier.
    actions = {
        a.workstream.title: a for a in Action.objects.filter(cooperation=cooperation).select_related("workstream")
    }
    for title, axis_titles, stream_titles, action_streams in CHALLENGES:
        services.save_challenge(
            cooperation=cooperation,
            user=coordinator,
            title=title,
            axes=[axes[t] for t in axis_titles if t in axes],
            workstreams=[streams[t] for t in stream_titles if t in streams],
            actions=[actions[t] for t in action_streams if t in actions],
        )
    if stdout:
        stdout.write(
            f"  portrait croisé : {len(FOUNDATIONS)} fondements et {len(CHALLENGES)} défis de « {cooperation.name} »"
        )
    return {"loaded": [SLUG]}
