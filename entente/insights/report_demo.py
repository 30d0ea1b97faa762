"""Demo of the annual report: each seed cooperation's 2026 report gets a foreword and a conclusion in the
voice of its seed. The rest of each report is read from that cooperation's demo records of 2026.

- « Piloter ensemble » (seed 000): a « compagnonnage de route » of two Départements, and their shared
  dashboard of financial, HR and solidarity indicators;
- Touraine (seed 002): the contrats de réciprocité of the Métropole and the ten communautés de communes;
- Loire — Haute-Loire (seed 003): « des élus de raison », wary of « bonnes intentions sans lendemain »;
- the four CoDirs de territoire (seeds 001 and 004): from « vivre ensemble » to « faire ensemble ».
"""

from entente.accounts.models import User
from entente.cooperations.demo import demo_cooperation

from . import report_services

YEAR = 2026

TEXTS = {
    "piloter-ensemble-37-41": (
        "2026 est la première année pleine de « Piloter ensemble ». L'Indre-et-Loire et le Loir-et-Cher ont choisi "
        "la coopération comme un compagnonnage de route plutôt que comme une étape vers la fusion : explorer les "
        "possibles, puis expérimenter quelques actions concrètes.\n\n"
        "Ce rapport rassemble ce que nos deux Départements ont fait ensemble cette année, réunion par réunion et "
        "décision par décision, tel que nos propres enregistrements le montrent.",
        "Le tableau de bord partagé nous donne des chiffres communs pour nous comparer sur les finances, les "
        "ressources humaines et les solidarités ; il reste à le nourrir de valeurs réelles là où les séries sont "
        "encore illustratives.\n\n"
        "Pour 2027, les directions générales adjointes proposent de consacrer un comité à la lecture croisée de "
        "ces indicateurs, et de solder les suites à donner en retard avant d'en ouvrir de nouvelles.",
    ),
    "touraine-contrats-de-reciprocite": (
        "En 2026, Tours Métropole Val de Loire et les communautés de communes du département ont fait vivre les "
        "contrats de réciprocité signés ensemble : un comité de suivi des DGS qui se réunit, des ateliers "
        "thématiques qui avancent domaine par domaine, une conférence des présidents qui arbitre.\n\n"
        "Ce rapport en rend compte à partir des seules traces de l'année, pour que chaque conseil communautaire "
        "sache ce que la réciprocité a produit.",
        "La répartition des coûts montre que la Métropole porte près de la moitié de l'effort des actions menées : "
        "c'est le sens de la réciprocité, et chaque communauté de communes y retrouve sa part à la mesure de sa "
        "population.\n\n"
        "L'enjeu de 2027 est de passer des fiches actions aux réalisations, sur la mobilité et les déchets en "
        "premier lieu, et de ne plus laisser une fiche en retard d'un comité de suivi à l'autre.",
    ),
    "entente-loire-haute-loire": (
        "Nous avons voulu une coopération formalisée dans la durée, parce que nous sommes des élus de raison et "
        "que nous nous méfions des bonnes intentions sans lendemain.\n\n"
        "Ce rapport d'activité de l'Entente Loire — Haute-Loire en est la preuve : il dit ce que nos deux "
        "Départements ont réellement fait ensemble en 2026, du bassin stéphanois à l'Yssingelais.",
        "Le portrait croisé avait nommé neuf défis communs ; l'année en a fait avancer plusieurs, du tourisme "
        "ligérien aux routes départementales.\n\n"
        "L'accès aux services dématérialisés reste sans réponse : nous proposons d'en faire un chantier de "
        "l'année prochaine, avec les agents d'accueil des deux Départements.",
    ),
    "codir-erdre-et-gesvres": (
        "Le CoDir de territoire d'Erdre et Gesvres réunit les directions générales des douze communes et de la "
        "communauté de communes. Nous l'avons voulu auto-institué, pluriel et paritaire, au service des élus et "
        "des usagers des services publics locaux.\n\nCe rapport retrace son année 2026.",
        "Un collectif de directions ne vaut que par la confiance qu'il donne aux élus : transparence sur ce que "
        "nous traitons, loyauté dans ce que nous leur proposons.\n\n"
        "En 2027, nous voulons que chaque commune ait accueilli au moins une séance, et que les sujets portés "
        "devant les maires soient suivis jusqu'à leur décision.",
    ),
    "codir-pays-d-ancenis": (
        "Le Pays d'Ancenis a bâti son CoDir de territoire en trois temps, en commençant par sensibiliser les élus "
        "des vingt communes.\n\n2026 est l'année où le collectif des directions s'est installé ; ce rapport en "
        "garde la trace.",
        "Passer du « vivre ensemble » au « faire ensemble » demande de la régularité : le collectif doit se "
        "réunir à date fixe, et chaque direction doit pouvoir y porter ses questions.\n\n"
        "Ce sera notre engagement pour 2027.",
    ),
    "codir-pays-de-mortagne": (
        "Dans un territoire semi-rural de onze communes, les directions générales sont peu nombreuses et souvent "
        "seules face à des dossiers lourds. Le CoDir de territoire du Pays de Mortagne leur donne un lieu pour "
        "travailler ensemble.\n\nVoici ce qu'il a produit en 2026.",
        "Les décisions prises cette année n'ont de sens que si leurs suites sont tenues : c'est ce que les élus "
        "nous demandent, et c'est là que nous devons progresser.\n\n"
        "Nous proposons de faire le point des suites à donner au début de chaque séance en 2027.",
    ),
    "codir-pays-des-achards": (
        "Entre deux agglomérations, le Pays des Achards a choisi de renforcer le travail commun de ses neuf "
        "communes et de la communauté de communes. Le CoDir de territoire en est l'outil.\n\n"
        "Ce rapport dit où il en est en 2026.",
        "L'année a surtout servi à poser le cadre : qui se réunit, à quel rythme, pour traiter quoi.\n\n"
        "En 2027, le collectif devra montrer aux élus et aux habitants ce que ce travail commun change dans les "
        "services de proximité.",
    ),
}


def load(stdout=None) -> dict:
    coordinator = User.objects.filter(email="coordinateur@demo.entente.fr").first()
    loaded = []
    for slug, (foreword, conclusion) in TEXTS.items():
        cooperation = demo_cooperation(slug)
        if cooperation is None or cooperation.annual_reports.filter(year=YEAR).exists():
            continue
        report_services.save_report_texts(
            cooperation=cooperation, year=YEAR, user=coordinator, foreword=foreword, conclusion=conclusion
        )
        loaded.append(slug)
    if stdout and loaded:
        stdout.write(f"  rapport d'activité {YEAR} : avant-propos et conclusion de {len(loaded)} coopérations")
    return {"loaded": loaded}
