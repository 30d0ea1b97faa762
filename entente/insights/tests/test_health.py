"""Every health figure against records built by hand: a body that missed its year, a late agenda,
a partner absent three times, an overdue follow-up, a partner and a member who never took part."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance.body_models import RotationSlot
from entente.governance.factories import BodyFactory, BodyMemberFactory, DecisionFactory, FollowUpFactory
from entente.governance.meeting_models import Attendance, Meeting
from entente.insights import health, periods
from entente.insights.models import HealthThresholds
from entente.portfolio.factories import ActionFactory
from entente.territories.factories import OrganizationFactory
from entente.workshops.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 12, 1)
NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=PARIS)


def at(day, hour=14):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def meeting(body, day, *, sent_days_before=5, status="tenue"):
    starts = at(day)
    sent = starts - datetime.timedelta(days=sent_days_before) if sent_days_before is not None else None
    return Meeting.objects.create(
        body=body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), status=status, agenda_sent_at=sent
    )


@pytest.fixture
def world():
    cooperation = CooperationFactory(name="Entente témoin", started_on=datetime.date(2024, 1, 1))
    names = ["Département A", "Département B", "Département C", "Département D"]
    a, b, c, d = (
        PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(name=name)) for name in names
    )
    # A yearly monitoring committee that met in 2025 only: 2024 and 2026 are missing.
    monitoring = BodyFactory(
        cooperation=cooperation,
        name="Comité de suivi",
        periodicity="annuelle",
        created_at=at(datetime.date(2024, 1, 1)),
    )
    meeting(monitoring, datetime.date(2025, 3, 10))
    # A CODIRI with a seat per partner, rotating each meeting between A and B; C absent three times.
    codiri = BodyFactory(
        cooperation=cooperation,
        name="CODIRI",
        periodicity="semestrielle",
        rotation="par_reunion",
        rotates_convener=True,
        created_at=at(datetime.date(2026, 1, 1)),
    )
    seats = {p.pk: BodyMemberFactory(body=codiri, partner=p, role="membre") for p in (a, b, c)}
    RotationSlot.objects.create(body=codiri, position=1, partner=a)
    RotationSlot.objects.create(body=codiri, position=2, partner=b)
    days = [
        datetime.date(2026, 2, 10),
        datetime.date(2026, 5, 12),
        datetime.date(2026, 9, 15),
        datetime.date(2026, 11, 17),
    ]
    codiri_meetings = [meeting(codiri, day, sent_days_before=1 if index == 2 else 5) for index, day in enumerate(days)]
    for index, item in enumerate(codiri_meetings):
        for partner in (a, b, c):
            status = "absent" if partner == c and index < 3 else "present"
            Attendance.objects.create(meeting=item, seat=seats[partner.pk], status=status)
    # Follow-ups of 2026 decisions: one done in 30 days, one overdue, one not yet due, one dropped.
    decision = DecisionFactory(item__meeting=codiri_meetings[0], decided_on=datetime.date(2026, 2, 10))
    FollowUpFactory(
        decision=decision,
        owner_partner=a,
        title="Suite faite",
        status="faite",
        evidence="Fait",
        closed_on=datetime.date(2026, 3, 12),
        due_on=datetime.date(2026, 4, 1),
    )
    FollowUpFactory(decision=decision, owner_partner=b, title="Suite en retard", due_on=datetime.date(2026, 6, 1))
    FollowUpFactory(decision=decision, owner_partner=b, title="Suite à venir", due_on=datetime.date(2027, 1, 15))
    FollowUpFactory(
        decision=decision,
        owner_partner=a,
        title="Suite abandonnée",
        status="abandonnee",
        due_on=datetime.date(2026, 5, 1),
    )
    WorkshopFactory(cooperation=cooperation, host=a, held_on=datetime.date(2026, 4, 2))
    ActionFactory(cooperation=cooperation, lead=b)
    idle_member = UserFactory(display_name="Membre silencieux")
    MembershipFactory(cooperation=cooperation, user=idle_member, role="membre")
    return {
        "cooperation": cooperation,
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "codiri": codiri,
        "monitoring": monitoring,
        "meetings": codiri_meetings,
        "decision": decision,
    }


def report(world, key="2026"):
    period = periods.parse_period(key, TODAY, 2024)
    return health.cooperation_health(world["cooperation"], period, today=TODAY, now=NOW)


def figures(result):
    return {figure.key: figure for section in result.sections for figure in section.figures}


def test_a_yearly_body_that_did_not_meet_this_year_shows(world):
    result = figures(report(world))
    missed = result[f"meetings-{world['monitoring'].pk}-202601"]
    assert missed.alert and missed.value == "Aucune réunion en 2026"
    assert missed.sentence == ("Le comité de suivi ne s'est pas réuni en 2026 alors qu'il doit se réunir chaque année.")
    assert missed.links[0].url.endswith(f"/gouvernance/instances/{world['monitoring'].pk}/")
    assert missed.links[0].label == "Voir le comité de suivi"  # not « Voir Comité de suivi »


def test_over_the_whole_life_every_missed_year_shows_and_the_met_year_does_not(world):
    keys = [key for key in figures(report(world, "")) if key.startswith(f"meetings-{world['monitoring'].pk}-")]
    assert keys == [f"meetings-{world['monitoring'].pk}-202401", f"meetings-{world['monitoring'].pk}-202601"]


def test_a_body_that_met_each_semester_has_no_missed_window(world):
    codiri = figures(report(world))[f"meetings-{world['codiri'].pk}"]
    assert not codiri.alert and codiri.value == "4 réunions tenues"


def test_one_late_agenda_is_counted_against_the_deadline_of_its_body(world):
    result = figures(report(world))
    assert result["agendas"].value == "75 %"
    assert result["agendas"].alert  # under the default 80 %
    late = result[f"agenda-{world['meetings'][2].pk}"]
    assert late.value == "Ordre du jour envoyé en retard"
    assert "48 heures avant la réunion" in late.sentence


def test_a_partner_absent_three_times_is_flagged_with_the_meetings_it_missed(world):
    result = figures(report(world))
    absent = result[f"attendance-{world['c'].pk}"]
    assert absent.alert and absent.value == "25 %"
    assert absent.sentence == "Département C a siégé ou s'est fait représenter à 1 réunion sur 4 ; 3 absences."
    assert [link.url for link in absent.links] == [
        f"/cooperations/{world['cooperation'].slug}/gouvernance/reunions/{m.pk}/" for m in world["meetings"][:3]
    ]
    assert not result[f"attendance-{world['a'].pk}"].alert


def test_parity_reads_the_convener_from_the_rotation(world):
    parity = figures(report(world))["parity"]
    assert parity.value == "50 %" and not parity.alert
    assert [link.label for link in parity.links] == ["Instances de la coopération"]


def test_the_rotation_is_compared_with_the_rule_and_overrides_are_named(world):
    moved = world["meetings"][1]
    moved.convener_override = world["a"]
    moved.override_reason = "Salle indisponible"
    moved.save()
    rotation = figures(report(world))[f"rotation-{world['codiri'].pk}"]
    assert rotation.value == "3 / 4"
    assert "12/05/2026 (Salle indisponible)" in rotation.sentence
    assert figures(report(world))["parity"].value == "75 %" and figures(report(world))["parity"].alert


def test_decisions_followed_up(world):
    result = figures(report(world))
    assert result["followups-done"].value == "50 %"  # one done of the two due (the dropped one does not count)
    assert result["followups-done"].sentence.startswith("1 suite à donner réalisée sur 2 arrivées à échéance (")
    assert result["followups-late"].value == "33 %" and result["followups-late"].alert
    assert result["followups-delay"].value == "30 jours"
    assert result["followups-delay"].sentence.startswith(
        "En médiane, une suite est réalisée 30 jours après sa décision ("
    )
    oldest = result["followups-oldest"]
    assert "« Suite en retard »" in oldest.sentence and oldest.alert
    assert oldest.links[0].url.endswith(f"/gouvernance/decisions/{world['decision'].pk}/")


def test_breadth_names_partners_and_members_who_took_no_part(world):
    result = figures(report(world))
    assert result["breadth-partners"].value == "3 / 4"
    assert result["breadth-partners"].sentence.endswith("sans aucune participation : Département D.")
    assert "Membre silencieux" in result["breadth-members"].sentence


def test_thresholds_set_by_the_cooperation_change_what_is_flagged(world):
    HealthThresholds.objects.create(
        cooperation=world["cooperation"],
        agenda_on_time_min=70,
        absences_max=4,
        attendance_min=20,
        followups_late_max=50,
    )
    result = figures(report(world))
    assert not result["agendas"].alert
    assert not result[f"attendance-{world['c'].pk}"].alert
    assert not result["followups-late"].alert


def test_another_year_holds_none_of_2026(world):
    result = figures(report(world, "2025"))
    assert result[f"meetings-{world['monitoring'].pk}"].value == "1 réunion tenue"
    assert result["agendas"].value == "100 %"
    assert "followups-oldest" not in result


def test_the_number_of_queries_does_not_grow_with_the_records(world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            report(world, "")
        return len(queries)

    before = count()
    more = meeting(world["codiri"], datetime.date(2026, 10, 1))
    for partner in (world["a"], world["b"]):
        Attendance.objects.create(
            meeting=more, seat=BodyMemberFactory(body=world["codiri"], partner=partner), status="present"
        )
    extra = DecisionFactory(item__meeting=more, decided_on=datetime.date(2026, 10, 1))
    FollowUpFactory(decision=extra, owner_partner=world["a"], due_on=datetime.date(2026, 10, 20))
    PartnershipFactory(cooperation=world["cooperation"])
    other = BodyFactory(cooperation=world["cooperation"], name="Atelier", periodicity="trimestrielle")
    meeting(other, datetime.date(2026, 6, 1))
    assert count() == before


def test_a_conference_is_said_in_the_feminine(world):
    world["monitoring"].name = "Conférence de l'entente"
    world["monitoring"].save()
    missed = figures(report(world))[f"meetings-{world['monitoring'].pk}-202601"]
    assert missed.sentence == (
        "La conférence de l'entente ne s'est pas réunie en 2026 alors qu'elle doit se réunir chaque année."
    )


def test_without_attendance_sheets_breadth_does_not_accuse_partners(world):
    Attendance.objects.all().delete()
    breadth = figures(report(world))["breadth-partners"]
    assert breadth.sentence.startswith("Aucune feuille de présence n'est saisie en 2026")
    assert not breadth.alert


def test_a_name_with_inner_capitals_keeps_them_in_a_sentence(world):
    world["monitoring"].name = "CoDir de territoire"
    world["monitoring"].save()
    missed = figures(report(world))[f"meetings-{world['monitoring'].pk}-202601"]
    assert missed.sentence.startswith("Le CoDir de territoire ne s'est pas réuni en 2026")
