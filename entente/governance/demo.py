"""Governance demo: the bodies of the seed cooperations with their meetings, decisions and follow-ups.

Idempotent: a cooperation whose usual bodies already exist is left as it is (load_demo rebuilds
the demo cooperations first). Dates the seeds give are kept; the others are placed around today so
that the demo always shows recent meetings, upcoming ones and overdue follow-ups, always on working
days. Each cooperation's meetings are created in date order, so that decision numbers follow dates.
People are roles (the demo accounts), never personal names, and hold only seats of their function.
"""

import datetime

from django.db import transaction

from entente.cooperations.demo import demo_cooperation

from . import agenda_services, body_services, decision_services, schedule
from .arbitration import record_arbitration
from .body_models import Body
from .codir_demo import load_achards, load_ancenis, load_erdre, load_mortagne
from .decision_models import Decision
from .meeting_demo import (
    at,
    attend_all,
    decide,
    demo_meeting,
    demo_users,
    months_ago,
    partners_of,
    seat_people,
    write_minutes,
)
from .meeting_models import Attendance, Meeting

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
        meeting = demo_meeting(steering, at(day, 14), title=title, meeting_format="exploration_strategique")
        attend_all(meeting)
        if kind == "arbitrage" and _record_workshop_arbitration(meeting, cooperation, users["coordinateur"]):
            continue
        decide(meeting, item, text, kind)
    # Its mission ends with the convention technique: it is not « late » for a meeting ever since.
    body_services.update_body(steering, periodicity="aucune", mandate=(
        "A arbitré les pistes de coopération et retenu les neuf chantiers prioritaires ; sa mission s'achève avec "
        "la convention technique, le CODIRI prenant le relais."))


def load_codiri(cooperation, users, today):
    body_services.create_preset_bodies(cooperation=cooperation, codes=["comite_pilotage", "codiri"])
    load_steering_committee(cooperation, users)
    codiri = Body.objects.get(cooperation=cooperation, kind="codiri")
    d37, d41 = partners_of(cooperation)[:2]
    # Only the coordinator (a DGA) and the director hold seats; the Loir-et-Cher seats wait for their
    # holders rather than being given to an account of another function.
    seat_people(codiri, {(0, "DGA Ressources"): users["coordinateur"], (0, "DGS"): users["membre"]})
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
        # A year ago the secretary general sent the agenda the day before (30 h): the health page shows it.
        meeting = demo_meeting(codiri, at(day, 9, 30), title=f"CODIRI — {'printemps' if day.month < 7 else 'automne'} "
                               f"{day.year}", meeting_format="information_ascendante",
                               sent_hours_before=30 if months == 12 else 96)
        attend_all(meeting, absent_labels=("DGA",) if index % 2 else ())
        title, text = chantiers[index]
        due = schedule.add_months(day, 4)
        decide(meeting, f"Chantier « {title} »", text, "orientation", followups=[
            (f"Point d'avancement du chantier « {title} »", users["membre"], None, due,
             "Note d'étape présentée au CODIRI suivant." if months > 6 else ""),
            ("Désigner les référents du chantier dans chaque département", None, d41 if index % 2 else d37,
             schedule.add_months(day, 2), "Référents désignés." if months > 12 else ""),
        ])
        meetings.append(meeting)
    for previous, following in zip(meetings, meetings[1:], strict=False):
        write_minutes(previous, "## Tour de table\n\nAvancement des chantiers présenté par chaque DGA.\n\n"
                           "## Relevé de décisions\n\nVoir le registre des décisions.", approve_in=following)
    write_minutes(meetings[-1], "## Tour de table\n\nPoint sur le tableau de bord partagé (finances, RH, solidarités).")
    demo_meeting(codiri, at(schedule.add_months(months_ago(today, 6, day=12), 6), 9, 30),
                 title="CODIRI — prochaine séance", sent_hours_before=None)


# --- Touraine: conférence des présidents, comité de suivi, ateliers thématiques ------------


THEMES = ["Développement économique", "Stratégie d'attractivité", "Déchets", "Agriculture et alimentation",
          "Tourisme", "Mobilité", "Énergie"]


