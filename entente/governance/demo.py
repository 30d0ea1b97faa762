"""Governance demo: the bodies of the seed cooperations with their meetings, decisions and follow-ups.

Idempotent: a cooperation whose usual bodies already exist is left as it is. Dates are placed
around today so that the demo always shows recent meetings, upcoming ones and overdue follow-ups.
People are roles (the demo accounts), never personal names.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from entente.accounts.models import User
from entente.cooperations.models import Cooperation

from . import logic, services
from .models import Body, BodyMember, Meeting

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def months_ago(today, months, day=None):
    moved = logic.add_months(today.replace(day=1), -months)
    return moved.replace(day=day or min(today.day, 28))


def _users():
    return {role: User.objects.filter(email=f"{role}@demo.entente.fr").first()
            for role in ("coordinateur", "membre", "contributeur", "observateur")}


def _meeting(body, start, *, hours=3, title="", meeting_format="reunion_travail", sent_hours_before=96,
             online_url="", theme="", held=True):
    meeting = services.schedule_meeting(body=body, starts_at=start, ends_at=start + datetime.timedelta(hours=hours),
                                        title=title, format=meeting_format, online_url=online_url, theme=theme)
    if sent_hours_before is not None:
        meeting.agenda_sent_at = start - datetime.timedelta(hours=sent_hours_before)
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
            services.update_followup(followup, status="faite", evidence=done, today=min(due, logic.paris_today()))
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


def load_codiri(cooperation, users, today):
    services.create_preset_bodies(cooperation=cooperation, codes=["comite_pilotage", "codiri"])
    codiri = Body.objects.get(cooperation=cooperation, kind="codiri")
    d37, d41 = _partners(cooperation)[:2]
    _seat_people(codiri, {(0, "DGA Ressources"): users["coordinateur"], (0, "DGS"): users["membre"],
                          (1, "DGA Ressources"): users["observateur"]})
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
        due = logic.add_months(day, 4)
        _decide(meeting, f"Chantier « {title} »", text, "orientation", followups=[
            (f"Point d'avancement du chantier « {title} »", users["membre"], None, due,
             "Note d'étape présentée au CODIRI suivant." if months > 6 else ""),
            ("Désigner les référents du chantier dans chaque département", None, d41 if index % 2 else d37,
             logic.add_months(day, 2), "Référents désignés." if months > 12 else ""),
        ])
        meetings.append(meeting)
    for previous, following in zip(meetings, meetings[1:], strict=False):
        _minutes(previous, "## Tour de table\n\nAvancement des chantiers présenté par chaque DGA.\n\n"
                           "## Relevé de décisions\n\nVoir le registre des décisions.", approve_in=following)
    _minutes(meetings[-1], "## Tour de table\n\nPoint sur le tableau de bord partagé (finances, RH, solidarités).")
    _meeting(codiri, at(logic.add_months(months_ago(today, 6, day=12), 6), 9, 30), title="CODIRI — prochaine séance",
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
    for index, theme in enumerate(THEMES[:4]):
        meeting = _meeting(workshops, at(months_ago(today, 11 - 3 * index, day=8), 9), hours=3,
                           title=f"Atelier thématique — {theme}", theme=theme, meeting_format="reunion_travail")
        _attend_all(meeting)
        if theme == "Déchets":
            _decide(meeting, "Accès partagé aux déchèteries", (
                "L'accès réciproque aux déchèteries est ouvert aux habitants des territoires voisins ; les "
                "contributions sont proportionnelles au nombre de déchèteries."), "validation", followups=[
                ("Recenser les déchèteries et leurs horaires", None, epcis[3], months_ago(today, 1, day=1), ""),
            ])
    _meeting(conference, at(logic.add_months(months_ago(today, 10, day=20), 12), 17),
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


# --- CoDir du Pays de Mortagne --------------------------------------------------------------


def load_mortagne(cooperation, users, today):
    services.create_preset_bodies(cooperation=cooperation, codes=["codir_territoire"])
    codir = Body.objects.get(cooperation=cooperation, kind="collectif_directeurs")
    partners = _partners(cooperation)
    epci = next((p for p in partners if p.organization.territory and p.organization.territory.kind == "epci"),
                partners[0])
    _seat_people(codir, {(partners.index(epci), "DGS ou secrétaire de mairie"): users["membre"]})
    councils = []
    for offset in range(-10, 3):
        month_start = logic.add_months(today.replace(day=1), offset)
        council = _last_thursday(month_start)
        councils.append(council)
        services.add_council_session(codir, council, "Conseil communautaire")
    topics = [
        ("Schéma de mutualisation", "Le collectif propose aux élus une révision du schéma de mutualisation.",
         "orientation"),
        ("Guidage des usagers", "Une fiche « qui répond à quoi » est établie pour l'accueil des mairies.",
         "validation"),
        ("Compétence enfance-jeunesse", "Un groupe de travail communes-interco prépare le transfert.", "orientation"),
        ("Vis ma vie DGS — secrétaires de mairie", "Chaque DGS accueille un·e secrétaire de mairie une demi-journée.",
         "validation"),
    ]
    held = []
    for index, council in enumerate(c for c in councils if c < today):
        start = at(council - datetime.timedelta(days=7), 9)
        late = index == len([c for c in councils if c < today]) - 2
        meeting = _meeting(codir, start, hours=2, title=f"CoDir — préparation du conseil du {council:%d/%m/%Y}",
                           meeting_format=["information_descendante", "information_ascendante", "reunion_travail",
                                           "co_developpement", "temps_miroir"][index % 5],
                           sent_hours_before=20 if late else 72)
        _attend_all(meeting, absent_labels=())
        held.append(meeting)
        if index % 3 == 0:
            title, text, kind = topics[(index // 3) % len(topics)]
            due = start.date() + datetime.timedelta(days=45)
            _decide(meeting, title, text, kind, followups=[
                (f"{title} : note aux élus", users["membre"], None, due,
                 "Note présentée en bureau communautaire." if due < today - datetime.timedelta(days=60) else ""),
                (f"{title} : retour des communes", None, partners[(index + 1) % len(partners)], due, ""),
            ])
    for previous, following in zip(held, held[1:], strict=False):
        _minutes(previous, "## Ordre du jour du conseil\n\nPoints examinés et questions des communes.",
                 approve_in=following)
    upcoming = next((c for c in councils if c >= today + datetime.timedelta(days=8)), None)
    if upcoming:
        meeting = _meeting(codir, at(upcoming - datetime.timedelta(days=7), 9), hours=2,
                           title=f"CoDir — préparation du conseil du {upcoming:%d/%m/%Y}", sent_hours_before=None)
        services.add_agenda_item(meeting=meeting, title="Ordre du jour du conseil communautaire", kind="information")
        services.add_agenda_item(meeting=meeting, title="Temps miroir : où en est-on de la charte ?", kind="debat")


def _last_thursday(month_start: datetime.date) -> datetime.date:
    last = logic.add_months(month_start, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - 3) % 7)


LOADERS = {
    "piloter-ensemble-37-41": (load_codiri, "codiri"),
    "touraine-contrats-de-reciprocite": (load_touraine, "conference_presidents"),
    "entente-loire-haute-loire": (load_loire, "conference_entente"),
    "codir-pays-de-mortagne": (load_mortagne, "collectif_directeurs"),
}


def load(stdout=None) -> dict:
    users = _users()
    today = logic.paris_today()
    loaded = []
    for slug, (loader, marker_kind) in LOADERS.items():
        cooperation = Cooperation.objects.filter(slug=slug).first()
        if cooperation is None or Body.objects.filter(cooperation=cooperation, kind=marker_kind).exists():
            continue
        with transaction.atomic():
            loader(cooperation, users, today)
        loaded.append(slug)
    if stdout:
        meetings = Meeting.objects.count()
        stdout.write(f"  gouvernance : {len(loaded)} coopération(s) complétée(s), {meetings} réunions au total")
    return {"loaded": loaded}
