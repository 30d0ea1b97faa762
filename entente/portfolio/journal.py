"""The action's journal (ActionEvent): every service that changes an action writes its line here."""

from .models import ActionEvent


def acting_user(user):
    return user if user is not None and getattr(user, "pk", None) else None


def record_event(action, user, kind, text):
    return ActionEvent.objects.create(action=action, kind=kind, text=text, author=acting_user(user))
