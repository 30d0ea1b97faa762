""" "Vis ma vie" exchanges: two members, sensible dates, counted for the health figures."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.reflexivity.exchange_selectors import exchange_figures
from entente.reflexivity.exchange_services import record_exchange, update_exchange

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 12)


@pytest.fixture
def world():
    cooperation = CooperationFactory()
    commune, interco = PartnershipFactory(cooperation=cooperation), PartnershipFactory(cooperation=cooperation)
    dgs, secretary = UserFactory(), UserFactory()
    MembershipFactory(cooperation=cooperation, user=dgs, partner=interco)
    MembershipFactory(cooperation=cooperation, user=secretary, partner=commune)
    return cooperation, dgs, secretary, interco, commune


def record(cooperation, host, visitor, **changes):
    data = {"starts_on": DAY, "ends_on": DAY, "topic": "Une journée au siège de l'interco", **changes}
    return record_exchange(cooperation=cooperation, user=host, host=host, visitor=visitor, **data)


def test_each_person_comes_from_the_partner_they_represent(world):
    cooperation, dgs, secretary, interco, commune = world
    exchange = record(cooperation, dgs, secretary)
    assert (exchange.host_partner, exchange.visitor_partner) == (interco, commune)


def test_an_exchange_needs_two_different_people(world):
    cooperation, dgs, _, _, _ = world
    with pytest.raises(ValidationError, match="deux personnes différentes"):
        record(cooperation, dgs, dgs)


def test_someone_outside_the_cooperation_cannot_take_part(world):
    cooperation, dgs, _, _, _ = world
    with pytest.raises(ValidationError, match="n'est pas membre"):
        record(cooperation, dgs, UserFactory())


def test_an_exchange_cannot_end_before_it_starts(world):
    cooperation, dgs, secretary, _, _ = world
    with pytest.raises(ValidationError, match="avant d'avoir commencé"):
        record(cooperation, dgs, secretary, ends_on=DAY - datetime.timedelta(days=1))


def test_an_exchange_is_corrected_with_what_was_learned(world):
    cooperation, dgs, secretary, _, _ = world
    exchange = record(cooperation, dgs, secretary)
    update_exchange(
        exchange,
        host=secretary,
        visitor=dgs,
        starts_on=DAY,
        ends_on=DAY,
        topic="L'état civil",
        learned="L'usager ne distingue pas les compétences.",
    )
    exchange.refresh_from_db()
    assert (exchange.host, exchange.topic, exchange.learned) == (
        secretary,
        "L'état civil",
        "L'usager ne distingue pas les compétences.",
    )
    assert exchange.history.count() == 2


def test_figures_count_exchanges_people_and_partners_of_a_period(world, django_assert_num_queries):
    cooperation, dgs, secretary, _, _ = world
    record(cooperation, dgs, secretary)
    record(cooperation, secretary, dgs, starts_on=DAY.replace(year=2025), ends_on=DAY.replace(year=2025))
    with django_assert_num_queries(1):
        figures = exchange_figures(cooperation, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    assert figures == {"exchanges": 1, "people": 2, "partners": 2}
    assert exchange_figures(cooperation)["exchanges"] == 2
