"""Every change to the portfolio goes through these functions: atomic, validated, journaled."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from entente.cooperations.models import Partnership
from entente.cooperations.services import ensure_organization_for_territory
from entente.core.formatting import format_money, format_number
from entente.core.text import search_key
from entente.territories.models import Organization, OrganizationKind
from entente.territories.selectors import legal_populations_label

from . import sharing
from .models import (
    Action,
    ActionEvent,
    ActionLink,
    ActionStatus,
    Axis,
    EventKind,
    ExternalFunding,
    FinancingPlan,
    FinancingShare,
    LinkKind,
    Milestone,
    PopulationBasis,
    ResultIndicator,
    SharingKey,
    Workstream,
)

# --- structure -------------------------------------------------------------------------------


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def create_axis(*, cooperation, title, description="") -> Axis:
    title = title.strip()
    if Axis.objects.filter(cooperation=cooperation, title__iexact=title).exists():
        raise ValidationError(f"Un axe « {title} » existe déjà dans cette coopération.")
    return Axis.objects.create(cooperation=cooperation, title=title, description=description,
                               position=_next_position(Axis.objects.filter(cooperation=cooperation)))


@transaction.atomic
def create_workstream(*, cooperation, title, axis=None, description="", lead=None) -> Workstream:
    title = title.strip()
    if axis is not None and axis.cooperation_id != cooperation.pk:
        raise ValidationError("Cet axe n'appartient pas à cette coopération.")
    if lead is not None and lead.cooperation_id != cooperation.pk:
        raise ValidationError("Le chef de file du chantier doit être un partenaire de la coopération.")
    if Workstream.objects.filter(cooperation=cooperation, title__iexact=title).exists():
        raise ValidationError(f"Un chantier « {title} » existe déjà dans cette coopération.")
    return Workstream.objects.create(
        cooperation=cooperation, axis=axis, title=title, description=description, lead=lead,
        position=_next_position(Workstream.objects.filter(cooperation=cooperation, axis=axis)),
    )


@transaction.atomic
def update_structure_item(item, *, title, description="", axis=None, lead=None):
    """Rename an axis or a chantier (and, for a chantier, change its axis or its lead)."""
    title = title.strip()
    model = type(item)
    if model.objects.filter(cooperation_id=item.cooperation_id, title__iexact=title).exclude(pk=item.pk).exists():
        raise ValidationError(f"« {title} » existe déjà dans cette coopération.")
    item.title, item.description = title, description
    if isinstance(item, Workstream):
        if axis is not None and axis.cooperation_id != item.cooperation_id:
            raise ValidationError("Cet axe n'appartient pas à cette coopération.")
        if lead is not None and lead.cooperation_id != item.cooperation_id:
            raise ValidationError("Le chef de file du chantier doit être un partenaire de la coopération.")
        if axis != item.axis:
            item.position = _next_position(Workstream.objects.filter(cooperation_id=item.cooperation_id, axis=axis))
        item.axis, item.lead = axis, lead
    item.save()
    return item


@transaction.atomic
def delete_structure_item(item) -> None:
    """An axis or a chantier is deleted only when empty, so that no action loses its place."""
    if isinstance(item, Axis) and item.workstreams.exists():
        raise ValidationError(f"L'axe « {item.title} » contient encore des chantiers : déplacez-les ou "
                              "supprimez-les d'abord.")
    if isinstance(item, Workstream) and item.actions.exists():
        raise ValidationError(f"Le chantier « {item.title} » contient encore des actions : déplacez-les ou "
                              "supprimez-les d'abord.")
    item.delete()


@transaction.atomic
def move(item, direction: str):
    """Move an axis, workstream or action one place up or down among its siblings."""
    if direction not in ("up", "down"):
        raise ValidationError("Sens de déplacement inconnu : « haut » ou « bas ».")
    siblings = list(_siblings(item).select_for_update().order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            type(sibling).objects.filter(pk=sibling.pk).update(position=position)
    return item


def _siblings(item):
    if isinstance(item, Axis):
        return Axis.objects.filter(cooperation_id=item.cooperation_id)
    if isinstance(item, Workstream):
        return Workstream.objects.filter(cooperation_id=item.cooperation_id, axis_id=item.axis_id)
    return Action.objects.filter(workstream_id=item.workstream_id)


# --- actions ---------------------------------------------------------------------------------


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
    if inside:
        errors["external_partners"] = (f"{', '.join(inside)} : déjà partenaire de la coopération, "
                                       "ajoutez-le aux participants plutôt qu'aux partenaires extérieurs.")
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
        start_on=data.start_on, end_on=data.end_on, created_by=_user(user),
        position=_next_position(Action.objects.filter(workstream=data.workstream)),
    )
    _set_relations(action, data)
    ActionEvent.objects.create(action=action, kind=EventKind.CREATED, to_status=action.status,
                               text=f"Action créée ({action.get_status_display()}).", author=_user(user))
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
        action.position = _next_position(Action.objects.filter(workstream=data.workstream))
    action.save()
    _set_relations(action, data)
    _journal_changes(action, user, previous_status, previous_progress)
    partners_changed = _journal_geometry(action, user, previous_lead, previous_partners, data)
    if partners_changed and hasattr(action, "financing"):
        _recompute_after_participants_change(action)
        _journal(action, user, EventKind.FINANCING,
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
        _journal(action, user, EventKind.PARTNERS, f"Participants : {' ; '.join(parts)}.")
    if (previous_lead.pk if previous_lead else None) != (data.lead.pk if data.lead else None):
        before = previous_lead.organization.name if previous_lead else "aucun"
        after = data.lead.organization.name if data.lead else "aucun"
        _journal(action, user, EventKind.PARTNERS, f"Chef de file : {before} → {after}.")
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
            text=f"{text} {comment}" if comment else text, author=_user(user), **when,
        )
    if action.progress != previous_progress:
        ActionEvent.objects.create(action=action, kind=EventKind.PROGRESS, author=_user(user), **when,
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
    return ActionEvent.objects.create(action=action, kind=EventKind.COMMENT, text=text, author=_user(user))


@transaction.atomic
def delete_action(action: Action) -> None:
    action.delete()


def _user(user):
    return user if user is not None and getattr(user, "pk", None) else None


# --- milestones and indicators ---------------------------------------------------------------


def _journal(action, user, kind, text):
    return ActionEvent.objects.create(action=action, kind=kind, text=text, author=_user(user))


def _validate_milestone(title, due_on, done_on=None):
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Donnez un intitulé au jalon."
    if due_on is None:
        errors["due_on"] = "Indiquez l'échéance du jalon."
    if done_on is not None and done_on > timezone.localdate():
        errors["done_on"] = "Un jalon ne peut pas être atteint à une date future."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_milestone(action: Action, *, title: str, due_on, user=None) -> Milestone:
    _validate_milestone(title, due_on)
    milestone = Milestone.objects.create(action=action, title=title.strip(), due_on=due_on)
    _journal(action, user, EventKind.MILESTONE,
             f"Jalon « {milestone.title} » ajouté, échéance le {due_on:%d/%m/%Y}.")
    return milestone


@transaction.atomic
def update_milestone(milestone: Milestone, *, title: str, due_on, done_on=None, user=None) -> Milestone:
    """Rename a milestone, move its due date or correct the date it was reached; journaled."""
    _validate_milestone(title, due_on, done_on)
    before = (milestone.title, milestone.due_on, milestone.done_on)
    milestone.title, milestone.due_on, milestone.done_on = title.strip(), due_on, done_on
    if before == (milestone.title, milestone.due_on, milestone.done_on):
        return milestone
    milestone.save()
    changes = []
    if before[0] != milestone.title:
        changes.append(f"renommé (« {before[0]} » auparavant)")
    if before[1] != milestone.due_on:
        changes.append(f"échéance reportée du {before[1]:%d/%m/%Y} au {milestone.due_on:%d/%m/%Y}")
    if before[2] != milestone.done_on:
        changes.append(f"atteint le {milestone.done_on:%d/%m/%Y}" if milestone.done_on else "rouvert")
    _journal(milestone.action, user, EventKind.MILESTONE, f"Jalon « {milestone.title} » : {', '.join(changes)}.")
    return milestone


@transaction.atomic
def delete_milestone(milestone: Milestone, *, user=None) -> None:
    _journal(milestone.action, user, EventKind.MILESTONE,
             f"Jalon « {milestone.title} » (échéance {milestone.due_on:%d/%m/%Y}) supprimé.")
    milestone.delete()


@transaction.atomic
def toggle_milestone(milestone: Milestone, *, user) -> Milestone:
    milestone.done_on = None if milestone.done_on else timezone.localdate()
    milestone.save(update_fields=["done_on"])
    state = "atteint" if milestone.done_on else "rouvert"
    _journal(milestone.action, user, EventKind.MILESTONE, f"Jalon « {milestone.title} » {state}.")
    return milestone


def _validate_indicator(label, target, current):
    errors = {}
    if not (label or "").strip():
        errors["label"] = "Nommez l'indicateur."
    if target is None or target <= 0:
        errors["target"] = "La cible doit être un nombre positif."
    if current is not None and current < 0:
        errors["current"] = "La valeur actuelle ne peut pas être négative."
    if errors:
        raise ValidationError(errors)


def _figure(value, unit="") -> str:
    return f"{format_number(value, trim=True)}{' ' + unit if unit else ''}"


@transaction.atomic
def add_indicator(action: Action, *, label: str, target, current=0, unit: str = "", user=None) -> ResultIndicator:
    _validate_indicator(label, target, current)
    indicator = ResultIndicator.objects.create(action=action, label=label.strip(), target=target,
                                               current=current or 0, unit=unit.strip())
    _journal(action, user, EventKind.INDICATOR,
             f"Indicateur « {indicator.label} » ajouté : cible {_figure(target, indicator.unit)}.")
    return indicator


@transaction.atomic
def update_indicator(indicator: ResultIndicator, *, current, user=None) -> ResultIndicator:
    """Record the indicator's new value; the journal keeps the previous one."""
    if current is None or current < 0:
        raise ValidationError({"current": "La valeur actuelle ne peut pas être négative."})
    previous = indicator.current
    indicator.current = current
    indicator.save(update_fields=["current"])
    if previous != current:
        _journal(indicator.action, user, EventKind.INDICATOR,
                 f"Indicateur « {indicator.label} » : {_figure(previous)} → "
                 f"{_figure(current, indicator.unit)} (cible {_figure(indicator.target, indicator.unit)}).")
    return indicator


