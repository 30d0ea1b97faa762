import datetime
import zoneinfo

import pytest

from entente.governance import agenda_services, body_services, decision_services, meeting_services
from entente.governance.body_models import BodyMember

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def body(world):
    """A voting body of the `own` cooperation: one seat per role user, each representing partner 0 or 1."""
    cooperation = world.own
    partners = world.partners[cooperation.pk]
    body = body_services.create_body(
        cooperation=cooperation,
        name="Conférence",
        kind="conference_entente",
        rotation="par_reunion",
        rotates_convener=True,
        rotates_chair=True,
        rotation_partners=partners,
        voting_mode="par_membre",
        quorum_basis="membres",
        quorum_percent=50,
    )
    body.cooperation = cooperation
    BodyMember.objects.create(body=body, user=world.users["coordinateur"], partner=partners[0], role="president")
    BodyMember.objects.create(body=body, user=world.users["membre"], partner=partners[0], role="membre")
    BodyMember.objects.create(body=body, user=world.users["observateur"], partner=partners[1], role="membre")
    BodyMember.objects.create(body=body, user=world.users["contributeur"], partner=partners[1], role="secretaire")
    return body


@pytest.fixture
def meeting(body, world):
    return meeting_services.schedule_meeting(
        body=body,
        starts_at=paris(2030, 3, 10, 14),
        ends_at=paris(2030, 3, 10, 16),
        user=world.users["coordinateur"],
        place="Salle du conseil",
    )


@pytest.fixture
def item(meeting):
    return agenda_services.add_agenda_item(meeting=meeting, title="Adoption du programme", kind="decision")


@pytest.fixture
def decision(item, world):
    return decision_services.record_decision(
        item=item, text="Le programme de travail est adopté.", kind="validation", user=world.users["coordinateur"]
    )


def seat_of(body, user):
    return BodyMember.objects.get(body=body, user=user)


def page_text(response) -> str:
    import html

    return html.unescape(response.content.decode())
