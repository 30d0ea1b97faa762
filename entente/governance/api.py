"""Governance API: bodies, meetings, decisions (the register) and follow-ups."""

from datetime import date, datetime
from typing import Annotated

from django.contrib.auth import get_user_model
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import StringConstraints, field_validator, model_validator

from entente.cooperations.models import Partnership
from entente.cooperations.rules import can, get_cooperation_for_user
from entente.core.api_contract import Pagination
from entente.core.bounds import ApiDate, ApiDateTime, Description, Id, SearchText, Slug, text
from entente.core.numbers import PercentIn, api_integer

from . import body_services, decision_services, decision_states, meeting_services, rules, schedule, selectors
from .body_models import BodyKind, DeadlineUnit, Periodicity, QuorumBasis, Rotation, VotingMode, Weighting
from .decision_models import OPEN_FOLLOWUP_STATUSES, Decision, DecisionKind, FollowUp, FollowUpStatus
from .meeting_models import AgendaItem, MeetingFormat

router = Router()
TAG = "Gouvernance"


DeadlineAmountIn = api_integer(maximum=720, description="Délai d'envoi de l'ordre du jour, en heures ou en jours.")

class BodyOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    mandate: str
    functions: list[str]
    periodicity: str
    rotation: str
    agenda_deadline_amount: int
    agenda_deadline_unit: str
    quorum_basis: str
    quorum_percent: int
    voting_mode: str
    weighting: str
    next_due: date | None = None


class BodyIn(Schema):
    name: text(200, min_length=2)
    kind: BodyKind
    mandate: Description = ""
    functions: list[text(40)] = Field(default_factory=list, max_length=20)
    periodicity: Periodicity = Periodicity.NONE
    rotation: Rotation = Rotation.FIXED
    rotates_convener: bool = True
    rotates_chair: bool = False
    rotates_place: bool = False
    agenda_deadline_amount: DeadlineAmountIn = 48
    agenda_deadline_unit: DeadlineUnit = DeadlineUnit.HOURS
    quorum_basis: QuorumBasis = QuorumBasis.NONE
    quorum_percent: PercentIn = 50
    proxies_count_for_quorum: bool = False
    voting_mode: VotingMode = VotingMode.NONE
    weighting: Weighting = Weighting.NONE

    @field_validator("functions")
    @classmethod
    def known_functions(cls, value):
        from .body_models import CodirFunction

        unknown = sorted(set(value) - set(CodirFunction.values))
        if unknown:
            raise ValueError(f"fonctions inconnues : {', '.join(unknown)}")
        return value


class MeetingOut(Schema):
    id: int
    body_id: int
    body: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str
    format: str
    theme: str
    status: str
    agenda_sent_at: datetime | None
    agenda_status: str
    agenda_deadline: datetime
    convener: str | None = None
    chair: str | None = None
    url: str


class MeetingIn(Schema):
    starts_at: ApiDateTime
    ends_at: ApiDateTime
    title: text(200) = ""
    place: text(255) = ""
    online_url: text(200) = ""
    format: MeetingFormat = MeetingFormat.WORKING
    theme: text(200) = ""

    @model_validator(mode="after")
    def ends_after_start(self):
        if self.ends_at <= self.starts_at:
            raise ValueError("la réunion ne peut pas se terminer avant d'avoir commencé")
        return self


class DecisionOut(Schema):
    id: int
    reference: str
    text: str
    kind: str
    decided_on: date
    outcome: str
    body: str
    meeting_id: int
    item: str
    state: str
    requires_ratification: bool
    ratifications_done: int
    ratifications_total: int
    followups_total: int
    followups_done: int
    followups_overdue: int
    url: str
    # Said when the decision is recorded before its meeting has begun (the page says it too).
    warnings: list[str] = []


class DecisionIn(Schema):
    item_id: Id
    text: text(10000, min_length=1)
    kind: DecisionKind
    requires_ratification: bool = False


class FollowUpOut(Schema):
    id: int
    cooperation: str
    decision_id: int
    decision_reference: str
    title: str
    owner_id: int | None
    owner: str | None
    owner_partner_id: int | None
    owner_partner: str | None
    due_on: date
    status: str
    state: str
    evidence: str
    evidence_url: str
    closed_on: date | None


