"""Governance demo of the CoDir de territoire (seeds 001 and 004): Mortagne, Achards and Ancenis, whose
directors meet before each council of their community, and Erdre et Gesvres, whose collective meets monthly.

What a secretary general would look for on their health page is in their records as it happens in such
collectives: an agenda sent too late, a month without a sitting, follow-ups still open after their due date."""

import datetime

from . import agenda_services, body_services, schedule
from .body_models import Body
from .meeting_demo import at, attend_all, decide, demo_meeting, months_ago, partners_of, seat_people, write_minutes
from .meeting_models import ItemKind

# --- CoDir de territoire: Mortagne, Achards, Ancenis (seeds 001 and 004) ---------------------


# What each territory's sheet says (seed 001), as decisions of its collective; the rest of the
# agenda comes from the vademecum (seed 004).
MORTAGNE_TOPICS = [
    ("Inscription du réseau dans le processus de décision", (
        "Le réseau des DGS et secrétaires de mairie se réunit en amont de chaque conseil communautaire ; l'ordre du "
        "jour est envoyé 48 h à l'avance."), "validation"),
    ("Attentes selon la taille des communes", (
        "Le collectif prend acte de l'hétérogénéité des attentes selon la taille des communes : un point est "
        "réservé aux plus petites à chaque réunion."), "orientation"),
    ("Schéma de mutualisation", "Le collectif propose aux élus une révision du schéma de mutualisation.",
     "orientation"),
    ("Guidage des usagers", "Une fiche « qui répond à quoi » est établie pour l'accueil des mairies.", "validation"),
]
ACHARDS_TOPICS = [
    ("Animation tournante et délocalisée", (
        "Chaque réunion est animée par un membre différent et se tient dans une commune différente."), "validation"),
    ("« Vis ma vie » DGS — secrétaires de mairie", (
        "Chaque DGS accueille un·e secrétaire de mairie une demi-journée, et réciproquement."), "validation"),
    ("Messagerie instantanée du réseau", (
        "Le réseau se dote d'une messagerie instantanée pour les questions du quotidien entre deux réunions."),
     "validation"),
    ("Compétence enfance-jeunesse", (
        "Un groupe de travail communes-interco prépare la réflexion sur la compétence enfance-jeunesse."),
     "orientation"),
    ("Projet de territoire post-mandat", (
        "Le collectif prépare, pour les élus, les éléments d'un projet de territoire pour le prochain mandat."),
     "orientation"),
]


def _codir_body(cooperation, users, *, mandate, **settings):
    # The body keeps the preset's name (the usual-bodies offer knows it is created); the mandate
    # says what the collective is called and does on this territory.
    body_services.create_preset_bodies(cooperation=cooperation, codes=["codir_territoire"])
    codir = Body.objects.get(cooperation=cooperation, kind="collectif_directeurs")
    body_services.update_body(codir, mandate=mandate, **settings)
    partners = partners_of(cooperation)
    epci = next((p for p in partners if p.organization.territory and p.organization.territory.kind == "epci"),
                partners[0])
    seat_people(codir, {(partners.index(epci), "DGS ou secrétaire de mairie"): users["membre"]})
    return codir, partners


def _council_days(codir, today, label):
    councils = []
    for offset in range(-10, 3):
        month_start = schedule.add_months(today.replace(day=1), offset)
        council = schedule.working_day_on_or_before(_last_thursday(month_start))
        councils.append(council)
        body_services.add_council_session(codir, council, label)
    return councils


