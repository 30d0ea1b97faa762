"""Tagging meetings with their format and the functions of a collective they serve, from the reflexivity
pages (the meeting and agenda forms of governance do the same); each change is kept in the meeting's history."""

from django.core.exceptions import ValidationError
from django.db import transaction

from entente.governance.meeting_models import Meeting, MeetingFormat, clean_functions


@transaction.atomic
def tag_meeting(meeting: Meeting, *, user, format: str, functions) -> Meeting:
    if format not in MeetingFormat.values:
        raise ValidationError("Format de réunion inconnu.")
    meeting.format = format
    meeting.functions = clean_functions(functions)
    meeting._history_user = user
    meeting.save(update_fields=["format", "functions"])
    return meeting
