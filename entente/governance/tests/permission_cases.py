"""Permission matrix of governance: every page and API operation, every role, own and other cooperation."""

import datetime

from django.utils import timezone

from entente.core.models import Job
from entente.core.testing import Case, contributors, editors, everyone_in, private_readers
from entente.governance import agenda_services, body_services, decision_services, meeting_services
from entente.governance.body_models import Body, BodyMember, CouncilSession, PartnerWeight, RotationSlot
from entente.governance.decision_models import Decision, FollowUp, Ratification, Vote
from entente.governance.meeting_models import (
    AgendaDocument,
    AgendaItem,
    Attendance,
    CalendarToken,
    Meeting,
    MinutesVersion,
)

ALL = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]


def runners(ok=200, denied=403):
    """The secretariat: coordinators, members, operators."""
    return {
        "anonymous": 404,
        "outsider": 404,
        "observateur": denied,
        "contributeur": denied,
        "membre": ok,
        "coordinateur": ok,
        "operator": ok,
    }


def g(context):
    return f"/cooperations/{context.cooperation.slug}/gouvernance/"


def api(context):
    return f"/api/v1/cooperations/{context.cooperation.slug}"


def partners(context):
    return context.world.partners[context.cooperation.pk]


def a_body(context, **fields):
    body = body_services.create_body(
        cooperation=context.cooperation,
        name="Comité témoin",
        kind="comite_pilotage",
        voting_mode="par_membre",
        **fields,
    )
    return body


def with_body(context):
    return {"body": a_body(context)}