def load_touraine(cooperation, users, today):
    body_services.create_preset_bodies(cooperation=cooperation,
                                  codes=["conference_presidents", "comite_suivi", "ateliers_thematiques"])
    partners = [p for p in partners_of(cooperation) if p.organization.territory_id]
    epcis = [p for p in partners if p.organization.territory.kind == "epci"]
    conference = Body.objects.get(cooperation=cooperation, kind="conference_presidents")
    body_services.update_body(conference, voting_mode="par_partenaire", weighting="population",
                         quorum_basis="partenaires", quorum_percent=50)
    followup_committee = Body.objects.get(cooperation=cooperation, kind="comite_suivi")
    workshops = Body.objects.get(cooperation=cooperation, kind="atelier_thematique")
    body_services.set_rotation(workshops, [(partner, theme) for partner, theme in zip(epcis[1:], THEMES, strict=False)])
    metropole = epcis[0]

    # The waste workshop prepares the shared access to déchèteries; the Conférence des Présidents decides it.
    waste = demo_meeting(workshops, at(months_ago(today, 11, day=8), 9), hours=3, title="Atelier thématique — Déchets",
                     theme="Déchets", meeting_format="reunion_travail")
    attend_all(waste)
    agenda_services.add_agenda_item(meeting=waste, title="Mutualiser l'accès à toutes les déchèteries du département",
                             kind="debat", description=(
                                 "Permettre à chaque habitant d'utiliser la déchèterie la plus proche de chez lui, "
                                 "sans se soucier des limites administratives : proposition à la Conférence des "
                                 "Présidents."))
    # The yearly Conférence des Présidents (seed 002) met two years before its last sitting, not in the year
    # between: the health page says which year it missed.
    attend_all(demo_meeting(conference, at(months_ago(today, 34, day=20), 17), title="Conférence des présidents",
                            meeting_format="exploration_strategique"))
    conf = demo_meeting(conference, at(months_ago(today, 10, day=20), 17), title="Conférence des présidents",
                    meeting_format="exploration_strategique")
    attend_all(conf)
    decision = decide(conf, "Budget d'attractivité", (
        "Le budget commun d'attractivité est financé majoritairement par la Métropole, le solde étant réparti "
        "entre les communautés de communes au prorata de leurs habitants."), "arbitrage", followups=[
        ("Préparer les conventions financières annuelles", None, metropole, months_ago(today, 7, day=1),
         "Conventions transmises aux communautés de communes."),
    ])
    for attendance in conf.attendances.select_related("seat__partner__organization__territory")[:11]:
        choice = "abstention" if attendance.seat.partner == epcis[-1] else "pour"
        decision_services.cast_vote(decision=decision, attendance=attendance, choice=choice)
    waste_access = decide(conf, "Accès mutualisé aux déchèteries", (
        "Les onze intercommunalités s'engagent à mutualiser l'accès à l'ensemble des déchèteries du département : "
        "chaque habitant peut utiliser la déchèterie la plus proche de chez lui. Leur contribution financière est "
        "proportionnelle au nombre de déchèteries de chacune ; le choix de la solution technique est en cours."),
        "validation", followups=[
            ("Recenser les déchèteries et leurs horaires", None, epcis[3], months_ago(today, 1, day=1), ""),
            ("Comparer les solutions techniques d'accès (badges, carte commune)", None, metropole,
             months_ago(today, -2, day=1), ""),
    ])
    for attendance in conf.attendances.select_related("seat__partner")[:11]:
        decision_services.cast_vote(decision=waste_access, attendance=attendance, choice="pour")

    for months in (9, 3):
        meeting = demo_meeting(followup_committee, at(months_ago(today, months, day=15), 14),
                               title="Comité de suivi des DGS", meeting_format="information_ascendante",
                               sent_hours_before=24 if months == 3 else 96)  # the last agenda went out a day ahead
        attend_all(meeting)
        decide(meeting, "Revue des 21 actions stratégiques",
                "Les fiches actions en retard sont réinscrites au prochain comité avec un calendrier révisé.",
                "orientation", followups=[
                    ("Mettre à jour les fiches des actions stratégiques", None, metropole,
                     months_ago(today, months - 2, day=1), "" if months == 3 else "Fiches mises à jour."),
                ])
    for months, theme in zip((8, 5, 2), ("Développement économique", "Stratégie d'attractivité",
                                         "Agriculture et alimentation"), strict=True):
        meeting = demo_meeting(workshops, at(months_ago(today, months, day=8), 9), hours=3,
                           title=f"Atelier thématique — {theme}", theme=theme, meeting_format="reunion_travail")
        attend_all(meeting)
    demo_meeting(conference, at(schedule.add_months(months_ago(today, 10, day=20), 12), 17),
             title="Conférence des présidents", sent_hours_before=None)


# --- Conférence de l'entente Loire × Haute-Loire --------------------------------------------