@transaction.atomic
def edit_indicator(indicator: ResultIndicator, *, label: str, target, current, unit: str = "",
                   user=None) -> ResultIndicator:
    """Correct an indicator's name, unit, target and value; journaled, history kept."""
    current = indicator.current if current is None else current
    _validate_indicator(label, target, current)
    before = (indicator.label, indicator.unit, indicator.target, indicator.current)
    indicator.label, indicator.unit, indicator.target, indicator.current = label.strip(), unit.strip(), target, \
        current
    if before == (indicator.label, indicator.unit, indicator.target, indicator.current):
        return indicator
    indicator.save()

    def state(label, unit, target, value):
        return f"« {label} », {_figure(value)} sur {_figure(target, unit)}"

    _journal(indicator.action, user, EventKind.INDICATOR, f"Indicateur modifié : {state(*before)} → "
             f"{state(indicator.label, indicator.unit, indicator.target, indicator.current)}.")
    return indicator


@transaction.atomic
def delete_indicator(indicator: ResultIndicator, *, user=None) -> None:
    _journal(indicator.action, user, EventKind.INDICATOR, (
        f"Indicateur « {indicator.label} » supprimé (dernière valeur {_figure(indicator.current, indicator.unit)}, "
        f"cible {_figure(indicator.target, indicator.unit)})."))
    indicator.delete()


