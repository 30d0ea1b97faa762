""" "Vis ma vie" exchanges on the health page (issue 13, item 5): their figure for the period, the
partners and people who took part counted in breadth, in the page, the API and the exports, for one
query more and no more whatever the number of exchanges."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import MembershipFactory
from entente.insights import health_exports
from entente.insights.tests.test_health import figures, report, world  # noqa: F401  (world is a fixture)
from entente.reflexivity.exchange_services import record_exchange

pytestmark = pytest.mark.django_db


def exchange(records, host, visitor, day):
    return record_exchange(
        cooperation=records["cooperation"],
        user=host,
        host=host,
        visitor=visitor,
        starts_on=day,
        ends_on=day,
        topic="Une journée en mairie",
    )


@pytest.fixture
def exchanges(world):  # noqa: F811
    """Département D's DGS, who took part in nothing else, hosts C's secretary in 2026; in 2025 the silent
    member (no partner) visited D."""
    cooperation = world["cooperation"]
    dgs_d, secretary_c = UserFactory(display_name="DGS de D"), UserFactory(display_name="Secrétaire de C")
    MembershipFactory(cooperation=cooperation, user=dgs_d, partner=world["d"], role="membre")
    MembershipFactory(cooperation=cooperation, user=secretary_c, partner=world["c"], role="membre")
    silent = cooperation.memberships.get(user__display_name="Membre silencieux").user
    exchange(world, dgs_d, secretary_c, datetime.date(2026, 3, 12))
    exchange(world, dgs_d, silent, datetime.date(2025, 11, 4))
    return world


def test_the_exchanges_of_the_period_are_a_health_figure(exchanges):
    figure = figures(report(exchanges))["exchanges"]
    assert (figure.title, figure.value, figure.alert) == ("Échanges « Vis ma vie »", "1", False)
    assert figure.sentence == "1 échange « Vis ma vie » en 2026, entre 2 partenaires (2 personnes)."
    slug = exchanges["cooperation"].slug
    assert [(link.label, link.url) for link in figure.links] == [
        ("Échanges « Vis ma vie »", reverse("reflexivity:exchanges", args=[slug]))
    ]
    in_2025 = figures(report(exchanges, "2025"))["exchanges"]
    assert in_2025.sentence == "1 échange « Vis ma vie » en 2025, entre 2 personnes (1 partenaire)."
    assert figures(report(exchanges, "2024"))["exchanges"].sentence == "Aucun échange « Vis ma vie » en 2024."
    assert figures(report(exchanges, ""))["exchanges"].value == "2"


def test_a_partner_and_members_seen_only_in_an_exchange_took_part(exchanges):
    # Without its exchange, Département D took no part in 2026 (test_health's world says so).
    result = report(exchanges)
    breadth = figures(result)["breadth-partners"]
    assert breadth.value == "4 / 4" and not breadth.alert
    assert "pris part à un atelier, une action, une réunion ou un échange « Vis ma vie » en 2026." in breadth.sentence
    members = figures(result)["breadth-members"]
    # The silent member's only part is the 2025 visit: members are counted over the whole life.
    assert members.value == "0"
    table = next(section for section in result.sections if section.key == "ampleur").table
    assert table["headers"][-1] == "Échanges"
    assert ["Département D", "non", "non", "non", "oui"] in table["rows"]


def test_the_figure_is_in_the_api_and_the_exports(client, exchanges):
    result = report(exchanges)
    content, _type, _name = health_exports.export(result, exchanges["cooperation"], "chiffres", "csv")
    assert "1 échange « Vis ma vie » en 2026, entre 2 partenaires (2 personnes)." in content.decode("utf-8-sig")
    content, _type, _name = health_exports.export(result, exchanges["cooperation"], "ampleur", "csv")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Partenaire;Ateliers;Actions;Instances;Échanges" and "Département D;non;non;non;oui" in lines
    coordinator = UserFactory()
    MembershipFactory(cooperation=exchanges["cooperation"], user=coordinator, role="coordinateur")
    client.force_login(coordinator)
    body = client.get(f"/api/v1/cooperations/{exchanges['cooperation'].slug}/health?period=2026").json()
    breadth = next(section for section in body["sections"] if section["key"] == "ampleur")
    figure = next(figure for figure in breadth["figures"] if figure["key"] == "exchanges")
    assert figure["value"] == "1" and figure["links"][0]["label"] == "Échanges « Vis ma vie »"
    page = client.get(reverse("insights:health", args=[exchanges["cooperation"].slug]) + "?periode=2026")
    assert "1 échange « Vis ma vie » en 2026" in page.content.decode()


def test_a_figure_without_threshold_is_not_said_within_one(client, exchanges):
    coordinator = UserFactory()
    MembershipFactory(cooperation=exchanges["cooperation"], user=coordinator, role="coordinateur")
    client.force_login(coordinator)
    page = client.get(reverse("insights:health", args=[exchanges["cooperation"].slug]) + "?periode=2026")
    html = page.content.decode()
    figure = html[html.index('data-figure="exchanges"') :]
    figure = figure[: figure.index("</article>")]
    assert "1 échange" in figure and "dans le seuil" not in figure


def test_exchanges_cost_one_query_whatever_their_number(monkeypatch, exchanges):
    def count():
        with CaptureQueriesContext(connection) as queries:
            report(exchanges, "")
        return len(queries)

    with_exchanges = count()
    dgs_d = exchanges["cooperation"].memberships.get(user__display_name="DGS de D").user
    secretary_c = exchanges["cooperation"].memberships.get(user__display_name="Secrétaire de C").user
    for month in (4, 5, 6):
        exchange(exchanges, secretary_c, dgs_d, datetime.date(2026, month, 2))
    assert count() == with_exchanges
    monkeypatch.setattr("entente.insights.health.health_contributions", list)
    monkeypatch.setattr("entente.insights.health_records.health_contributions", list)
    assert count() == with_exchanges - 1