def load_loire(cooperation, users, today):
    body_services.create_preset_bodies(cooperation=cooperation, codes=["conference_entente"])
    conference = Body.objects.get(cooperation=cooperation, kind="conference_entente")
    d42, d43 = partners_of(cooperation)[:2]
    first = demo_meeting(conference, at(datetime.date(2019, 10, 24), 10),
                         title="Conférence de l'entente — installation", meeting_format="information_descendante")
    attend_all(first)
    signing = decide(first, "Convention de l'entente interdépartementale", (
        "La conférence approuve la convention de l'entente interdépartementale Loire — Haute-Loire, ses quatre "
        "axes (Liés, Fiers, Engagés, Mobilisés) et ses trente pistes."), "validation", ratify=True)
    _record_workshop_arbitration(first, cooperation, users["coordinateur"])
    for ratification, (assembly, day, reference) in zip(signing.ratifications.all(), [
            ("Conseil départemental de la Loire", datetime.date(2019, 11, 18), "CD42-2019-11-18-12"),
            ("Conseil départemental de la Haute-Loire", datetime.date(2019, 12, 9), "CD43-2019-12-09-07")],
            strict=False):
        decision_services.record_ratification(ratification, status="ratifiee", assembly=assembly, date=day,
                                     deliberation_reference=reference)
    last_day = months_ago(today, 5, day=14)
    # The conference meets once a year to steer the coopération (seed 003), every autumn since its installation,
    # except the year before its last sitting: the health page shows that year.
    for year in range(2020, last_day.year - 1):
        sitting = demo_meeting(conference, at(datetime.date(year, 10, 15), 10), title=f"Conférence de l'entente {year}",
                               meeting_format="information_ascendante")
        attend_all(sitting)
    recent = demo_meeting(conference, at(last_day, 10), title="Conférence de l'entente",
                          meeting_format="exploration_strategique")
    attend_all(recent)
    shared = decide(recent, "Position commune auprès de l'ARS", (
        "Les deux départements portent une position commune auprès de l'ARS sur la démographie médicale."),
        "orientation", ratify=True, followups=[
            ("Rédiger la note de position commune", users["membre"], None, months_ago(today, 3, day=1),
             "Note adressée à l'ARS."),
    ])
    ratifications = list(shared.ratifications.select_related("partner"))
    decision_services.record_ratification(next(r for r in ratifications if r.partner == d42), status="ratifiee",
                                 assembly="Commission permanente de la Loire",
                                 date=months_ago(today, 4, day=2), deliberation_reference="CP42-ARS-01")
    decision_services.record_ratification(next(r for r in ratifications if r.partner == d43), status="ratifiee",
                                 assembly="Commission permanente de la Haute-Loire",
                                 date=months_ago(today, 4, day=9), deliberation_reference="CP43-ARS-01")
    pending = decide(recent, "Observatoire commun", (
        "Créer un observatoire commun des deux territoires, adossé au portrait croisé."), "validation", ratify=True,
        followups=[("Chiffrer l'observatoire commun", None, d43, months_ago(today, 1, day=10), "")])
    decision_services.record_ratification(pending.ratifications.get(partner=d42), status="ratifiee",
                                 assembly="Commission permanente de la Loire", date=months_ago(today, 4, day=2),
                                 deliberation_reference="CP42-OBS-02")
    write_minutes(first, "## Installation de la conférence\n\nSignature de la convention le 24 octobre 2019.",
             approve_in=recent)


LOADERS = {
    "piloter-ensemble-37-41": (load_codiri, "codiri"),
    "touraine-contrats-de-reciprocite": (load_touraine, "conference_presidents"),
    "entente-loire-haute-loire": (load_loire, "conference_entente"),
    "codir-pays-de-mortagne": (load_mortagne, "collectif_directeurs"),
    "codir-pays-des-achards": (load_achards, "collectif_directeurs"),
    "codir-pays-d-ancenis": (load_ancenis, "collectif_directeurs"),
    "codir-erdre-et-gesvres": (load_erdre, "collectif_directeurs"),
}


def reset(cooperations) -> None:
    """Remove what protects the governance rows of demo cooperations being rebuilt (decisions hold
    their agenda items, proxies their attendances); the rest goes with the cooperation."""
    Attendance.objects.filter(meeting__body__cooperation__in=cooperations).update(proxy=None)
    Decision.objects.filter(cooperation__in=cooperations).delete()


def load(stdout=None) -> dict:
    users = demo_users()
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