def with_meeting(context, days_ahead=20):
    body = a_body(context)
    start = timezone.now() + datetime.timedelta(days=days_ahead)
    meeting = meeting_services.schedule_meeting(body=body, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    return {"body": body, "meeting": meeting}


def with_item(context):
    objects = with_meeting(context)
    objects["item"] = agenda_services.add_agenda_item(meeting=objects["meeting"], title="Point témoin", kind="decision")
    return objects


def with_two_items(context):
    objects = with_meeting(context)
    agenda_services.add_agenda_item(meeting=objects["meeting"], title="Premier point", kind="information")
    objects["item"] = agenda_services.add_agenda_item(meeting=objects["meeting"], title="Second point", kind="decision")
    return objects


def with_document(context):
    from django.core.files.uploadedfile import SimpleUploadedFile

    objects = with_item(context)
    upload = SimpleUploadedFile("note.pdf", b"%PDF-1.4 note de seance", content_type="application/pdf")
    objects["document"] = agenda_services.add_document(item=objects["item"], title="Note de séance", file=upload)
    return objects


def with_decision(context):
    objects = with_item(context)
    objects["decision"] = decision_services.record_decision(
        item=objects["item"], text="Décision témoin", kind="validation"
    )
    return objects


def with_followup(context):
    objects = with_decision(context)
    objects["followup"] = decision_services.add_followup(
        decision=objects["decision"],
        title="Suite témoin",
        due_on=datetime.date(2030, 1, 1),
        owner_partner=partners(context)[0],
    )
    return objects


def with_ratification(context):
    objects = with_meeting(context, days_ahead=-30)
    objects["item"] = agenda_services.add_agenda_item(meeting=objects["meeting"], title="Point témoin", kind="decision")
    objects["decision"] = decision_services.record_decision(
        item=objects["item"], text="Décision à ratifier", kind="orientation", requires_ratification=True
    )
    objects["ratification"] = objects["decision"].ratifications.first()
    return objects


def with_minutes(context):
    objects = with_meeting(context)
    meeting_services.save_minutes(meeting=objects["meeting"], text="Compte rendu témoin")
    return objects


def with_approved_minutes(context):
    objects = with_minutes(context)
    meeting_services.approve_minutes(objects["meeting"].minutes_versions.get())
    return objects


def minutes_job(context):
    """The PDF of approved minutes as visitors read them (no proposed text, no names)."""
    objects = with_approved_minutes(context)
    objects["job"] = Job.objects.create(
        kind="governance.minutes_pdf",
        key=f"{objects['meeting'].pk}:public:empreinte",
        label="Compte rendu",
        params={"meeting": objects["meeting"].pk, "private": False, "people": False},
        cooperation=context.cooperation,
    )
    return objects


def with_vote_ready(context):
    objects = with_decision(context)
    seat = BodyMember.objects.create(body=objects["body"], partner=partners(context)[0], role="membre", label="DGS")
    objects["attendance"] = meeting_services.record_attendance(meeting=objects["meeting"], seat=seat, status="present")
    return objects


def with_council(context):
    body = a_body(context)
    return {"body": body, "council": body_services.add_council_session(body, datetime.date(2031, 1, 15))}


def with_seat(context):
    body = a_body(context)
    return {"body": body, "seat": BodyMember.objects.create(body=body, partner=partners(context)[0], label="DGA")}


def with_item_and_recipient(context):
    """An agenda that reaches someone: a seat held by a member of the cooperation (an agenda to nobody is refused)."""
    from entente.cooperations.models import Membership

    objects = with_item(context)
    member = Membership.objects.filter(cooperation=context.cooperation).select_related("user").first().user
    BodyMember.objects.create(body=objects["body"], user=member, label="DGS")
    return objects


def with_seat_and_meeting(context):
    objects = with_meeting(context)
    objects["seat"] = BodyMember.objects.create(body=objects["body"], partner=partners(context)[0], label="DGS")
    return objects


def with_calendar_token(context):
    token = CalendarToken.objects.create(user=context.world.users["membre"])
    return {**with_meeting(context), "token": token}


BODY_DATA = {
    "name": "Instance créée",
    "kind": "comite_suivi",
    "periodicity": "annuelle",
    "council_lead_days": 7,
    "rotation": "fixe",
    "agenda_deadline_amount": 48,
    "agenda_deadline_unit": "heures",
    "quorum_basis": "aucun",
    "quorum_percent": 50,
    "voting_mode": "aucun",
    "weighting": "aucune",
}
MEETING_DATA = {
    "starts_at": "2031-03-03T14:00",
    "ends_at": "2031-03-03T16:00",
    "format": "reunion_travail",
    "title": "Réunion créée",
}
SIGNED_IN = {**dict.fromkeys(ALL, 200), "anonymous": 302}


def body_changed(context, **lookup):
    return Body.objects.filter(cooperation=context.cooperation, **lookup).exists()


CASES = [
    # bodies
    Case("governance:bodies", url=g, expect=everyone_in()),
    Case(
        "governance:bodies",
        url=g,
        expect={**everyone_in(), "anonymous": 200, "outsider": 200},
        visibility="public",
        label="publique",
    ),
    Case(
        "governance:body_presets",
        method="POST",
        url=lambda c: g(c) + "instances/usuelles/",
        data={"presets": ["codiri"]},
        expect=editors(302),
        changed=lambda c: body_changed(c, kind="codiri"),
    ),
    Case("governance:body_create", url=lambda c: g(c) + "instances/nouvelle/", expect=editors()),
    Case(
        "governance:body_create",
        method="POST",
        url=lambda c: g(c) + "instances/nouvelle/",
        data=BODY_DATA,
        expect=editors(302),
        changed=lambda c: body_changed(c, name="Instance créée"),
        label="création",
    ),
    Case("governance:body", url=lambda c: g(c) + f"instances/{c.body.pk}/", setup=with_body, expect=everyone_in()),
    Case(
        "governance:body_edit",
        url=lambda c: g(c) + f"instances/{c.body.pk}/modifier/",
        setup=with_body,
        expect=editors(),
    ),
    Case(
        "governance:body_edit",
        method="POST",
        url=lambda c: g(c) + f"instances/{c.body.pk}/modifier/",
        setup=with_body,
        data={**BODY_DATA, "name": "Instance renommée"},
        expect=editors(302),
        changed=lambda c: body_changed(c, name="Instance renommée"),
        label="modification",
    ),
    Case(
        "governance:body_member_add",
        method="POST",
        url=lambda c: g(c) + f"instances/{c.body.pk}/sieges/",
        setup=with_body,
        data=lambda c: {"partner": partners(c)[1].pk, "role": "membre", "label": "DGS"},
        expect=editors(302),
        changed=lambda c: BodyMember.objects.filter(body=c.body, label="DGS").exists(),
    ),
    Case(
        "governance:body_rotation",
        method="POST",
        url=lambda c: g(c) + f"instances/{c.body.pk}/rotation/",
        setup=with_body,
        data=lambda c: {f"position_{partners(c)[0].pk}": 1, f"position_{partners(c)[1].pk}": 2},
        expect=editors(302),
        changed=lambda c: RotationSlot.objects.filter(body=c.body).count() == 2,
    ),
    Case(
        "governance:council_add",
        method="POST",
        url=lambda c: g(c) + f"instances/{c.body.pk}/conseils/",
        setup=with_body,
        data={"date": "2031-01-15", "label": "Conseil communautaire"},
        expect=editors(302),
        changed=lambda c: CouncilSession.objects.filter(body=c.body).exists(),
    ),
    Case(
        "governance:council_remove",
        method="POST",
        url=lambda c: g(c) + f"conseils/{c.council.pk}/retirer/",
        setup=with_council,
        expect=editors(302),
        changed=lambda c: not CouncilSession.objects.filter(pk=c.council.pk).exists(),
    ),
    Case(
        "governance:body_weights",
        method="POST",
        url=lambda c: g(c) + f"instances/{c.body.pk}/poids/",
        setup=with_body,
        data=lambda c: {f"weight_{partners(c)[0].pk}": "3.5"},
        expect=editors(302),
        changed=lambda c: PartnerWeight.objects.filter(body=c.body).exists(),
    ),
    Case(
        "governance:body_member_remove",
        method="POST",
        url=lambda c: g(c) + f"sieges/{c.seat.pk}/retirer/",
        setup=with_seat,
        expect=editors(302),
        changed=lambda c: not BodyMember.objects.filter(pk=c.seat.pk).exists(),
    ),
    Case(
        "governance:body_member_edit",
        url=lambda c: g(c) + f"sieges/{c.seat.pk}/modifier/",
        setup=with_seat,
        expect=editors(),
    ),
    Case(
        "governance:body_member_edit",
        method="POST",
        url=lambda c: g(c) + f"sieges/{c.seat.pk}/modifier/",
        setup=with_seat,
        data=lambda c: {"partner": partners(c)[1].pk, "role": "president", "label": "DGS"},
        expect=editors(302),
        label="modification",
        changed=lambda c: BodyMember.objects.filter(pk=c.seat.pk, role="president", partner=partners(c)[1]).exists(),
    ),
    # meetings
    Case(
        "governance:meeting_create",
        url=lambda c: g(c) + f"instances/{c.body.pk}/reunions/nouvelle/",
        setup=with_body,
        expect=runners(),
    ),
    Case(
        "governance:meeting_create",
        method="POST",
        url=lambda c: g(c) + f"instances/{c.body.pk}/reunions/nouvelle/",
        setup=with_body,
        data=MEETING_DATA,
        expect=runners(302),
        label="création",
        changed=lambda c: Meeting.objects.filter(body=c.body).exists(),
    ),
    Case(
        "governance:meeting", url=lambda c: g(c) + f"reunions/{c.meeting.pk}/", setup=with_meeting, expect=everyone_in()
    ),
    Case(
        "governance:meeting_edit",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/modifier/",
        setup=with_meeting,
        expect=runners(),
    ),
    Case(
        "governance:meeting_edit",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/modifier/",
        setup=with_meeting,
        data={**MEETING_DATA, "status": "prevue", "title": "Réunion renommée"},
        expect=runners(302),
        label="modification",
        changed=lambda c: Meeting.objects.filter(pk=c.meeting.pk, title="Réunion renommée").exists(),
    ),
    Case(
        "governance:meeting_ics",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/reunion.ics",
        setup=with_meeting,
        expect=everyone_in(),
    ),
    Case(
        "governance:agenda_item_add",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/ordre-du-jour/",
        setup=with_meeting,
        data={"title": "Point ajouté", "kind": "debat"},
        expect=runners(302),
        changed=lambda c: AgendaItem.objects.filter(meeting=c.meeting, title="Point ajouté").exists(),
    ),
    Case(
        "governance:agenda_item_edit",
        url=lambda c: g(c) + f"points/{c.item.pk}/modifier/",
        setup=with_item,
        expect=runners(),
    ),
    Case(
        "governance:agenda_item_edit",
        method="POST",
        url=lambda c: g(c) + f"points/{c.item.pk}/modifier/",
        setup=with_item,
        data={"title": "Point renommé", "kind": "debat"},
        expect=runners(302),
        label="modification",
        changed=lambda c: AgendaItem.objects.filter(pk=c.item.pk, title="Point renommé").exists(),
    ),
    Case(
        "governance:agenda_item_move",
        method="POST",
        url=lambda c: g(c) + f"points/{c.item.pk}/deplacer/",
        setup=with_two_items,
        data={"sens": "monter"},
        expect=runners(302),
        changed=lambda c: AgendaItem.objects.filter(pk=c.item.pk, position=1).exists(),
    ),
    Case(
        "governance:agenda_item_delete",
        method="POST",
        url=lambda c: g(c) + f"points/{c.item.pk}/retirer/",
        setup=with_item,
        expect=runners(302),
        changed=lambda c: not AgendaItem.objects.filter(pk=c.item.pk).exists(),
    ),
    Case(
        "governance:document_add",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/documents/",
        setup=with_item,
        data=lambda c: {"item": c.item.pk, "title": "Note", "url": "https://exemple.fr/note.pdf"},
        expect=runners(302),
        changed=lambda c: AgendaDocument.objects.filter(item=c.item).exists(),
    ),
    Case(
        "governance:document",
        url=lambda c: g(c) + f"documents/{c.document.pk}/",
        setup=with_document,
        expect=everyone_in(),
    ),
    Case(
        "governance:document_delete",
        method="POST",
        url=lambda c: g(c) + f"documents/{c.document.pk}/retirer/",
        setup=with_document,
        expect=runners(302),
        changed=lambda c: not AgendaDocument.objects.filter(pk=c.document.pk).exists(),
    ),
    Case(
        "governance:agenda_send",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/envoyer/",
        setup=with_item_and_recipient,
        expect=runners(302),
        changed=lambda c: Meeting.objects.filter(pk=c.meeting.pk, agenda_sent_at__isnull=False).exists(),
    ),
    Case(
        "governance:attendance_set",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/presences/",
        setup=with_meeting,
        data=lambda c: {"guest_email": c.world.users["membre"].email, "status": "present"},
        expect=runners(302),
        changed=lambda c: Attendance.objects.filter(meeting=c.meeting).exists(),
    ),
    Case(
        "governance:attendance_sheet",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/feuille-de-presence/",
        setup=with_seat_and_meeting,
        expect=runners(),
    ),
    Case(
        "governance:attendance_sheet",
        method="POST",
        setup=with_seat_and_meeting,
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/feuille-de-presence/",
        data=lambda c: {f"status_{c.seat.pk}": "present"},
        expect=runners(302),
        label="saisie",
        changed=lambda c: Attendance.objects.filter(meeting=c.meeting, seat=c.seat, status="present").exists(),
    ),
    Case(
        "governance:minutes_edit",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/compte-rendu/",
        setup=with_meeting,
        expect=runners(),
    ),
    Case(
        "governance:minutes_edit",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/compte-rendu/",
        setup=with_meeting,
        data={"text": "## Présents\n\nTous."},
        expect=runners(302),
        label="rédaction",
        changed=lambda c: MinutesVersion.objects.filter(meeting=c.meeting).exists(),
    ),
    Case(
        "governance:minutes_pdf",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/compte-rendu.pdf",
        setup=with_approved_minutes,
        expect=everyone_in(),
    ),
    Case(
        "governance:minutes_pdf",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/compte-rendu.pdf",
        setup=with_minutes,
        expect={**everyone_in(), "contributeur": 404},
        label="proposé",
    ),
    # The job's page shows to those who would get the same file: here, the visitors' version.
    Case(
        "core:job",
        url=lambda c: f"/taches/{c.job.pk}/",
        setup=minutes_job,
        visibility="public",
        expect={**dict.fromkeys(ALL, 404), "anonymous": 200, "outsider": 200},
        label="compte rendu public",
    ),
    # The PDF is made by the worker: the POST queues it for whoever may read it (then the job's page).
    Case(
        "governance:minutes_pdf",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/compte-rendu.pdf",
        setup=with_minutes,
        expect={**everyone_in(302), "contributeur": 404},
        label="préparer",
        changed=lambda c: Job.objects.filter(kind="governance.minutes_pdf", params__meeting=c.meeting.pk).exists(),
    ),
    Case(
        "governance:minutes_approve",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/compte-rendu/approuver/",
        setup=with_minutes,
        expect=runners(302),
        changed=lambda c: MinutesVersion.objects.filter(meeting=c.meeting, status="approuve").exists(),
    ),
    Case(
        "governance:decision_create",
        method="POST",
        url=lambda c: g(c) + f"reunions/{c.meeting.pk}/decisions/",
        setup=with_item,
        data=lambda c: {"item": c.item.pk, "text": "Adopté", "kind": "validation"},
        expect=runners(302),
        changed=lambda c: Decision.objects.filter(item=c.item).exists(),
    ),
    # decisions
    Case("governance:register", url=lambda c: g(c) + "decisions/", setup=with_decision, expect=everyone_in()),
    Case(
        "governance:register_export",
        url=lambda c: g(c) + "decisions/export.csv",
        setup=with_decision,
        expect=everyone_in(),
    ),
    Case(
        "governance:decision",
        url=lambda c: g(c) + f"decisions/{c.decision.pk}/",
        setup=with_decision,
        expect=everyone_in(),
    ),
    Case(
        "governance:decision_edit",
        url=lambda c: g(c) + f"decisions/{c.decision.pk}/modifier/",
        setup=with_decision,
        expect=runners(),
    ),
    Case(
        "governance:decision_edit",
        method="POST",
        url=lambda c: g(c) + f"decisions/{c.decision.pk}/modifier/",
        setup=with_decision,
        data=lambda c: {"item": c.item.pk, "text": "Décision corrigée", "kind": "arbitrage", "change_note": "Coquille"},
        expect=runners(302),
        label="modification",
        changed=lambda c: Decision.objects.filter(pk=c.decision.pk, text="Décision corrigée").exists(),
    ),
    Case(
        "governance:vote_cast",
        method="POST",
        url=lambda c: g(c) + f"decisions/{c.decision.pk}/votes/",
        setup=with_vote_ready,
        data=lambda c: {"attendance": c.attendance.pk, "choice": "pour"},
        expect=runners(302),
        changed=lambda c: Vote.objects.filter(decision=c.decision).exists(),
    ),
    Case(
        "governance:followup_add",
        method="POST",
        url=lambda c: g(c) + f"decisions/{c.decision.pk}/suites/",
        setup=with_decision,
        data=lambda c: {"title": "Suite ajoutée", "owner_partner": partners(c)[0].pk, "due_on": "2031-02-01"},
        expect=runners(302),
        changed=lambda c: FollowUp.objects.filter(decision=c.decision).exists(),
    ),
    Case(
        "governance:followup_update",
        method="POST",
        url=lambda c: g(c) + f"suites/{c.followup.pk}/",
        setup=with_followup,
        data=lambda c: {f"f{c.followup.pk}-status": "faite", f"f{c.followup.pk}-evidence": "Courrier envoyé"},
        expect=contributors(302),
        changed=lambda c: FollowUp.objects.filter(pk=c.followup.pk, status="faite").exists(),
    ),
    Case(
        "governance:followup_edit",
        url=lambda c: g(c) + f"suites/{c.followup.pk}/modifier/",
        setup=with_followup,
        expect=runners(),
    ),
    Case(
        "governance:followup_edit",
        method="POST",
        url=lambda c: g(c) + f"suites/{c.followup.pk}/modifier/",
        setup=with_followup,
        data=lambda c: {"title": "Suite reformulée", "owner_partner": partners(c)[1].pk, "due_on": "2031-03-01"},
        expect=runners(302),
        label="modification",
        changed=lambda c: FollowUp.objects.filter(pk=c.followup.pk, title="Suite reformulée").exists(),
    ),
    Case(
        "governance:ratification_record",
        method="POST",
        url=lambda c: g(c) + f"ratifications/{c.ratification.pk}/",
        setup=with_ratification,
        data=lambda c: {
            f"r{c.ratification.pk}-status": "ratifiee",
            f"r{c.ratification.pk}-assembly": "Commission permanente",
            f"r{c.ratification.pk}-date": timezone.localdate().isoformat(),
            f"r{c.ratification.pk}-deliberation_reference": "CP-2031-12",
        },
        expect=runners(302),
        changed=lambda c: Ratification.objects.filter(pk=c.ratification.pk, status="ratifiee").exists(),
    ),
    Case("governance:history", url=lambda c: g(c) + "historique/", setup=with_decision, expect=private_readers()),
    # personal pages and secret feeds
    Case("governance:my_followups", url=lambda c: "/mes-suites-a-donner/", expect=SIGNED_IN, scoped=False),
    Case(
        "governance:calendar_token_reset",
        method="POST",
        url=lambda c: "/mes-suites-a-donner/lien-agenda/",
        expect=dict.fromkeys(ALL, 302),
        scoped=False,
    ),
    Case(
        "governance:body_feed",
        url=lambda c: f"/agenda/instance/{c.body.calendar_token}.ics",
        setup=with_meeting,
        expect=dict.fromkeys(ALL, 200),
        scoped=False,
    ),
    Case(
        "governance:body_feed",
        url=lambda c: "/agenda/instance/inconnu.ics",
        expect=dict.fromkeys(ALL, 404),
        scoped=False,
        label="adresse inconnue",
    ),
    Case(
        "governance:person_feed",
        url=lambda c: f"/agenda/personne/{c.token.key}.ics",
        setup=with_calendar_token,
        expect=dict.fromkeys(ALL, 200),
        scoped=False,
    ),
    # API
    Case(
        "API GET /cooperations/{slug}/bodies", url=lambda c: api(c) + "/bodies", setup=with_body, expect=everyone_in()
    ),
    Case(
        "API POST /cooperations/{slug}/bodies",
        method="POST",
        url=lambda c: api(c) + "/bodies",
        json=True,
        data={"name": "Instance par l'API", "kind": "comite_suivi", "periodicity": "annuelle"},
        expect=editors(201),
        changed=lambda c: body_changed(c, name="Instance par l'API"),
    ),
    Case(
        "API GET /cooperations/{slug}/bodies/{body_id}",
        url=lambda c: api(c) + f"/bodies/{c.body.pk}",
        setup=with_body,
        expect=everyone_in(),
    ),
    Case(
        "API GET /cooperations/{slug}/meetings",
        url=lambda c: api(c) + "/meetings",
        setup=with_meeting,
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/bodies/{body_id}/meetings",
        method="POST",
        json=True,
        url=lambda c: api(c) + f"/bodies/{c.body.pk}/meetings",
        setup=with_body,
        data={"starts_at": "2031-04-01T14:00:00+02:00", "ends_at": "2031-04-01T16:00:00+02:00"},
        expect=runners(201),
        changed=lambda c: Meeting.objects.filter(body=c.body).exists(),
    ),
    Case(
        "API GET /cooperations/{slug}/meetings/{meeting_id}",
        url=lambda c: api(c) + f"/meetings/{c.meeting.pk}",
        setup=with_meeting,
        expect=everyone_in(),
    ),
    Case(
        "API GET /cooperations/{slug}/decisions",
        url=lambda c: api(c) + "/decisions",
        setup=with_decision,
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/meetings/{meeting_id}/decisions",
        method="POST",
        json=True,
        url=lambda c: api(c) + f"/meetings/{c.meeting.pk}/decisions",
        setup=with_item,
        data=lambda c: {"item_id": c.item.pk, "text": "Décision par l'API", "kind": "orientation"},
        expect=runners(201),
        changed=lambda c: Decision.objects.filter(item=c.item).exists(),
    ),
    Case(
        "API GET /cooperations/{slug}/decisions/{decision_id}",
        url=lambda c: api(c) + f"/decisions/{c.decision.pk}",
        setup=with_decision,
        expect=everyone_in(),
    ),
    Case(
        "API GET /cooperations/{slug}/follow-ups",
        url=lambda c: api(c) + "/follow-ups",
        setup=with_followup,
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/decisions/{decision_id}/follow-ups",
        method="POST",
        json=True,
        url=lambda c: api(c) + f"/decisions/{c.decision.pk}/follow-ups",
        setup=with_decision,
        data=lambda c: {"title": "Suite par l'API", "due_on": "2031-05-01", "owner_partner_id": partners(c)[0].pk},
        expect=runners(201),
        changed=lambda c: FollowUp.objects.filter(decision=c.decision).exists(),
    ),
    Case(
        "API PATCH /cooperations/{slug}/follow-ups/{followup_id}",
        method="PATCH",
        json=True,
        url=lambda c: api(c) + f"/follow-ups/{c.followup.pk}",
        setup=with_followup,
        data={"status": "en_cours"},
        expect=contributors(200),
        changed=lambda c: FollowUp.objects.filter(pk=c.followup.pk, status="en_cours").exists(),
    ),
    Case(
        "API GET /me/follow-ups",
        url=lambda c: "/api/v1/me/follow-ups",
        expect={**SIGNED_IN, "anonymous": 401},
        scoped=False,
    ),
]
