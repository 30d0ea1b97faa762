"""Changes to the cross portrait: atomic, each kept in history with the coordinator who made it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from .portrait_models import PortraitChallenge, PortraitFoundation

UP, DOWN = "monter", "descendre"


def _stamp(item, user) -> None:
    item.updated_by = user if user is not None and user.is_authenticated else None
    item.updated_at = timezone.now()
    item._history_user = item.updated_by


@transaction.atomic
def save_foundation(*, cooperation, user, foundation=None, title: str, text: str = "") -> PortraitFoundation:
    """Add a shared foundation at the end of the list, or change one."""
    if foundation is None:
        foundation = PortraitFoundation(
            cooperation=cooperation, position=_next_position(cooperation.portrait_foundations)
        )
    foundation.title = title
    foundation.text = text
    _stamp(foundation, user)
    foundation.full_clean()
    foundation.save()
    return foundation


@transaction.atomic
def save_challenge(
    *, cooperation, user, challenge=None, title: str, text: str = "", axes=(), workstreams=(), actions=()
) -> PortraitChallenge:
    """Add a shared challenge or change one, with the axes, chantiers and actions that answer it.

    What answers a challenge belongs to the same cooperation: anything else is refused.
    """
    for item in [*axes, *workstreams, *actions]:
        if item.cooperation_id != cooperation.pk:
            raise ValidationError(f"« {item} » n'appartient pas au portefeuille de la coopération.")
    if challenge is None:
        challenge = PortraitChallenge(cooperation=cooperation, position=_next_position(cooperation.portrait_challenges))
    created = challenge.pk is None
    challenge.title = title
    challenge.text = text
    _stamp(challenge, user)
    challenge.full_clean()
    # One history row for the whole change, its answers included: each m2m set() would otherwise add its own.
    challenge.skip_history_when_saving = True
    try:
        challenge.save()
        challenge.axes.set(axes)
        challenge.workstreams.set(workstreams)
        challenge.actions.set(actions)
    finally:
        del challenge.skip_history_when_saving
    post_save.send(sender=PortraitChallenge, instance=challenge, created=created, raw=False, using=challenge._state.db)
    return challenge


@transaction.atomic
def delete_portrait_item(*, item, user) -> None:
    """Remove a foundation or a challenge; the ones after it keep their order."""
    item._history_user = user if user is not None and user.is_authenticated else None
    item.delete()


@transaction.atomic
def move_portrait_item(*, item, user, direction: str) -> None:
    """Swap a foundation or challenge with its neighbour above or below (renumbered 0, 1, 2… on the way)."""
    siblings = list(type(item).objects.select_for_update().filter(cooperation_id=item.cooperation_id))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            _stamp(sibling, user)
            sibling.save(update_fields=["position", "updated_by", "updated_at"])


def _next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1
