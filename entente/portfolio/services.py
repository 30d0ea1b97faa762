"""Changes to actions: creation, edition (partners, lead, pistes of origin), status, comments, deletion.

Atomic, validated and journaled in ActionEvent. The structure (axes, chantiers, order) is in
structure_services.py, milestones and indicators in tracking_services.py, links between actions in
link_services.py, financing and cost sharing in financing_services.py.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from entente.cooperations.models import Partnership
from entente.cooperations.services import ensure_organization_for_territory
from entente.core.text import search_key
from entente.territories.models import Organization, OrganizationKind

from .financing_services import recompute_after_participants_change
from .journal import acting_user, record_event
from .models import Action, ActionEvent, ActionStatus, Axis, EventKind, Workstream
from .structure_services import create_axis, create_workstream, next_position


@dataclass(frozen=True)
class NewWorkstream:
    """A chantier named while writing an action, created with it (in a new axis when one is named)."""

    title: str
    axis: Axis | None = None
    axis_title: str = ""


@dataclass
class ActionData:
    """Validated fields of an action, as given by a form or the API."""

    title: str
    workstream: Workstream | NewWorkstream
    description: str = ""
    lead: Partnership | None = None
    participants: list = field(default_factory=list)
    external_partners: list = field(default_factory=list)
    referents: list = field(default_factory=list)
    purposes: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    status: str = ActionStatus.IDEA
    progress: int = 0
    start_on: object = None
    end_on: object = None
    source_ideas: list | None = None
    external_territories: list = field(default_factory=list)  # collectivités not yet organizations
    # Outside partners that are not collectivités, named here for the first time: (name, kind).
    new_external_organizations: list = field(default_factory=list)


def validate_action(cooperation, data: ActionData) -> None:
    errors = {}
    if not data.title.strip():
        errors["title"] = "Donnez un intitulé à l'action."
    if isinstance(data.workstream, NewWorkstream):
        errors.update(_new_workstream_errors(cooperation, data.workstream))
    elif data.workstream.cooperation_id != cooperation.pk:
        errors["workstream"] = "Ce chantier n'appartient pas à cette coopération."
    foreign = [p for p in data.participants if p.cooperation_id != cooperation.pk]
    if foreign:
        errors["participants"] = "Les participants doivent être des partenaires de la coopération."
    if data.lead is not None and data.lead.pk not in {p.pk for p in data.participants}:
        errors["lead"] = (f"Le chef de file ({data.lead.organization}) doit faire partie des partenaires "
                          "participants : cochez-le parmi les participants.")
    members = set(Partnership.objects.filter(cooperation=cooperation).values_list("organization_id", flat=True))
    member_territories = set(Partnership.objects.filter(cooperation=cooperation)
                             .values_list("organization__territory_id", flat=True))
    inside = [o.name for o in data.external_partners if o.pk in members]
    inside += [t.name for t in data.external_territories if t.pk in member_territories]
    candidates = [o for o in data.external_partners if o.territory_id is None and o.pk not in members]
    known = _outside_organizations(cooperation) if candidates else set()
    unknown = [o.name for o in candidates if o.pk not in known]
    inside += [name for name, _kind in data.new_external_organizations
               if _partner_named(cooperation, name) is not None]
    if any(kind not in OrganizationKind.values or kind == OrganizationKind.LOCAL_AUTHORITY
           for _name, kind in data.new_external_organizations):
        errors["new_external_kind"] = "Une collectivité se choisit dans le registre des territoires."
    if any(not name.strip() for name, _kind in data.new_external_organizations):
        errors["new_external"] = "Donnez le nom de l'organisation extérieure."
    # The registry keeps merged or dissolved territories for history: none becomes a new partner.
    gone = [t.name for t in data.external_territories if not t.is_current]
    if inside:
        errors["external_partners"] = (f"{', '.join(inside)} : déjà partenaire de la coopération, "
                                       "ajoutez-le aux participants plutôt qu'aux partenaires extérieurs.")
    elif gone:
        errors["external_partners"] = (
            f"{', '.join(gone)} : ce territoire n'est plus en vigueur dans le registre (fusion ou dissolution). "
            "Choisissez le territoire actuel.")
    elif unknown:
        errors["external_partners"] = (
            f"{', '.join(unknown)} : organisation inconnue de cette coopération. Choisissez une collectivité "
            "dans le registre des territoires, ou une organisation déjà associée à la coopération.")
    if not 0 <= int(data.progress) <= 100:
        errors["progress"] = "L'avancement est un pourcentage entre 0 et 100."
    if data.start_on and data.end_on and data.end_on < data.start_on:
        errors["end_on"] = "La date de fin ne peut pas précéder la date de début."
    if data.status not in ActionStatus.values:
        errors["status"] = "Statut inconnu."
    if errors:
        raise ValidationError(errors)


def _partner_named(cooperation, name: str):
    return Partnership.objects.filter(
        cooperation=cooperation, organization__search_name=search_key(name)).first()


def _outside_organization_named(cooperation, name: str, kind: str) -> Organization:
    """The outside organization this cooperation already knows by that name, else a new one: another
    cooperation's homonym is never reused (its record is not this cooperation's to share)."""
    known = Organization.objects.filter(
        pk__in=_outside_organizations(cooperation), territory__isnull=True, search_name=search_key(name)).first()
    return known or Organization.objects.create(name=name.strip(), kind=kind)


def _outside_organizations(cooperation) -> set[int]:
    """Organisations that are not collectivités and that this cooperation already works with as outside
    partners: another cooperation's agency or association is never offered, nor accepted, here."""
    return set(Action.external_partners.through.objects.filter(action__cooperation=cooperation)
               .values_list("organization_id", flat=True))