# --- links -----------------------------------------------------------------------------------


def dependency_cycle(cooperation, source: Action, target: Action) -> list[int] | None:
    """The cycle that `source depends on target` would close, as action ids, or None."""
    graph = nx.DiGraph()
    graph.add_edges_from(
        ActionLink.objects.filter(source__cooperation=cooperation, kind=LinkKind.DEPENDS_ON)
        .values_list("source_id", "target_id")
    )
    graph.add_edge(source.pk, target.pk)
    try:
        cycle = nx.find_cycle(graph, source=source.pk)
    except nx.NetworkXNoCycle:
        return None
    return [edge[0] for edge in cycle]


@transaction.atomic
def add_link(*, source: Action, target: Action, kind: str, note: str = "") -> ActionLink:
    if kind not in LinkKind.values:
        raise ValidationError({"kind": "Nature de lien inconnue."})
    if source.pk == target.pk:
        raise ValidationError({"target": "Une action ne peut pas être liée à elle-même."})
    if source.cooperation_id != target.cooperation_id:
        raise ValidationError({"target": "Les deux actions doivent appartenir à la même coopération."})
    if ActionLink.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError({"target": "Ce lien existe déjà."})
    if kind == LinkKind.DEPENDS_ON:
        # Lock the cooperation's links so that two concurrent additions cannot close a cycle.
        list(ActionLink.objects.select_for_update().filter(source__cooperation_id=source.cooperation_id))
        cycle = dependency_cycle(source.cooperation, source, target)
        if cycle:
            titles = dict(Action.objects.filter(pk__in=cycle).values_list("pk", "title"))
            path = " → ".join(f"« {titles[pk]} »" for pk in [*cycle, cycle[0]])
            raise ValidationError({"target": f"Ce lien créerait une dépendance circulaire : {path}."})
    return ActionLink.objects.create(source=source, target=target, kind=kind, note=note)


