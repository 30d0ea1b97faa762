"""Changes to the register: decisions, votes, ratifications and follow-ups (and their reminders).

Every change goes through these functions: atomic, validated, historised; e-mails leave only once
the transaction has committed.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from entente.cooperations.models import Cooperation, Membership

from . import notifications, quorum_and_votes, schedule
from .body_models import PartnerWeight, VotingMode, Weighting
from .body_services import check_partner, signatory_partners
from .decision_models import Decision, DecisionOutcome, FollowUp, FollowUpStatus, Ratification, RatificationStatus, Vote
from .meeting_models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    MeetingStatus,
)

# --- decisions, votes, ratification -------------------------------------------------------


@transaction.atomic
def record_decision(*, item: AgendaItem, text: str, kind: str, requires_ratification=False, user=None,
                    decided_on=None, arbitration=None) -> Decision:
    text = (text or "").strip()
    if not text:
        raise ValidationError("Rédigez le texte de la décision.")
    meeting = item.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("La réunion est annulée : aucune décision ne peut y être enregistrée.")
    cooperation = Cooperation.objects.select_for_update().get(pk=meeting.body.cooperation_id)
    number = (Decision.objects.filter(cooperation=cooperation).aggregate(m=Max("number"))["m"] or 0) + 1
    decision = Decision.objects.create(
        cooperation=cooperation, item=item, number=number, text=text, kind=kind,
        decided_on=decided_on or timezone.localtime(meeting.starts_at).date(),
        requires_ratification=requires_ratification, created_by=user if user and user.pk else None,
        arbitration=arbitration,
    )
    if requires_ratification:
        partners = signatory_partners(cooperation)
        if not partners:
            raise ValidationError("Aucun partenaire signataire n'est enregistré : la ratification ne peut être suivie.")
        Ratification.objects.bulk_create([Ratification(decision=decision, partner=p) for p in partners])
    return decision


@transaction.atomic
def update_decision(decision: Decision, *, text=None, kind=None, item: AgendaItem | None = None,
                    requires_ratification=None, change_note="") -> Decision:
    """Correct a decision (text, nature, agenda point, ratification). The earlier wording stays in
    the history with the reason given; ratifications already deliberated are never dropped."""
    if text is not None:
        if not text.strip():
            raise ValidationError("Le texte de la décision ne peut pas être vide.")
        decision.text = text.strip()
    if kind is not None:
        decision.kind = kind
    if item is not None and item.pk != decision.item_id:
        if item.meeting_id != decision.item.meeting_id:
            raise ValidationError("Une décision reste rattachée à un point de la réunion où elle a été prise.")
        decision.item = item
    if requires_ratification is not None and requires_ratification != decision.requires_ratification:
        _switch_ratification(decision, requires_ratification)
    decision._change_reason = (change_note or "").strip()[:100] or None
    decision.save()
    return decision


def _switch_ratification(decision: Decision, required: bool) -> None:
    if required:
        partners = signatory_partners(decision.cooperation)
        if not partners:
            raise ValidationError("Aucun partenaire signataire n'est enregistré : la ratification ne peut être suivie.")
        existing = set(decision.ratifications.values_list("partner_id", flat=True))
        Ratification.objects.bulk_create([Ratification(decision=decision, partner=p) for p in partners
                                          if p.pk not in existing])
    else:
        deliberated = decision.ratifications.exclude(status=RatificationStatus.PENDING)
        if deliberated.exists():
            names = ", ".join(str(r.partner.organization) for r in deliberated.select_related("partner__organization"))
            raise ValidationError(f"Des délibérations sont déjà enregistrées ({names}) : la décision reste soumise "
                                  "à ratification. Remettez-les d'abord « en attente » si elles ont été saisies "
                                  "par erreur.")
        for ratification in decision.ratifications.all():
            ratification.delete()
    decision.requires_ratification = required


def _weight_of(body, partner) -> Decimal:
    custom = None
    if body.weighting == Weighting.CUSTOM:
        record = PartnerWeight.objects.filter(body=body, partner=partner).first()
        custom = record.weight if record else None
    population = None
    if body.weighting == Weighting.POPULATION:
        territory = partner.organization.territory
        population = territory.population if territory else None
    return quorum_and_votes.partner_weight(body.weighting, population=population, custom=custom)


@transaction.atomic
def cast_vote(*, decision: Decision, attendance: Attendance, choice: str, user=None) -> Vote:
    """Record a vote. Only voting members present, or represented through a proxy, vote; a body
    voting per partner takes one vote per partner, weighted when the body says so."""
    meeting = decision.item.meeting
    body = meeting.body
    if body.voting_mode == VotingMode.NONE:
        raise ValidationError("Cette instance ne vote pas : ses décisions se prennent par consensus.")
    if attendance.meeting_id != meeting.pk:
        raise ValidationError("Ce votant n'est pas inscrit sur la feuille de présence de cette réunion.")
    seat = attendance.seat
    if seat is None or attendance.is_guest or not seat.votes:
        raise ValidationError(f"{attendance.who} n'est pas membre votant de l'instance : son vote ne peut pas être "
                              "enregistré.")
    if attendance.status not in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED):
        raise ValidationError(f"{attendance.who} est {attendance.get_status_display().lower()} sans pouvoir : "
                              "son vote ne peut pas être enregistré.")
    proxy_seat = attendance.proxy.seat if attendance.status == AttendanceStatus.REPRESENTED else None
    recorded_by = user if user and user.pk else None
    if body.voting_mode == VotingMode.PER_PARTNER:
        if seat.partner_id is None:
            raise ValidationError(f"{attendance.who} ne représente aucun partenaire : le vote se fait par partenaire.")
        vote = Vote.objects.filter(decision=decision, partner=seat.partner).first() or Vote(
            decision=decision, partner=seat.partner)
        vote.weight = _weight_of(body, seat.partner)
    else:
        vote = Vote.objects.filter(decision=decision, seat=seat, partner__isnull=True).first() or Vote(
            decision=decision)
        vote.weight = Decimal(1)
    vote.seat, vote.proxy_seat, vote.choice, vote.recorded_by = seat, proxy_seat, choice, recorded_by
    vote.save()
    _refresh_outcome(decision)
    return vote


def _refresh_outcome(decision: Decision) -> None:
    result = quorum_and_votes.tally(decision.votes.values_list("choice", "weight"))
    outcome = DecisionOutcome.ADOPTED if result.adopted else DecisionOutcome.REJECTED
    if decision.outcome != outcome:
        decision.outcome = outcome
        decision.save(update_fields=["outcome", "search_text"])


@transaction.atomic
def record_ratification(ratification: Ratification, *, status: str, assembly="", date=None,
                        deliberation_reference="") -> Ratification:
    if status != RatificationStatus.PENDING:
        missing = [label for label, value in (("l'assemblée", assembly), ("la date", date),
                                              ("la référence de la délibération", deliberation_reference))
                   if not (value.strip() if isinstance(value, str) else value)]
        if missing:
            raise ValidationError("Pour enregistrer la délibération, indiquez " + ", ".join(missing) + ".")
        if date < ratification.decision.decided_on:
            raise ValidationError("La délibération ne peut pas précéder la décision qu'elle ratifie.")
    else:
        assembly, date, deliberation_reference = "", None, ""
    ratification.status, ratification.assembly, ratification.date = status, assembly.strip(), date
    ratification.deliberation_reference = deliberation_reference.strip()
    ratification.save()
    return ratification


# --- follow-ups ----------------------------------------------------------------------------


def _clean_followup(cooperation, *, title, due_on, owner, owner_partner, current_owner_id=None) -> str:
    """The checks shared by a new follow-up and an edited one; returns the cleaned title.

    The current owner may stay in charge even after leaving the cooperation: only a new owner
    must be a member."""
    title = (title or "").strip()
    if not title:
        raise ValidationError("Décrivez la suite à donner.")
    if owner is None and owner_partner is None:
        raise ValidationError("Indiquez qui porte cette suite : une personne ou un partenaire.")
    if due_on is None:
        raise ValidationError("Indiquez une échéance pour cette suite à donner.")
    check_partner(cooperation, owner_partner)
    if owner is not None and owner.pk != current_owner_id and not Membership.objects.filter(
            cooperation=cooperation, user=owner).exists():
        raise ValidationError(f"{owner.public_name} n'est pas membre de cette coopération.")
    return title


@transaction.atomic
def add_followup(*, decision: Decision, title: str, due_on, owner=None, owner_partner=None) -> FollowUp:
    title = _clean_followup(decision.cooperation, title=title, due_on=due_on, owner=owner,
                            owner_partner=owner_partner)
    return FollowUp.objects.create(decision=decision, cooperation=decision.cooperation, title=title, due_on=due_on,
                                   owner=owner, owner_partner=owner_partner)


@transaction.atomic
def edit_followup(followup: FollowUp, *, title: str, due_on, owner=None, owner_partner=None) -> FollowUp:
    """The secretariat rewords a follow-up, hands it to someone else or moves its deadline."""
    title = _clean_followup(followup.cooperation, title=title, due_on=due_on, owner=owner,
                            owner_partner=owner_partner, current_owner_id=followup.owner_id)
    if due_on != followup.due_on or owner != followup.owner or owner_partner != followup.owner_partner:
        followup.last_reminded_on = None  # a new deadline or a new owner deserves a fresh reminder
    followup.title, followup.due_on, followup.owner, followup.owner_partner = title, due_on, owner, owner_partner
    followup.save()
    return followup


@transaction.atomic
def update_followup(followup: FollowUp, *, status=None, evidence=None, evidence_url=None, due_on=None,
                    today=None) -> FollowUp:
    today = today or schedule.paris_today()
    if evidence is not None:
        followup.evidence = evidence.strip()
    if evidence_url is not None:
        followup.evidence_url = evidence_url.strip()
    if due_on is not None:
        followup.due_on = due_on
    if status is not None:
        if status == FollowUpStatus.DONE and not followup.evidence:
            raise ValidationError("Pour solder une suite, décrivez ce qui a été fait (preuve de réalisation).")
        followup.closed_on = today if status == FollowUpStatus.DONE else None
        followup.status = status
    followup.save()
    return followup


def send_followup_reminders(*, today=None) -> int:
    """E-mail each person their overdue and due-soon follow-ups, at most once a day; returns e-mails sent."""
    return notifications.send_followup_reminders(today=today or schedule.paris_today())
