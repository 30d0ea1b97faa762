"""The portfolio list: filters, and a query count that does not grow with the number of actions."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entente.cooperations.models import Purpose
from entente.portfolio.factories import ActionFactory, WorkstreamFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.models import ActionLink, LinkKind
from entente.portfolio.tracking_services import add_indicator, add_milestone, toggle_milestone

pytestmark = pytest.mark.django_db


def fill(world, count):
    partners = world.partners[world.own.pk]
    workstreams = [WorkstreamFactory(cooperation=world.own) for _ in range(3)]
    purpose = Purpose.objects.create(label="Masse critique")
    previous = None
    for index in range(count):
        action = ActionFactory(cooperation=world.own, workstream=workstreams[index % 3], partners=partners)
        action.purposes.add(purpose)
        save_financing(action, data=FinancingData(
            total=Decimal("1000"), key="parts_egales", fundings=[("etat", "", Decimal("100"))]))
        if previous:
            ActionLink.objects.create(source=action, target=previous, kind=LinkKind.FEEDS)
        add_milestone(action, title="Comité de pilotage", due_on=datetime.date(2027, 1, 15))
        add_indicator(action, label="Agents formés", target=Decimal("40"))
        previous = action


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["", "tableau/", "rendre-compte/", "liens/", "export.csv", "export.xlsx",
                                  "chefs-de-file/", "structure/", "API", "PARTENAIRE"])
def test_the_query_count_does_not_grow_with_the_number_of_actions(client, world, page):
    client.force_login(world.users["membre"])
    url = f"/cooperations/{world.own.slug}/portefeuille/{page}"
    if page == "API":
        url = f"/api/v1/cooperations/{world.own.slug}/actions?limit=100"
    if page == "PARTENAIRE":
        url = f"/organisations/{world.partners[world.own.pk][0].organization_id}/actions/"
    fill(world, 3)
    few = queries_for(client, url)
    fill(world, 12)
    assert queries_for(client, url) == few


def test_the_list_filters_by_status_and_lead(client, world):
    partners = world.partners[world.own.pk]
    ActionFactory(cooperation=world.own, title="Séminaire des cadres", status="realisee", partners=partners)
    ActionFactory(cooperation=world.own, title="Observatoire commun", status="engagee", partners=partners[::-1])
    client.force_login(world.users["observateur"])
    url = f"/cooperations/{world.own.slug}/portefeuille/"
    page = client.get(url, {"status": "realisee"}).content.decode()
    assert "Séminaire des cadres" in page and "Observatoire commun" not in page
    page = client.get(url, {"lead": partners[1].pk}).content.decode()
    assert "Observatoire commun" in page and "Séminaire des cadres" not in page


def test_anonymous_visitors_read_the_portfolio_of_a_public_cooperation_only(client, world):
    ActionFactory(cooperation=world.own, title="Action privée")
    assert client.get(f"/cooperations/{world.own.slug}/portefeuille/").status_code == 404
    world.own.visibility = "public"
    world.own.save()
    assert "Action privée" in client.get(f"/cooperations/{world.own.slug}/portefeuille/").content.decode()


def test_an_outsider_cannot_see_an_action_of_a_private_cooperation(client, world):
    action = ActionFactory(cooperation=world.own)
    client.force_login(world.users["outsider"])
    assert client.get(f"/cooperations/{world.own.slug}/portefeuille/actions/{action.pk}/").status_code == 404


def test_an_action_is_not_reachable_through_another_cooperation(client, world):
    action = ActionFactory(cooperation=world.other)
    client.force_login(world.users["coordinateur"])
    assert client.get(f"/cooperations/{world.own.slug}/portefeuille/actions/{action.pk}/").status_code == 404


def test_the_list_names_outside_partners_of_an_action(client, world):
    from entente.territories.factories import OrganizationFactory

    action = ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])
    action.external_partners.add(OrganizationFactory(name="Région Centre-Val de Loire"))
    client.force_login(world.users["observateur"])
    page = client.get(f"/cooperations/{world.own.slug}/portefeuille/").content.decode()
    assert "avec Région Centre-Val de Loire (hors coopération)" in page


def test_the_list_searches_titles_and_descriptions(client, world):
    ActionFactory(cooperation=world.own, title="Camions-bennes à hydrogène")
    ActionFactory(cooperation=world.own, title="Enquête ménages", description="Déplacements domicile-travail")
    ActionFactory(cooperation=world.own, title="Offre foncière commune")
    client.force_login(world.users["observateur"])
    url = f"/cooperations/{world.own.slug}/portefeuille/"
    page = client.get(url, {"q": "hydrogène"}).content.decode()
    assert "Camions-bennes" in page and "Offre foncière" not in page
    page = client.get(url, {"q": "domicile travail"}).content.decode()
    assert "Enquête ménages" in page and "Camions-bennes" not in page


def test_late_milestones_are_flagged_in_the_list_and_the_board(client, world):
    action = ActionFactory(cooperation=world.own, title="Observatoire partagé")
    add_milestone(action, title="Convention d'adhésion", due_on=datetime.date(2020, 1, 31))
    add_milestone(action, title="Premier rapport", due_on=datetime.date(2020, 6, 30))
    reached = add_milestone(action, title="Lancement", due_on=datetime.date(2019, 6, 30))
    toggle_milestone(reached, user=None)
    client.force_login(world.users["observateur"])
    for page in ("", "tableau/"):
        content = client.get(f"/cooperations/{world.own.slug}/portefeuille/{page}").content.decode()
        assert "2 jalons en retard" in content