@transaction.atomic
def remove_link(link: ActionLink) -> None:
    link.delete()


# --- financing -------------------------------------------------------------------------------


@dataclass
class FinancingData:
    """A financing plan as entered: total, external fundings, key and per-partner inputs."""

    total: Decimal
    key: str = SharingKey.EQUAL
    fundings: list = field(default_factory=list)  # (source, label, amount)
    population_basis: str = PopulationBasis.MUNICIPAL
    fixed_partner: Partnership | None = None
    fixed_mode: str = ""
    fixed_value: Decimal | None = None
    rest_key: str = ""
    count_label: str = ""
    counts: dict = field(default_factory=dict)  # partnership pk -> int
    weights: dict = field(default_factory=dict)  # partnership pk -> Decimal
    note: str = ""


def participants_for_sharing(partnerships, data: FinancingData) -> list[sharing.Participant]:
    result = []
    for partnership in partnerships:
        territory = partnership.organization.territory
        population = None
        if territory is not None:
            population = territory.population
            if data.population_basis == PopulationBasis.TOTAL and territory.population_total is not None:
                population = territory.population_total
        result.append(sharing.Participant(
            key=partnership.organization_id, name=partnership.organization.name, population=population,
            count=data.counts.get(partnership.pk), weight=data.weights.get(partnership.pk),
        ))
    return result


def population_source(partnerships, basis: str) -> str:
    """The legal populations a split by inhabitants uses, named in its explanation."""
    return legal_populations_label(
        [p.organization.territory for p in partnerships], total=basis == PopulationBasis.TOTAL,
    )


