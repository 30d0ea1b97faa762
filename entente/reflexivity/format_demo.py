"""Demo: the Mortagne CoDir's meetings tagged with the functions of a collective they served."""

from entente.governance.meeting_models import Meeting, MeetingFormat

from . import format_services as services

SLUG = "codir-pays-de-mortagne"

FUNCTIONS = {
    MeetingFormat.TOP_DOWN: ["operationnelle"],
    MeetingFormat.BOTTOM_UP: ["operationnelle", "relationnelle"],
    MeetingFormat.WORKING: ["operationnelle", "organisationnelle"],
    MeetingFormat.STRATEGIC: ["institutionnelle"],
    MeetingFormat.CODEVELOPMENT: ["relationnelle"],
    MeetingFormat.MIRROR: ["relationnelle", "organisationnelle"],
}


def load_mortagne(cooperation, users, today):
    for meeting in Meeting.objects.filter(body__cooperation=cooperation):
        services.tag_meeting(
            meeting, user=users["coordinateur"], format=meeting.format, functions=FUNCTIONS.get(meeting.format, [])
        )
