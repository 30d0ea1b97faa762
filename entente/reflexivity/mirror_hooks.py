"""The block a meeting's page shows after its minutes: the "temps miroir"'s synthesis, kept with them."""

from .mirror_models import MirrorSession


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


def register() -> None:
    from entente.governance.hooks import MeetingBlock, register_meeting_block

    register_meeting_block(MeetingBlock("reflexivity/mirror/_meeting_block.html", meeting_block_context))