def _new_workstream_errors(cooperation, new: NewWorkstream) -> dict:
    title = new.title.strip()
    if not title:
        return {"new_workstream": "Donnez un intitulé au nouveau chantier."}
    if Workstream.objects.filter(cooperation=cooperation, title__iexact=title).exists():
        return {"new_workstream": f"Le chantier « {title} » existe déjà : choisissez-le dans la liste."}
    if new.axis is not None and new.axis.cooperation_id != cooperation.pk:
        return {"new_workstream_axis": "Cet axe n'appartient pas à cette coopération."}
    if new.axis is not None and new.axis_title.strip():
        return {"new_axis": "Choisissez un axe existant ou nommez-en un nouveau, pas les deux."}
    return {}


def _settle_workstream(cooperation, data: ActionData) -> None:
    """Create the chantier (and its axis) named in the action's form; an axis of the same name is reused."""
    new = data.workstream
    if not isinstance(new, NewWorkstream):
        return
    axis = new.axis
    if new.axis_title.strip():
        axis = Axis.objects.filter(cooperation=cooperation, title__iexact=new.axis_title.strip()).first() \
            or create_axis(cooperation=cooperation, title=new.axis_title)
    data.workstream = create_workstream(cooperation=cooperation, title=new.title, axis=axis)


@transaction.atomic
def create_action(*, cooperation, user, data: ActionData) -> Action:
    validate_action(cooperation, data)
    _settle_workstream(cooperation, data)
    action = Action.objects.create(
        cooperation=cooperation, workstream=data.workstream, title=data.title.strip(),
        description=data.description, lead=data.lead, status=data.status, progress=data.progress,
        start_on=data.start_on, end_on=data.end_on, created_by=acting_user(user),
        position=next_position(Action.objects.filter(workstream=data.workstream)),
    )
    _set_relations(action, data)
    ActionEvent.objects.create(action=action, kind=EventKind.CREATED, to_status=action.status,
                               text=f"Action créée ({action.get_status_display()}).", author=acting_user(user))
    return action


@transaction.atomic
def update_action(action: Action, *, user, data: ActionData) -> Action:
    validate_action(action.cooperation, data)
    _settle_workstream(action.cooperation, data)
    previous_status, previous_progress = action.status, action.progress
    previous_lead = action.lead
    previous_partners = {p.pk: p for p in action.participants.select_related("organization")}
    for name in ("workstream", "description", "lead", "status", "progress", "start_on", "end_on"):
        setattr(action, name, getattr(data, name))
    action.title = data.title.strip()
    if action.workstream_id != Action.objects.filter(pk=action.pk).values_list("workstream_id", flat=True).get():
        action.position = next_position(Action.objects.filter(workstream=data.workstream))
    action.save()
    _set_relations(action, data)
    _journal_changes(action, user, previous_status, previous_progress)
    partners_changed = _journal_geometry(action, user, previous_lead, previous_partners, data)
    if partners_changed and hasattr(action, "financing"):
        recompute_after_participants_change(action)
        record_event(action, user, EventKind.FINANCING,
                 "Répartition du reste à charge recalculée pour les nouveaux participants.")
    return action


