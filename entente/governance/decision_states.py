"""States of a decision, without the database: in force or awaiting ratification, and where each
follow-up stands against its deadline (overdue, due soon, on time).
"""

import datetime
from collections.abc import Sequence

from django.db import models

from .decision_models import DecisionOutcome, FollowUpStatus, RatificationStatus


class RatificationState(models.TextChoices):
    NOT_REQUIRED = "sans_objet", "Sans ratification"
    IN_FORCE = "en_vigueur", "En vigueur"
    PENDING = "en_attente", "En attente de ratification"
    REFUSED = "refusee", "Ratification refusée"


def ratification_state(statuses: Sequence[str], *, required: bool = True) -> str:
    """A decision needing ratification is in force only once every partner has ratified it."""
    if not required:
        return RatificationState.NOT_REQUIRED
    if any(status == RatificationStatus.REFUSED for status in statuses):
        return RatificationState.REFUSED
    if statuses and all(status == RatificationStatus.RATIFIED for status in statuses):
        return RatificationState.IN_FORCE
    return RatificationState.PENDING


def ratification_state_from_counts(*, required: bool, total: int, ratified: int, refused: int) -> str:
    if not required:
        return RatificationState.NOT_REQUIRED
    if refused:
        return RatificationState.REFUSED
    return RatificationState.IN_FORCE if total and ratified == total else RatificationState.PENDING


# What the register shows of a decision (see `register_state`), and what it filters on.
REGISTER_STATES = {
    RatificationState.IN_FORCE: "En vigueur",
    RatificationState.PENDING: "En attente de ratification",
    RatificationState.REFUSED: "Ratification refusée",
    DecisionOutcome.REJECTED: "Rejetée au vote",
}


def register_state(outcome: str, ratification_state: str) -> str:
    """State shown in the register: rejected at the vote, or the ratification state (in force when none
    is needed)."""
    if outcome == DecisionOutcome.REJECTED:
        return DecisionOutcome.REJECTED
    if ratification_state == RatificationState.NOT_REQUIRED:
        return RatificationState.IN_FORCE
    return ratification_state


class FollowUpState(models.TextChoices):
    DONE = FollowUpStatus.DONE.value, "Faite"
    DROPPED = FollowUpStatus.DROPPED.value, "Abandonnée"
    OVERDUE = "en_retard", "En retard"
    DUE_SOON = "echeance_proche", "Échéance proche"
    ON_TIME = "dans_les_temps", "Dans les temps"


FOLLOWUP_STATE_LABELS = dict(FollowUpState.choices)
SOON_DAYS = 14

# The filter of « Mes suites à donner »: a state computed from status and deadline, or a status.
MY_FOLLOWUP_FILTERS = {
    "ouvertes": "Ouvertes (à faire ou en cours)",
    FollowUpState.OVERDUE: "En retard",
    FollowUpState.DUE_SOON: f"Échéance dans les {SOON_DAYS} jours",
    FollowUpState.ON_TIME: "Dans les temps",
    FollowUpStatus.NOT_STARTED: "À faire",
    FollowUpStatus.IN_PROGRESS: "En cours",
    FollowUpStatus.DONE: "Faites",
    FollowUpStatus.DROPPED: "Abandonnées",
    "toutes": "Toutes",
}


def followup_state(status: str, due_on: datetime.date, today: datetime.date, soon_days: int = SOON_DAYS) -> str:
    if status in (FollowUpStatus.DONE, FollowUpStatus.DROPPED):
        return FollowUpState(status)
    if due_on < today:
        return FollowUpState.OVERDUE
    if due_on <= today + datetime.timedelta(days=soon_days):
        return FollowUpState.DUE_SOON
    return FollowUpState.ON_TIME