def compute_shares(action: Action, data: FinancingData, partnerships=None):
    """Validate a plan and compute each participant's share; raises ValidationError in French."""
    if partnerships is None:
        partnerships = list(action.participants.select_related("organization__territory").order_by("pk"))
    if data.total is None or data.total < 0:
        raise ValidationError({"total": "Le coût total ne peut pas être négatif."})
    external = Decimal("0")
    for _source, _label, amount in data.fundings:
        if amount is None or amount < 0:
            raise ValidationError({"fundings": "Un financement extérieur ne peut pas être négatif."})
        external += amount
    if external > data.total:
        raise ValidationError({"fundings": (
            f"Les financements extérieurs ({format_money(external)}) dépassent le coût total "
            f"({format_money(data.total)}).")})
    fixed = None
    if data.key == SharingKey.FIXED:
        if data.fixed_partner is None or data.fixed_value is None or not data.fixed_mode:
            raise ValidationError({"fixed_partner": "Indiquez le partenaire à part fixe, et sa part "
                                                    "(pourcentage ou montant)."})
        fixed = sharing.Fixed(partner_key=data.fixed_partner.organization_id, mode=data.fixed_mode,
                              value=data.fixed_value)
    try:
        shares = sharing.split(
            data.total - external, participants_for_sharing(partnerships, data), data.key, fixed=fixed,
            rest_key=data.rest_key or None, count_label=data.count_label,
            population_source=population_source(partnerships, data.population_basis),
        )
    except sharing.SharingError as error:
        raise ValidationError({error.field: error.message}) from error
    by_org = {p.organization_id: p for p in partnerships}
    return [(by_org[share.key], share) for share in shares], external


@transaction.atomic
def save_financing(action: Action, *, data: FinancingData, user=None, journal: bool = True) -> FinancingPlan:
    shares, external = compute_shares(action, data)
    plan, _ = FinancingPlan.objects.select_for_update().update_or_create(action=action, defaults={
        "total": data.total, "key": data.key, "population_basis": data.population_basis,
        "fixed_partner": data.fixed_partner if data.key == SharingKey.FIXED else None,
        "fixed_mode": data.fixed_mode if data.key == SharingKey.FIXED else "",
        "fixed_value": data.fixed_value if data.key == SharingKey.FIXED else None,
        "rest_key": data.rest_key if data.key == SharingKey.FIXED else "",
        "count_label": data.count_label, "note": data.note,
    })
    plan.fundings.all().delete()
    ExternalFunding.objects.bulk_create(
        ExternalFunding(plan=plan, source=source, label=label, amount=amount)
        for source, label, amount in data.fundings if amount
    )
    plan.shares.all().delete()
    FinancingShare.objects.bulk_create(
        FinancingShare(plan=plan, partnership=partnership, amount=share.amount, explanation=share.explanation[:400],
                       count=data.counts.get(partnership.pk), weight=data.weights.get(partnership.pk))
        for partnership, share in shares
    )
    if not journal:
        return plan
    ActionEvent.objects.create(action=action, kind=EventKind.FINANCING, author=_user(user), text=(
        f"Plan de financement : coût total {format_money(data.total)}, financements extérieurs "
        f"{format_money(external)}, reste à charge réparti par la clé « {SharingKey(data.key).label} »."))
    return plan


def financing_data_of(plan: FinancingPlan) -> FinancingData:
    shares = list(plan.shares.all())
    return FinancingData(
        total=plan.total, key=plan.key, population_basis=plan.population_basis,
        fundings=[(f.source, f.label, f.amount) for f in plan.fundings.all()],
        fixed_partner=plan.fixed_partner, fixed_mode=plan.fixed_mode, fixed_value=plan.fixed_value,
        rest_key=plan.rest_key, count_label=plan.count_label, note=plan.note,
        counts={s.partnership_id: s.count for s in shares if s.count is not None},
        weights={s.partnership_id: s.weight for s in shares if s.weight is not None},
    )


def _recompute_after_participants_change(action: Action) -> None:
    plan = action.financing
    data = financing_data_of(plan)
    try:
        save_financing(action, data=data, journal=False)
    except ValidationError as error:
        messages = " ".join(error.messages)
        raise ValidationError({"participants": (
            f"Avec ces participants, le plan de financement ne peut plus être réparti : {messages} "
            "Modifiez d'abord le plan de financement.")}) from error


@transaction.atomic
def delete_financing(plan: FinancingPlan, *, user=None) -> None:
    """Withdraw a financing plan; the journal keeps what it said (the plan's history too)."""
    _journal(plan.action, user, EventKind.FINANCING, (
        f"Plan de financement retiré (il prévoyait un coût total de {format_money(plan.total)}, "
        f"reste à charge {format_money(plan.remainder)})."))
    plan.delete()