def _journal_geometry(action, user, previous_lead, previous_partners, data) -> bool:
    """Journal who joined, who left and who leads now (variable geometry); True when participants changed."""
    current = {p.pk: p for p in data.participants}
    joined = [p.organization.name for pk, p in current.items() if pk not in previous_partners]
    left = [p.organization.name for pk, p in previous_partners.items() if pk not in current]
    parts = []
    if joined:
        parts.append(f"arrivée de {', '.join(sorted(joined))}")
    if left:
        parts.append(f"départ de {', '.join(sorted(left))}")
    if parts:
        record_event(action, user, EventKind.PARTNERS, f"Participants : {' ; '.join(parts)}.")
    if (previous_lead.pk if previous_lead else None) != (data.lead.pk if data.lead else None):
        before = previous_lead.organization.name if previous_lead else "aucun"
        after = data.lead.organization.name if data.lead else "aucun"
        record_event(action, user, EventKind.PARTNERS, f"Chef de file : {before} → {after}.")
    return bool(parts)


def _set_relations(action, data: ActionData) -> None:
    action.participants.set(data.participants)
    externals = {o.pk: o for o in data.external_partners}
    for territory in data.external_territories:
        organization = ensure_organization_for_territory(territory)
        externals[organization.pk] = organization
    for name, kind in data.new_external_organizations:
        organization = _outside_organization_named(action.cooperation, name, kind)
        externals[organization.pk] = organization
    action.external_partners.set(externals.values())
    action.referents.set(data.referents)
    action.purposes.set(data.purposes)
    action.forms.set(data.forms)
    if data.source_ideas is not None:
        action.source_ideas.set(data.source_ideas)


def _journal_changes(action, user, previous_status, previous_progress, comment="", occurred_at=None):
    when = {"occurred_at": occurred_at} if occurred_at else {}
    if action.status != previous_status:
        text = f"Statut : {ActionStatus(previous_status).label} → {action.get_status_display()}."
        ActionEvent.objects.create(
            action=action, kind=EventKind.STATUS, from_status=previous_status, to_status=action.status,
            text=f"{text} {comment}" if comment else text, author=acting_user(user), **when,
        )
    if action.progress != previous_progress:
        ActionEvent.objects.create(action=action, kind=EventKind.PROGRESS, author=acting_user(user), **when,
                                   text=f"Avancement : {previous_progress} % → {action.progress} %.")


def _decision_time(occurred_on):
    """A change decided on an earlier day (a steering committee) is dated that day, at noon in Paris."""
    if occurred_on is None or occurred_on == timezone.localdate():
        return None
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": "La date du changement ne peut pas être dans le futur."})
    return timezone.make_aware(datetime.datetime.combine(occurred_on, datetime.time(12)))


@transaction.atomic
def change_status(action: Action, *, user, status: str, progress: int | None = None, comment: str = "",
                  occurred_on=None) -> Action:
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Statut inconnu."})
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": "L'avancement est un pourcentage entre 0 et 100."})
    occurred_at = _decision_time(occurred_on)
    previous_status, previous_progress = action.status, action.progress
    action.status = status
    if progress is not None:
        action.progress = progress
    elif status == ActionStatus.DONE:
        action.progress = 100
    action.save(update_fields=["status", "progress", "updated_at"])
    _journal_changes(action, user, previous_status, previous_progress, comment, occurred_at)
    if comment and action.status == previous_status:
        event = add_comment(action, user=user, text=comment)
        if occurred_at:
            ActionEvent.objects.filter(pk=event.pk).update(occurred_at=occurred_at)
    return action


@transaction.atomic
def add_comment(action: Action, *, user, text: str) -> ActionEvent:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Le commentaire est vide."})
    return ActionEvent.objects.create(action=action, kind=EventKind.COMMENT, text=text, author=acting_user(user))


@transaction.atomic
def delete_action(action: Action) -> None:
    action.delete()


