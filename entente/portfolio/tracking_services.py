"""Following an action: its milestones and result indicators, each change journaled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from entente.core.formatting import format_number

from .journal import record_event
from .models import Action, EventKind, Milestone, ResultIndicator


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
    record_event(action, user, EventKind.MILESTONE,
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
    record_event(milestone.action, user, EventKind.MILESTONE, f"Jalon « {milestone.title} » : {', '.join(changes)}.")
    return milestone


@transaction.atomic
def delete_milestone(milestone: Milestone, *, user=None) -> None:
    record_event(milestone.action, user, EventKind.MILESTONE,
             f"Jalon « {milestone.title} » (échéance {milestone.due_on:%d/%m/%Y}) supprimé.")
    milestone.delete()


@transaction.atomic
def toggle_milestone(milestone: Milestone, *, user) -> Milestone:
    milestone.done_on = None if milestone.done_on else timezone.localdate()
    milestone.save(update_fields=["done_on"])
    state = "atteint" if milestone.done_on else "rouvert"
    record_event(milestone.action, user, EventKind.MILESTONE, f"Jalon « {milestone.title} » {state}.")
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
    record_event(action, user, EventKind.INDICATOR,
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
        record_event(indicator.action, user, EventKind.INDICATOR,
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

    record_event(indicator.action, user, EventKind.INDICATOR, f"Indicateur modifié : {state(*before)} → "
             f"{state(indicator.label, indicator.unit, indicator.target, indicator.current)}.")
    return indicator


@transaction.atomic
def delete_indicator(indicator: ResultIndicator, *, user=None) -> None:
    record_event(indicator.action, user, EventKind.INDICATOR, (
        f"Indicateur « {indicator.label} » supprimé (dernière valeur {_figure(indicator.current, indicator.unit)}, "
        f"cible {_figure(indicator.target, indicator.unit)})."))
    indicator.delete()