class FollowUpIn(Schema):
    title: text(300, min_length=1)
    due_on: ApiDate
    owner_id: Id | None = None
    owner_partner_id: Id | None = None

    @model_validator(mode="after")
    def has_owner(self):
        if self.owner_id is None and self.owner_partner_id is None:
            raise ValueError("indiquez qui porte cette suite : owner_id (personne) ou owner_partner_id (partenaire)")
        return self


class FollowUpPatch(Schema):
    status: FollowUpStatus | None = None
    evidence: text(5000) | None = None
    evidence_url: text(200) | None = None
    due_on: ApiDate | None = None


class DecisionFilters(Schema):
    q: SearchText = ""
    kind: text(40) = ""
    state: text(40) = ""
    followups: text(40) = ""
    body: Annotated[str, StringConstraints(max_length=19, pattern=r"^[0-9]*$")] = ""
    year: Annotated[str, StringConstraints(max_length=4, pattern=r"^[0-9]*$")] = ""


# --- converters ----------------------------------------------------------------------------


def body_out(body, next_due=None) -> dict:
    return {
        "id": body.pk, "name": body.name, "kind": body.kind, "kind_label": body.get_kind_display(),
        "mandate": body.mandate, "functions": body.functions, "periodicity": body.periodicity,
        "rotation": body.rotation, "agenda_deadline_amount": body.agenda_deadline_amount,
        "agenda_deadline_unit": body.agenda_deadline_unit, "quorum_basis": body.quorum_basis,
        "quorum_percent": body.quorum_percent, "voting_mode": body.voting_mode, "weighting": body.weighting,
        "next_due": next_due,
    }


def meeting_out(meeting, roles=None) -> dict:
    return {
        "id": meeting.pk, "body_id": meeting.body_id, "body": meeting.body.name, "title": meeting.title,
        "starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "place": meeting.place,
        "online_url": meeting.online_url, "format": meeting.format, "theme": meeting.theme, "status": meeting.status,
        "agenda_sent_at": meeting.agenda_sent_at, "agenda_status": selectors.agenda_status_of(meeting),
        "agenda_deadline": selectors.agenda_deadline_of(meeting),
        "convener": str(roles.convener.organization) if roles and roles.convener else None,
        "chair": str(roles.chair.organization) if roles and roles.chair else None,
        "url": meeting.get_absolute_url(),
    }


def decision_out(decision) -> dict:
    return {
        "id": decision.pk, "reference": decision.reference, "text": decision.text, "kind": decision.kind,
        "decided_on": decision.decided_on, "outcome": decision.outcome, "body": decision.item.meeting.body.name,
        "meeting_id": decision.item.meeting_id, "item": decision.item.title,
        "state": selectors.decision_state(decision),
        "requires_ratification": decision.requires_ratification,
        "ratifications_done": decision.ratifications_done, "ratifications_total": decision.ratifications_total,
        "followups_total": decision.followups_total, "followups_done": decision.followups_done,
        "followups_overdue": decision.followups_overdue,
        "url": f"/cooperations/{decision.cooperation.slug}/gouvernance/decisions/{decision.pk}/",
    }


def followup_out(followup, today=None, show_people=True) -> dict:
    today = today or schedule.paris_today()
    return {
        "id": followup.pk, "cooperation": followup.cooperation.slug, "decision_id": followup.decision_id,
        "decision_reference": followup.decision.reference, "title": followup.title,
        "owner_id": followup.owner_id if show_people else None,
        "owner": followup.owner.public_name if followup.owner_id and show_people else None,
        "owner_partner_id": followup.owner_partner_id,
        "owner_partner": str(followup.owner_partner.organization) if followup.owner_partner_id else None,
        "due_on": followup.due_on, "status": followup.status,
        "state": decision_states.followup_state(followup.status, followup.due_on, today), "evidence": followup.evidence,
        "evidence_url": followup.evidence_url, "closed_on": followup.closed_on,
    }