def _meetings_before_councils(codir, partners, users, today, *, councils, council_label, topics, every=3):
    held = []
    past = [c for c in councils if c < today]
    for index, council in enumerate(past):
        start = at(council - datetime.timedelta(days=7), 9)
        late = index == len(past) - 2
        meeting = demo_meeting(codir, start, hours=2, title=f"CoDir — préparation du {council_label} du "
                           f"{council:%d/%m/%Y}",
                           meeting_format=["information_descendante", "information_ascendante", "reunion_travail",
                                           "co_developpement", "temps_miroir"][index % 5],
                           sent_hours_before=20 if late else 72)
        attend_all(meeting, absent_labels=())
        held.append(meeting)
        if index % every == 0:
            title, text, kind = topics[(index // every) % len(topics)]
            due = start.date() + datetime.timedelta(days=45)
            decide(meeting, title, text, kind, followups=[
                (f"{title} : note aux élus", users["membre"], None, due,
                 "Note présentée en bureau communautaire." if due < today - datetime.timedelta(days=60) else ""),
                (f"{title} : retour des communes", None, partners[(index + 1) % len(partners)], due, ""),
            ])
    for previous, following in zip(held, held[1:], strict=False):
        write_minutes(previous, f"## Ordre du jour du {council_label}\n\nPoints examinés et questions des communes.",
                 approve_in=following)
    upcoming = next((c for c in councils if c >= today + datetime.timedelta(days=8)), None)
    if upcoming:
        meeting = demo_meeting(codir, at(upcoming - datetime.timedelta(days=7), 9), hours=2,
                           title=f"CoDir — préparation du {council_label} du {upcoming:%d/%m/%Y}",
                           sent_hours_before=None)
        agenda_services.add_agenda_item(meeting=meeting, title=f"Ordre du jour du {council_label}", kind="information")
        agenda_services.add_agenda_item(meeting=meeting, title="Temps miroir : où en est-on de la charte ?",
                                        kind=ItemKind.DEBATE)


def load_mortagne(cooperation, users, today):
    codir, partners = _codir_body(cooperation, users, mandate=(
        "Réseau des DGS et secrétaires de mairie du Pays de Mortagne : amorcer son positionnement dans le processus "
        "de décision communautaire et communal ; réunion calée en amont des conseils communautaires, ordre du jour "
        "envoyé 48 h à l'avance."))
    councils = _council_days(codir, today, "Conseil communautaire")
    _meetings_before_councils(codir, partners, users, today, councils=councils, council_label="conseil communautaire",
                              topics=MORTAGNE_TOPICS)


def load_achards(cooperation, users, today):
    codir, partners = _codir_body(cooperation, users, periodicity="mensuelle", mandate=(
        "Réseau des DGS et secrétaires de mairie du Pays des Achards : impliquer chacun dans le collectif pour porter "
        "une vision commune du territoire ; réunion avant chaque bureau communautaire, animations tournantes et "
        "délocalisées, ateliers sur des thèmes précis, « Vis ma vie » DGS-SG, messagerie instantanée."))
    councils = _council_days(codir, today, "Bureau communautaire")
    _meetings_before_councils(codir, partners, users, today, councils=councils, council_label="bureau communautaire",
                              topics=ACHARDS_TOPICS, every=2)


# The three times of mobilisation of the association DGS-SG du Pays d'Ancenis (seed 001), then its
# working groups on trades; the seed does not date them: they are placed over the last months.
ANCENIS_SITTINGS = [
    (9, "Conférence-débat de sensibilisation des élus communaux", "information_descendante",
     "Sensibiliser les élus communaux à la coopération", (
         "L'association organise une conférence-débat ouverte aux élus communaux sur la coopération entre les "
         "communes et la communauté de communes."), "orientation"),
    (7, "Formation « facilitation de groupe » des cadres", "reunion_travail",
     "Former des facilitateurs parmi les cadres", (
         "Des cadres des communes et de l'interco sont formés à la facilitation de groupe ; ils animeront les "
         "groupes de travail."), "validation"),
    (5, "Séminaire des cadres communes et interco", "co_developpement",
     "Expérimenter l'intelligence collective", (
         "Le séminaire des cadres expérimente les techniques d'intelligence collective ; le collectif impulse des "
         "groupes de travail sur des thématiques métiers."), "validation"),
    (2, "Réunion de l'association DGS-SG", "exploration_strategique",
     "Séminaire « outils et méthodes »", (
         "L'association prépare un prochain séminaire consacré aux outils et méthodes de la coopération."),
     "orientation"),
]


def load_ancenis(cooperation, users, today):
    codir, partners = _codir_body(cooperation, users, periodicity="aucune", mandate=(
        "Association des DGS et secrétaires de mairie du Pays d'Ancenis : dynamiser le dialogue communes-EPCI en "
        "sensibilisant tous les acteurs à la coopération ; impulser des groupes de travail sur des thématiques "
        "métiers."))
    held = []
    for months, title, meeting_format, item, text, kind in ANCENIS_SITTINGS:
        # The association's last meeting had its agenda out the day before: under the vademecum's 48 hours.
        meeting = demo_meeting(codir, at(months_ago(today, months, day=10), 14), title=title,
                               meeting_format=meeting_format, sent_hours_before=26 if months == 2 else 96)
        attend_all(meeting)
        decide(meeting, item, text, kind, followups=[
            (f"{item} : compte rendu aux communes", users["membre"], None, months_ago(today, months - 1, day=10),
             "Compte rendu diffusé." if months > 2 else ""),
        ])
        held.append(meeting)
    for previous, following in zip(held, held[1:], strict=False):
        write_minutes(previous, "## Relevé\n\nÉchanges et décisions : voir le registre des décisions.",
                 approve_in=following)
    demo_meeting(codir, at(months_ago(today, -1, day=10), 14), title="Séminaire « outils et méthodes »",
             meeting_format="exploration_strategique", sent_hours_before=None)


def _last_thursday(month_start: datetime.date) -> datetime.date:
    last = schedule.add_months(month_start, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - 3) % 7)


# Erdre et Gesvres (seed 001): the collective of the twelve communes' and the communauté's directions, which wants
# its legitimacy as the technical governance of the projet de territoire acknowledged, and writes its charter.
ERDRE_TOPICS = [
    ("Légitimité du collectif", (
        "Le collectif des DGS se présente aux élus comme le support de la gouvernance technique au service du projet "
        "de territoire."), "orientation"),
    ("Charte de fonctionnement des DGS", (
        "Le collectif rédige sa charte : articulation des gouvernances technique et politique, règles de "
        "co-pilotage, articulation avec les réseaux métiers et projets."), "validation"),
    ("Fiche de poste DGS", (
        "La participation au collectif et au projet de territoire est inscrite dans la fiche de poste de chaque "
        "DGS."), "validation"),
    ("Collège des transitions sociétales", (
        "Les travaux du collectif sont mis en perspective avec ceux du collège des transitions sociétales."),
     "orientation"),
]
ERDRE_TOPIC_MONTHS = (10, 8, 5, 2)  # months ago of the sittings that decided each topic, in order


def load_erdre(cooperation, users, today):
    codir, partners = _codir_body(cooperation, users, periodicity="mensuelle", mandate=(
        "Collectif des directions générales des douze communes et de la communauté de communes d'Erdre et Gesvres : "
        "acter sa légitimité comme support de gouvernance technique au service du projet de territoire ; une séance "
        "par mois, accueillie tour à tour par chaque commune."))
    held = []
    for months in range(10, 0, -1):
        if months == 4:
            continue  # a month without a sitting: the host commune could not receive it and nobody took over
        start = at(months_ago(today, months, day=14), 9)
        meeting = demo_meeting(codir, start, hours=2, title=f"CoDir de territoire — {start:%m/%Y}",
                               sent_hours_before=20 if months == 2 else 72)
        attend_all(meeting)
        held.append(meeting)
        if months in ERDRE_TOPIC_MONTHS:
            title, text, kind = ERDRE_TOPICS[ERDRE_TOPIC_MONTHS.index(months)]
            due = start.date() + datetime.timedelta(days=40)
            decide(meeting, title, text, kind, followups=[
                (f"{title} : présentation en bureau communautaire", users["membre"], None, due,
                 "Présenté aux élus." if months > 3 else ""),
                (f"{title} : avis des communes", None, partners[months % len(partners)], due,
                 "Avis recueillis." if months > 6 else ""),
            ])
    for previous, following in zip(held, held[1:], strict=False):
        write_minutes(previous, "## Relevé\n\nÉchanges et décisions : voir le registre des décisions.",
                      approve_in=following)
    demo_meeting(codir, at(months_ago(today, -1, day=14), 9), hours=2, title="CoDir de territoire — prochaine séance",
                 sent_hours_before=None)
