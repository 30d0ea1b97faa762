"""The "temps miroir"'s synthesis, kept with the meeting's minutes: a block after them on the meeting's
page, and a section at the end of the minutes' PDF."""

from django.utils.html import linebreaks

from .mirror_models import MirrorSession

SYNTHESIS_TITLE = "Synthèse du temps miroir"


def meeting_block_context(request, meeting, abilities) -> dict | None:
    if not abilities.get("reflexivity_view"):
        return None
    session = MirrorSession.objects.filter(meeting=meeting).first()
    if session is None and meeting.format != "temps_miroir":
        return None
    return {
        "session": session,
        "answers": session.responses.count() if session else 0,
        "may_prepare": session is None and abilities.get("reflexivity_manage"),
        "cooperation": meeting.body.cooperation,
    }


def minutes_section(meeting, members: bool) -> tuple[str, str] | None:
    """The synthesis for the members' version of the minutes only: reflexivity is never shown to the public."""
    if not members:
        return None
    synthesis = MirrorSession.objects.filter(meeting=meeting).values_list("synthesis", flat=True).first()
    if not synthesis:
        return None
    return SYNTHESIS_TITLE, linebreaks(synthesis, autoescape=True)


def register() -> None:
    from entente.governance.hooks import MeetingBlock, MinutesSection, register_meeting_block, register_minutes_section

    register_meeting_block(MeetingBlock("reflexivity/mirror/_meeting_block.html", meeting_block_context))
    register_minutes_section(MinutesSection("reflexivity.mirror_synthesis", minutes_section))
