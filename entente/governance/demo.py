"""Governance demo: the bodies of the seed cooperations with their meetings, decisions and follow-ups.

Idempotent: a cooperation whose usual bodies already exist is left as it is (load_demo rebuilds
the demo cooperations first). Dates the seeds give are kept; the others are placed around today so
that the demo always shows recent meetings, upcoming ones and overdue follow-ups, always on working
days. Each cooperation's meetings are created in date order, so that decision numbers follow dates.
People are roles (the demo accounts), never personal names, and hold only seats of their function.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from entente.accounts.models import User
from entente.cooperations.demo import demo_cooperation

from . import schedule, services
from .arbitration import record_arbitration
from .body_models import Body, BodyMember
from .decision_models import Decision
from .meeting_models import Attendance, Meeting

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def months_ago(today, months, day=None):
    moved = schedule.add_months(today.replace(day=1), -months)
    return moved.replace(day=day or min(today.day, 28))


def _users():
    return {role: User.objects.filter(email=f"{role}@demo.entente.fr").first()
            for role in ("coordinateur", "membre", "contributeur", "observateur")}


def _meeting(body, start, *, hours=3, title="", meeting_format="reunion_travail", sent_hours_before=96,
             online_url="", theme="", held=True):
    # Nobody meets on a Saturday, a Sunday or a public holiday: the meeting moves to the next working day.
    day = schedule.working_day_on_or_after(start.date())
    start = start + datetime.timedelta(days=(day - start.date()).days)
    meeting = services.schedule_meeting(body=body, starts_at=start, ends_at=start + datetime.timedelta(hours=hours),
                                        title=title, format=meeting_format, online_url=online_url, theme=theme)
    if sent_hours_before is not None:
        # Sent through the service, so that the agenda names who received it; nobody is e-mailed today.
        services.add_agenda_item(meeting=meeting, title="Tour de table", kind="information")
        services.send_agenda(meeting, now=start - datetime.timedelta(hours=sent_hours_before), notify=False)
        meeting.refresh_from_db()
    if held and start < timezone.now():
        meeting.status = "tenue"
    meeting.save()
    return meeting


def _attend_all(meeting, absent_labels=()):
    holder = None
    for seat in meeting.body.members.all():
        status = "excuse" if seat.label in absent_labels else "present"
        attendance = services.record_attendance(meeting=meeting, seat=seat, status=status)
        holder = holder or attendance
    return holder


def _decide(meeting, title, text, kind="validation", *, followups=(), ratify=False):
    item = services.add_agenda_item(meeting=meeting, title=title, kind="decision")
    decision = services.record_decision(item=item, text=text, kind=kind, requires_ratification=ratify)
    for what, owner, owner_partner, due, done in followups:
        followup = services.add_followup(decision=decision, title=what, due_on=due, owner=owner,
                                         owner_partner=owner_partner)
        if done:
            services.update_followup(followup, status="faite", evidence=done, today=min(due, schedule.paris_today()))
    return decision


def _minutes(meeting, text, approve_in=None):
    version, _ = services.save_minutes(meeting=meeting, text=text)
    if approve_in is not None and approve_in.starts_at < timezone.now():
        services.approve_minutes(version, approved_in=approve_in, now=approve_in.starts_at)


def _partners(cooperation):
    return services.signatory_partners(cooperation)


def _seat_people(body, assignments):
    """Give demo accounts the seats matching (partner index, label)."""
    partners = _partners(body.cooperation)
    for (index, label), user in assignments.items():
        if user is None:
            continue
        seat = BodyMember.objects.filter(body=body, partner=partners[index], label=label, user__isnull=True).first()
        if seat and not BodyMember.objects.filter(body=body, user=user).exists():
            seat.user = user
            seat.save()


# --- CODIRI Indre-et-Loire × Loir-et-Cher ----------------------------------------------------


# The comité de pilotage of « Piloter ensemble » (seed 000): it launches the démarche, arbitrates the
# 130 pistes of the workshops into 9 chantiers and validates the convention technique. The seed does
# not date these sittings: the dates are those of the workshops demo (arbitration on 6 May 2019).
STEERING_SITTINGS = [
    (datetime.date(2019, 1, 21), "Comité de pilotage — lancement de la démarche", "Lancement de la démarche", (
        "Le comité de pilotage lance l'exploration des possibles coopérations : ateliers internes de foisonnement "
        "dans chaque département, puis évaluation croisée des pistes sur deux critères (plus-value de la "
        "coopération, faisabilité à court terme)."), "orientation"),
    (datetime.date(2019, 5, 6), "Comité de pilotage — arbitrage des pistes", "Arbitrage des 130 pistes", (
        "Au vu de l'évaluation croisée des 130 pistes, le comité de pilotage retient neuf chantiers prioritaires : "
        "les services d'aide et d'accompagnement à domicile ; l'innovation dans les collèges ; la restauration "
        "scolaire et les circuits courts ; les ressources humaines ; l'ingénierie technique départementale ; "
        "l'observation territoriale ; l'outil de pilotage ; les achats ; les téléservices. Les autres pistes sont "
        "écartées ou reportées au CODIRI."), "arbitrage"),
    (datetime.date(2019, 11, 18), "Comité de pilotage — bilan de la phase opérationnelle",
     "Convention technique et CODIRI", (
         "Le comité de pilotage valide le projet de convention technique, à signer par les deux directeurs "
         "généraux des services, et la création du comité de direction interdépartemental (CODIRI)."),
     "validation"),
]


def _record_workshop_arbitration(meeting, cooperation, user) -> bool:
    """The workshops demo's arbitration becomes the decision of this meeting (pistes listed), as the
    arbitration screen records it; False when the cooperation has no arbitrated workshop."""
    from entente.workshops.models import Arbitration

    arbitration = Arbitration.objects.filter(workshop__cooperation=cooperation).order_by("decided_on", "pk").first()
    if arbitration is None or user is None:
        return False
    record_arbitration(arbitration, sitting=f"reunion-{meeting.pk}", user=user)
    return True


def load_steering_committee(cooperation, users):
    steering = Body.objects.get(cooperation=cooperation, kind="comite_pilotage")
    for day, title, item, text, kind in STEERING_SITTINGS:
        meeting = _meeting(steering, at(day, 14), title=title, meeting_format="exploration_strategique")
        _attend_all(meeting)
        if kind == "arbitrage" and _record_workshop_arbitration(meeting, cooperation, users["coordinateur"]):
            continue
        _decide(meeting, item, text, kind)
    # Its mission ends with the convention technique: it is not « late » for a meeting ever since.
    services.update_body(steering, periodicity="aucune", mandate=(
        "A arbitré les pistes de coopération et retenu les neuf chantiers prioritaires ; sa mission s'achève avec "
        "la convention technique, le CODIRI prenant le relais."))


def load_codiri(cooperation, users, today):
    services.create_preset_bodies(cooperation=cooperation, codes=["comite_pilotage", "codiri"])
    load_steering_committee(cooperation, users)
    codiri = Body.objects.get(cooperation=cooperation, kind="codiri")
    d37, d41 = _partners(cooperation)[:2]
    # Only the coordinator (a DGA) and the director hold seats; the Loir-et-Cher seats wait for their
    # holders rather than being given to an account of another function.
    _seat_people(codiri, {(0, "DGA Ressources"): users["coordinateur"], (0, "DGS"): users["membre"]})
    chantiers = [
        ("Services d'aide et d'accompagnement à domicile",
         "Engager des évaluations communes des opérateurs présents sur les deux départements."),
        ("Ressources humaines", "Organiser une formation commune à la gestion de projet et un séminaire des cadres."),
        ("Observation territoriale",
         "Le Département d'Indre-et-Loire adhère à l'Observatoire de l'économie et des territoires."),
        ("Achats", "Élaborer une posture commune sur la gouvernance de la centrale d'achat Approlys."),
    ]
    meetings = []
    for index, months in enumerate((24, 18, 12, 6)):
        day = months_ago(today, months, day=12)
        meeting = _meeting(codiri, at(day, 9, 30), title=f"CODIRI — {'printemps' if day.month < 7 else 'automne'} "
                           f"{day.year}", meeting_format="information_ascendante")
        _attend_all(meeting, absent_labels=("DGA",) if index % 2 else ())
        title, text = chantiers[index]
        due = schedule.add_months(day, 4)
        _decide(meeting, f"Chantier « {title} »", text, "orientation", followups=[
            (f"Point d'avancement du chantier « {title} »", users["membre"], None, due,
             "Note d'étape présentée au CODIRI suivant." if months > 6 else ""),
            ("Désigner les référents du chantier dans chaque département", None, d41 if index % 2 else d37,
             schedule.add_months(day, 2), "Référents désignés." if months > 12 else ""),
        ])
        meetings.append(meeting)
    for previous, following in zip(meetings, meetings[1:], strict=False):
        _minutes(previous, "## Tour de table\n\nAvancement des chantiers présenté par chaque DGA.\n\n"
                           "## Relevé de décisions\n\nVoir le registre des décisions.", approve_in=following)
    _minutes(meetings[-1], "## Tour de table\n\nPoint sur le tableau de bord partagé (finances, RH, solidarités).")
    _meeting(codiri, at(schedule.add_months(months_ago(today, 6, day=12), 6), 9, 30), title="CODIRI — prochaine séance",
             sent_hours_before=None)


# --- Touraine: conférence des présidents, comité de suivi, ateliers thématiques ------------


THEMES = ["Développement économique", "Stratégie d'attractivité", "Déchets", "Agriculture et alimentation",
          "Tourisme", "Mobilité", "Énergie"]


def load_touraine(cooperation, users, today):
    services.create_preset_bodies(cooperation=cooperation,
                                  codes=["conference_presidents", "comite_suivi", "ateliers_thematiques"])
    partners = [p for p in _partners(cooperation) if p.organization.territory_id]
    epcis = [p for p in partners if p.organization.territory.kind == "epci"]
    conference = Body.objects.get(cooperation=cooperation, kind="conference_presidents")
    services.update_body(conference, voting_mode="par_partenaire", weighting="population",
                         quorum_basis="partenaires", quorum_percent=50)
    followup_committee = Body.objects.get(cooperation=cooperation, kind="comite_suivi")
    workshops = Body.objects.get(cooperation=cooperation, kind="atelier_thematique")
    services.set_rotation(workshops, [(partner, theme) for partner, theme in zip(epcis[1:], THEMES, strict=False)])
    metropole = epcis[0]

    # The waste workshop prepares the shared access to déchèteries; the Conférence des Présidents decides it.
    waste = _meeting(workshops, at(months_ago(today, 11, day=8), 9), hours=3, title="Atelier thématique — Déchets",
                     theme="Déchets", meeting_format="reunion_travail")
    _attend_all(waste)
    services.add_agenda_item(meeting=waste, title="Mutualiser l'accès à toutes les déchèteries du département",
                             kind="debat", description=(
                                 "Permettre à chaque habitant d'utiliser la déchèterie la plus proche de chez lui, "
                                 "sans se soucier des limites administratives : proposition à la Conférence des "
                                 "Présidents."))
    conf = _meeting(conference, at(months_ago(today, 10, day=20), 17), title="Conférence des présidents",
                    meeting_format="exploration_strategique")
    _attend_all(conf)
    decision = _decide(conf, "Budget d'attractivité", (
        "Le budget commun d'attractivité est financé majoritairement par la Métropole, le solde étant réparti "
        "entre les communautés de communes au prorata de leurs habitants."), "arbitrage", followups=[
        ("Préparer les conventions financières annuelles", None, metropole, months_ago(today, 7, day=1),
         "Conventions transmises aux communautés de communes."),
    ])
    for attendance in conf.attendances.select_related("seat__partner__organization__territory")[:11]:
        choice = "abstention" if attendance.seat.partner == epcis[-1] else "pour"
        services.cast_vote(decision=decision, attendance=attendance, choice=choice)
    waste_access = _decide(conf, "Accès mutualisé aux déchèteries", (
        "Les onze intercommunalités s'engagent à mutualiser l'accès à l'ensemble des déchèteries du département : "
        "chaque habitant peut utiliser la déchèterie la plus proche de chez lui. Leur contribution financière est "
        "proportionnelle au nombre de déchèteries de chacune ; le choix de la solution technique est en cours."),
        "validation", followups=[
            ("Recenser les déchèteries et leurs horaires", None, epcis[3], months_ago(today, 1, day=1), ""),
            ("Comparer les solutions techniques d'accès (badges, carte commune)", None, metropole,
             months_ago(today, -2, day=1), ""),
    ])
    for attendance in conf.attendances.select_related("seat__partner")[:11]:
        services.cast_vote(decision=waste_access, attendance=attendance, choice="pour")

    for months in (9, 3):
        meeting = _meeting(followup_committee, at(months_ago(today, months, day=15), 14),
                           title="Comité de suivi des DGS", meeting_format="information_ascendante")
        _attend_all(meeting)
        _decide(meeting, "Revue des 21 actions stratégiques",
                "Les fiches actions en retard sont réinscrites au prochain comité avec un calendrier révisé.",
                "orientation", followups=[
                    ("Mettre à jour les fiches des actions stratégiques", None, metropole,
                     months_ago(today, months - 2, day=1), "" if months == 3 else "Fiches mises à jour."),
                ])
    for months, theme in zip((8, 5, 2), ("Développement économique", "Stratégie d'attractivité",
                                         "Agriculture et alimentation"), strict=True):
        meeting = _meeting(workshops, at(months_ago(today, months, day=8), 9), hours=3,
                           title=f"Atelier thématique — {theme}", theme=theme, meeting_format="reunion_travail")
        _attend_all(meeting)
    _meeting(conference, at(schedule.add_months(months_ago(today, 10, day=20), 12), 17),
             title="Conférence des présidents", sent_hours_before=None)


# --- Conférence de l'entente Loire × Haute-Loire --------------------------------------------


def load_loire(cooperation, users, today):
    services.create_preset_bodies(cooperation=cooperation, codes=["conference_entente"])
    conference = Body.objects.get(cooperation=cooperation, kind="conference_entente")
    d42, d43 = _partners(cooperation)[:2]
    first = _meeting(conference, at(datetime.date(2019, 10, 24), 10), title="Conférence de l'entente — installation",
                     meeting_format="information_descendante")
    _attend_all(first)
    signing = _decide(first, "Convention de l'entente interdépartementale", (
        "La conférence approuve la convention de l'entente interdépartementale Loire — Haute-Loire, ses quatre "
        "axes (Liés, Fiers, Engagés, Mobilisés) et ses trente pistes."), "validation", ratify=True)
    _record_workshop_arbitration(first, cooperation, users["coordinateur"])
    for ratification, (assembly, day, reference) in zip(signing.ratifications.all(), [
            ("Conseil départemental de la Loire", datetime.date(2019, 11, 18), "CD42-2019-11-18-12"),
            ("Conseil départemental de la Haute-Loire", datetime.date(2019, 12, 9), "CD43-2019-12-09-07")],
            strict=False):
        services.record_ratification(ratification, status="ratifiee", assembly=assembly, date=day,
                                     deliberation_reference=reference)
    recent = _meeting(conference, at(months_ago(today, 5, day=14), 10), title="Conférence de l'entente",
                      meeting_format="exploration_strategique")
    _attend_all(recent)
    shared = _decide(recent, "Position commune auprès de l'ARS", (
        "Les deux départements portent une position commune auprès de l'ARS sur la démographie médicale."),
        "orientation", ratify=True, followups=[
            ("Rédiger la note de position commune", users["membre"], None, months_ago(today, 3, day=1),
             "Note adressée à l'ARS."),
    ])
    ratifications = list(shared.ratifications.select_related("partner"))
    services.record_ratification(next(r for r in ratifications if r.partner == d42), status="ratifiee",
                                 assembly="Commission permanente de la Loire",
                                 date=months_ago(today, 4, day=2), deliberation_reference="CP42-ARS-01")
    services.record_ratification(next(r for r in ratifications if r.partner == d43), status="ratifiee",
                                 assembly="Commission permanente de la Haute-Loire",
                                 date=months_ago(today, 4, day=9), deliberation_reference="CP43-ARS-01")
    pending = _decide(recent, "Observatoire commun", (
        "Créer un observatoire commun des deux territoires, adossé au portrait croisé."), "validation", ratify=True,
        followups=[("Chiffrer l'observatoire commun", None, d43, months_ago(today, 1, day=10), "")])
    services.record_ratification(pending.ratifications.get(partner=d42), status="ratifiee",
                                 assembly="Commission permanente de la Loire", date=months_ago(today, 4, day=2),
                                 deliberation_reference="CP42-OBS-02")
    _minutes(first, "## Installation de la conférence\n\nSignature de la convention le 24 octobre 2019.",
             approve_in=recent)


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
    services.create_preset_bodies(cooperation=cooperation, codes=["codir_territoire"])
    codir = Body.objects.get(cooperation=cooperation, kind="collectif_directeurs")
    services.update_body(codir, mandate=mandate, **settings)
    partners = _partners(cooperation)
    epci = next((p for p in partners if p.organization.territory and p.organization.territory.kind == "epci"),
                partners[0])
    _seat_people(codir, {(partners.index(epci), "DGS ou secrétaire de mairie"): users["membre"]})
    return codir, partners


def _council_days(codir, today, label):
    councils = []
    for offset in range(-10, 3):
        month_start = schedule.add_months(today.replace(day=1), offset)
        council = schedule.working_day_on_or_before(_last_thursday(month_start))
        councils.append(council)
        services.add_council_session(codir, council, label)
    return councils


def _meetings_before_councils(codir, partners, users, today, *, councils, council_label, topics, every=3):
    held = []
    past = [c for c in councils if c < today]
    for index, council in enumerate(past):
        start = at(council - datetime.timedelta(days=7), 9)
        late = index == len(past) - 2
        meeting = _meeting(codir, start, hours=2, title=f"CoDir — préparation du {council_label} du "
                           f"{council:%d/%m/%Y}",
                           meeting_format=["information_descendante", "information_ascendante", "reunion_travail",
                                           "co_developpement", "temps_miroir"][index % 5],
                           sent_hours_before=20 if late else 72)
        _attend_all(meeting, absent_labels=())
        held.append(meeting)
        if index % every == 0:
            title, text, kind = topics[(index // every) % len(topics)]
            due = start.date() + datetime.timedelta(days=45)
            _decide(meeting, title, text, kind, followups=[
                (f"{title} : note aux élus", users["membre"], None, due,
                 "Note présentée en bureau communautaire." if due < today - datetime.timedelta(days=60) else ""),
                (f"{title} : retour des communes", None, partners[(index + 1) % len(partners)], due, ""),
            ])
    for previous, following in zip(held, held[1:], strict=False):
        _minutes(previous, f"## Ordre du jour du {council_label}\n\nPoints examinés et questions des communes.",
                 approve_in=following)
    upcoming = next((c for c in councils if c >= today + datetime.timedelta(days=8)), None)
    if upcoming:
        meeting = _meeting(codir, at(upcoming - datetime.timedelta(days=7), 9), hours=2,
                           title=f"CoDir — préparation du {council_label} du {upcoming:%d/%m/%Y}",
                           sent_hours_before=None)
        services.add_agenda_item(meeting=meeting, title=f"Ordre du jour du {council_label}", kind="information")
        services.add_agenda_item(meeting=meeting, title="Temps miroir : où en est-on de la charte ?", kind="debat")


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
        meeting = _meeting(codir, at(months_ago(today, months, day=10), 14), title=title,
                           meeting_format=meeting_format)
        _attend_all(meeting)
        _decide(meeting, item, text, kind, followups=[
            (f"{item} : compte rendu aux communes", users["membre"], None, months_ago(today, months - 1, day=10),
             "Compte rendu diffusé." if months > 2 else ""),
        ])
        held.append(meeting)
    for previous, following in zip(held, held[1:], strict=False):
        _minutes(previous, "## Relevé\n\nÉchanges et décisions : voir le registre des décisions.",
                 approve_in=following)
    _meeting(codir, at(months_ago(today, -1, day=10), 14), title="Séminaire « outils et méthodes »",
             meeting_format="exploration_strategique", sent_hours_before=None)


def _last_thursday(month_start: datetime.date) -> datetime.date:
    last = schedule.add_months(month_start, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - 3) % 7)


LOADERS = {
    "piloter-ensemble-37-41": (load_codiri, "codiri"),
    "touraine-contrats-de-reciprocite": (load_touraine, "conference_presidents"),
    "entente-loire-haute-loire": (load_loire, "conference_entente"),
    "codir-pays-de-mortagne": (load_mortagne, "collectif_directeurs"),
    "codir-pays-des-achards": (load_achards, "collectif_directeurs"),
    "codir-pays-d-ancenis": (load_ancenis, "collectif_directeurs"),
}


def reset(cooperations) -> None:
    """Remove what protects the governance rows of demo cooperations being rebuilt (decisions hold
    their agenda items, proxies their attendances); the rest goes with the cooperation."""
    Attendance.objects.filter(meeting__body__cooperation__in=cooperations).update(proxy=None)
    Decision.objects.filter(cooperation__in=cooperations).delete()


def load(stdout=None) -> dict:
    users = _users()
    today = schedule.paris_today()
    loaded = []
    for slug, (loader, marker_kind) in LOADERS.items():
        cooperation = demo_cooperation(slug)
        if cooperation is None or Body.objects.filter(cooperation=cooperation, kind=marker_kind).exists():
            continue
        with transaction.atomic():
            loader(cooperation, users, today)
        loaded.append(slug)
    if stdout:
        meetings = Meeting.objects.count()
        stdout.write(f"  gouvernance : {len(loaded)} coopération(s) complétée(s), {meetings} réunions au total")
    return {"loaded": loaded}