# --- bodies --------------------------------------------------------------------------------


@router.get("/cooperations/{slug}/bodies", response=list[BodyOut], summary="Instances d'une coopération")
@paginate(Pagination)
def list_bodies(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    return [body_out(body, body.next_due) for body in selectors.bodies_overview(cooperation)]


@router.post("/cooperations/{slug}/bodies", response={201: BodyOut}, summary="Créer une instance")
def create_body(request, slug: Slug, payload: BodyIn):
    cooperation = get_cooperation_for_user(request.user, slug, "governance_manage_bodies")
    body = body_services.create_body(cooperation=cooperation, **payload.dict())
    return 201, body_out(body)


@router.get("/cooperations/{slug}/bodies/{body_id}", response=BodyOut, summary="Une instance")
def get_body(request, slug: Slug, body_id: Id):
    body = rules.get_body_for_user(request.user, slug, body_id, "view")
    meetings = list(body.meetings.all())
    return body_out(body, selectors.next_due(body, meetings, schedule.paris_today()))


# --- meetings ------------------------------------------------------------------------------


@router.get("/cooperations/{slug}/meetings", response=list[MeetingOut], summary="Réunions d'une coopération")
@paginate(Pagination)
def list_meetings(request, slug: Slug, body: Id | None = None):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    queryset = selectors.meetings_of_cooperation(cooperation).order_by("-starts_at")
    if body is not None:
        queryset = queryset.filter(body_id=body)
    return [meeting_out(meeting) for meeting in queryset[:500]]


@router.post("/cooperations/{slug}/bodies/{body_id}/meetings", response={201: MeetingOut},
             summary="Programmer une réunion")
def create_meeting(request, slug: Slug, body_id: Id, payload: MeetingIn):
    body = rules.get_body_for_user(request.user, slug, body_id, "governance_run_meetings")
    meeting = meeting_services.schedule_meeting(body=body, user=request.user, **payload.dict())
    return 201, meeting_out(meeting, selectors.roles_for_meeting(meeting))


@router.get("/cooperations/{slug}/meetings/{meeting_id}", response=MeetingOut, summary="Une réunion")
def get_meeting(request, slug: Slug, meeting_id: Id):
    meeting = rules.get_meeting_for_user(request.user, slug, meeting_id, "view")
    return meeting_out(meeting, selectors.roles_for_meeting(meeting))


# --- decisions -----------------------------------------------------------------------------


@router.get("/cooperations/{slug}/decisions", response=list[DecisionOut],
            summary="Registre des décisions (recherche et filtres)")
@paginate(Pagination)
def list_decisions(request, slug: Slug, filters: Query[DecisionFilters]):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    queryset = selectors.register(cooperation, **filters.dict())
    return [decision_out(d) for d in _with_cooperation(queryset, cooperation)]


def _with_cooperation(queryset, cooperation):
    for decision in queryset:
        decision.cooperation = cooperation
        yield decision


@router.post("/cooperations/{slug}/meetings/{meeting_id}/decisions", response={201: DecisionOut},
             summary="Enregistrer une décision sur un point de l'ordre du jour")
def create_decision(request, slug: Slug, meeting_id: Id, payload: DecisionIn):
    meeting = rules.get_meeting_for_user(request.user, slug, meeting_id, "governance_run_meetings")
    item = AgendaItem.objects.filter(meeting=meeting, pk=payload.item_id).select_related("meeting__body").first()
    if item is None:
        raise HttpError(422, "Ce point n'appartient pas à l'ordre du jour de cette réunion.")
    decision = decision_services.record_decision(item=item, text=payload.text, kind=payload.kind,
                                        requires_ratification=payload.requires_ratification, user=request.user)
    out = _decision(meeting.body.cooperation, decision.pk)
    notice = selectors.not_started_notice(meeting)
    out["warnings"] = [f"Décision enregistrée avant le début de la réunion. {notice}"] if notice else []
    return 201, out


def _decision(cooperation, pk):
    decision = selectors.annotate_register(
        Decision.objects.filter(cooperation=cooperation, pk=pk).select_related("item__meeting__body")).first()
    if decision is None:
        raise Http404
    decision.cooperation = cooperation
    return decision_out(decision)


@router.get("/cooperations/{slug}/decisions/{decision_id}", response=DecisionOut, summary="Une décision")
def get_decision(request, slug: Slug, decision_id: Id):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    return _decision(cooperation, decision_id)


# --- follow-ups ----------------------------------------------------------------------------


@router.get("/cooperations/{slug}/follow-ups", response=list[FollowUpOut], summary="Suites à donner d'une coopération")
@paginate(Pagination)
def list_followups(request, slug: Slug, status: FollowUpStatus | None = None, overdue: bool = False):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    today = schedule.paris_today()
    queryset = FollowUp.objects.filter(cooperation=cooperation).select_related(
        "cooperation", "decision", "owner", "owner_partner__organization").order_by("due_on", "pk")
    if status:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.filter(status__in=OPEN_FOLLOWUP_STATUSES, due_on__lt=today)
    show_people = can(request.user, "view_members", cooperation)
    return [followup_out(f, today, show_people) for f in queryset]


@router.post("/cooperations/{slug}/decisions/{decision_id}/follow-ups", response={201: FollowUpOut},
             summary="Ajouter une suite à donner")
def create_followup(request, slug: Slug, decision_id: Id, payload: FollowUpIn):
    decision = rules.get_decision_for_user(request.user, slug, decision_id, "governance_run_meetings")
    owner = owner_partner = None
    if payload.owner_id is not None:
        owner = get_user_model().objects.filter(
            pk=payload.owner_id, memberships__cooperation=decision.cooperation).first()
        if owner is None:
            raise HttpError(422, "owner_id : cette personne n'est pas membre de la coopération.")
    if payload.owner_partner_id is not None:
        owner_partner = Partnership.objects.filter(pk=payload.owner_partner_id,
                                                   cooperation=decision.cooperation).select_related(
            "organization").first()
        if owner_partner is None:
            raise HttpError(422, "owner_partner_id : ce partenaire n'appartient pas à la coopération.")
    followup = decision_services.add_followup(decision=decision, title=payload.title, due_on=payload.due_on,
                                              owner=owner,
                                     owner_partner=owner_partner)
    return 201, followup_out(followup)


@router.patch("/cooperations/{slug}/follow-ups/{followup_id}", response=FollowUpOut,
              summary="Mettre à jour ou solder une suite à donner")
def update_followup(request, slug: Slug, followup_id: Id, payload: FollowUpPatch):
    followup = rules.get_followup_for_user(request.user, slug, followup_id, "governance_update_followups")
    changes = payload.dict(exclude_unset=True)
    if "due_on" in changes and changes["due_on"] != followup.due_on and not rules.abilities(
            request.user, followup)["edit"]:
        # The deadline was set by the body: only its secretariat moves it, as on the decision page.
        raise HttpError(403, "Seul le secrétariat de l'instance peut reporter l'échéance d'une suite à donner.")
    followup = decision_services.update_followup(followup, **changes)
    return followup_out(followup)


@router.get("/me/follow-ups", response=list[FollowUpOut], summary="Mes suites à donner",
            description="Sans `etat` : en retard ou à échéance dans les 14 jours. Avec `etat` (ouvertes, en_retard, "
                        "echeance_proche, dans_les_temps, a_faire, en_cours, faite, abandonnee, toutes) : toutes "
                        "celles dans cet état, comme la page « Mes suites à donner ».")
def my_followups(request, etat: Annotated[str, StringConstraints(max_length=20)] = ""):
    if not request.user.is_authenticated:
        raise HttpError(401, "Authentification requise.")
    today = schedule.paris_today()
    if not etat:
        return [followup_out(f, today) for f in selectors.followups_of_user(request.user, today=today)]
    if etat not in decision_states.MY_FOLLOWUP_FILTERS:
        raise HttpError(422, "État inconnu : " + ", ".join(decision_states.MY_FOLLOWUP_FILTERS) + ".")
    queryset, _counts = selectors.my_followups(request.user, state=etat, today=today)
    return [followup_out(f, today) for f in queryset]
