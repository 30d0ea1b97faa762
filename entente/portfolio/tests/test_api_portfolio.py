"""The portfolio API: paginated lists, French errors, nothing saved on bad input."""

import json
from decimal import Decimal

import pytest

from entente.portfolio.factories import ActionFactory, WorkstreamFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.models import Action, FinancingPlan
from entente.portfolio.tracking_services import add_indicator, add_milestone

pytestmark = pytest.mark.django_db


def post(client, url, data, method="post"):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_actions_are_listed_with_their_lead_and_remainder(client, world):
    action = ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])
    save_financing(
        action, data=FinancingData(total=Decimal("1000"), key="parts_egales", fundings=[("etat", "", Decimal("400"))])
    )
    client.force_login(world.users["observateur"])
    body = client.get(f"/api/v1/cooperations/{world.own.slug}/actions").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["lead"]["partner_id"] == world.partners[world.own.pk][0].pk
    assert Decimal(item["remainder"]) == Decimal("600")


def test_creating_an_action_with_a_lead_outside_the_participants_is_refused_in_french(client, world):
    partners = world.partners[world.own.pk]
    workstream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    response = post(
        client,
        f"/api/v1/cooperations/{world.own.slug}/actions",
        {
            "title": "Action",
            "workstream_id": workstream.pk,
            "participant_ids": [partners[1].pk],
            "lead_partner_id": partners[0].pk,
        },
    )
    assert response.status_code == 400
    assert "doit faire partie des partenaires participants" in response.json()["detail"]
    assert not Action.objects.exists()


def test_an_end_before_the_start_is_refused_by_the_api(client, world):
    workstream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    response = post(
        client,
        f"/api/v1/cooperations/{world.own.slug}/actions",
        {"title": "Action", "workstream_id": workstream.pk, "start_on": "2026-05-02", "end_on": "2026-05-01"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "La date de fin ne peut pas précéder la date de début."


def test_progress_over_one_hundred_is_refused_by_the_api(client, world):
    action = ActionFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    response = post(
        client, f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}", {"progress": 140}, method="patch"
    )
    assert response.status_code == 422
    assert "progress : la valeur ne peut pas dépasser 100" in response.json()["detail"]


def test_a_financing_plan_is_computed_and_returned_with_explanations(client, world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    client.force_login(world.users["coordinateur"])
    response = post(
        client,
        f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}/financing",
        {
            "total": "100.00",
            "key": "nombre",
            "counts": {str(partners[0].pk): 2, str(partners[1].pk): 1},
            "count_label": "déchèteries",
        },
        method="put",
    )
    assert response.status_code == 200, response.json()
    shares = {s["partner_id"]: s for s in response.json()["shares"]}
    assert Decimal(shares[partners[0].pk]["amount"]) == Decimal("66.67")
    assert Decimal(shares[partners[1].pk]["amount"]) == Decimal("33.33")
    assert shares[partners[1].pk]["explanation"].startswith("1 déchèterie / 3 déchèteries")


def test_a_fixed_share_over_the_amount_is_refused_by_the_api(client, world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    client.force_login(world.users["coordinateur"])
    response = post(
        client,
        f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}/financing",
        {
            "total": "100.00",
            "key": "part_fixe",
            "fixed_partner_id": partners[0].pk,
            "fixed_mode": "montant",
            "fixed_value": "150.00",
            "rest_key": "parts_egales",
        },
        method="put",
    )
    assert response.status_code == 400
    assert "dépasse le montant à répartir" in response.json()["detail"]
    assert not FinancingPlan.objects.exists()


def test_a_negative_total_is_refused_by_the_api(client, world):
    action = ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])
    client.force_login(world.users["coordinateur"])
    response = post(
        client, f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}/financing", {"total": "-1"}, method="put"
    )
    assert response.status_code == 422
    assert "total : la valeur doit être au moins 0" in response.json()["detail"]


def test_an_anonymous_caller_cannot_read_a_private_portfolio(client, world):
    assert client.get(f"/api/v1/cooperations/{world.own.slug}/axes").status_code == 404


def test_an_action_carries_its_milestones_indicators_links_and_outside_partners(client, world):
    import datetime

    from entente.portfolio.models import ActionLink
    from entente.territories.factories import OrganizationFactory

    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    other = ActionFactory(cooperation=world.own, partners=partners)
    action.external_partners.add(OrganizationFactory(name="Département de l'Ardèche"))
    add_milestone(action, title="Comité de pilotage", due_on=datetime.date(2020, 3, 1))
    add_indicator(action, label="Agents formés", target=Decimal("40"), current=Decimal("10"))
    ActionLink.objects.create(source=action, target=other, kind="depend_de")
    client.force_login(world.users["observateur"])
    item = client.get(f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}").json()
    assert item["external_partners"] == ["Département de l'Ardèche"]
    assert item["milestones"][0]["title"] == "Comité de pilotage" and item["milestones"][0]["late"] is True
    assert item["indicators"][0]["percent"] == 25
    assert item["links"] == [
        {
            "id": ActionLink.objects.get().pk,
            "kind": "depend_de",
            "kind_label": "dépend de",
            "target_id": other.pk,
            "note": "",
        }
    ]


def test_a_chantier_moves_to_another_axis_and_gets_a_lead_through_the_api(client, world):
    from entente.portfolio.factories import AxisFactory

    stream = WorkstreamFactory(cooperation=world.own)
    axis = AxisFactory(cooperation=world.own, title="Fiers de nos produits")
    partner = world.partners[world.own.pk][1]
    client.force_login(world.users["coordinateur"])
    response = post(
        client,
        f"/api/v1/cooperations/{world.own.slug}/workstreams/{stream.pk}",
        {"axis_id": axis.pk, "lead_partner_id": partner.pk},
        method="patch",
    )
    assert response.status_code == 200
    assert (response.json()["axis_id"], response.json()["lead_partner_id"]) == (axis.pk, partner.pk)
    stream.refresh_from_db()
    assert stream.title.startswith("Chantier") and stream.axis == axis


def test_an_axis_with_chantiers_is_not_deleted_by_the_api(client, world):
    stream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["coordinateur"])
    response = client.delete(f"/api/v1/cooperations/{world.own.slug}/axes/{stream.axis_id}")
    assert response.status_code == 400
    assert "contient encore des chantiers" in response.json()["detail"]
    assert type(stream.axis).objects.filter(pk=stream.axis_id).exists()


def test_renaming_an_axis_to_an_existing_title_is_refused_in_french(client, world):
    from entente.portfolio.factories import AxisFactory

    AxisFactory(cooperation=world.own, title="Liés")
    axis = AxisFactory(cooperation=world.own, title="Fiers")
    client.force_login(world.users["coordinateur"])
    response = post(client, f"/api/v1/cooperations/{world.own.slug}/axes/{axis.pk}", {"title": "liés"}, method="patch")
    assert response.status_code == 400
    assert "existe déjà" in response.json()["detail"]


def test_an_action_opens_to_another_departement_through_the_api(client, world):
    from entente.territories.factories import TerritoryFactory

    TerritoryFactory(kind="departement", code="07", name="Ardèche", population=328278)
    partners = world.partners[world.own.pk]
    client.force_login(world.users["membre"])
    url = f"/api/v1/cooperations/{world.own.slug}/actions"
    payload = {
        "title": "Faire du fleuve Loire un axe fort",
        "participant_ids": [p.pk for p in partners],
        "workstream_id": WorkstreamFactory(cooperation=world.own).pk,
        "lead_partner_id": partners[0].pk,
    }
    response = post(client, url, {**payload, "external_territory_codes": ["99"]})
    assert response.status_code == 400 and "Département ou région inconnu : « 99 »" in response.json()["detail"]
    response = post(client, url, {**payload, "external_territory_codes": ["07"]})
    assert response.status_code == 201
    assert response.json()["external_partners"] == ["Ardèche"]


def test_a_code_shared_by_a_departement_and_a_region_is_read_as_the_departement_unless_qualified(client, world):
    """« 11 » is both Aude and Île-de-France: a bare code is the département, « region:11 » the région."""
    from entente.territories.factories import TerritoryFactory

    TerritoryFactory(kind="departement", code="11", name="Aude")
    TerritoryFactory(kind="region", code="11", name="Île-de-France")
    partners = world.partners[world.own.pk]
    client.force_login(world.users["membre"])
    url = f"/api/v1/cooperations/{world.own.slug}/actions"
    payload = {
        "title": "Faire du fleuve Loire un axe fort",
        "participant_ids": [p.pk for p in partners],
        "workstream_id": WorkstreamFactory(cooperation=world.own).pk,
        "lead_partner_id": partners[0].pk,
    }
    response = post(client, url, {**payload, "external_territory_codes": ["11"]})
    assert response.status_code == 201, response.content
    assert response.json()["external_partners"] == ["Aude"]
    response = post(client, url, {**payload, "external_territory_codes": ["region:11", "departement:11"]})
    assert response.status_code == 201, response.content
    assert sorted(response.json()["external_partners"]) == ["Aude", "Île-de-France"]
    response = post(client, url, {**payload, "external_territory_codes": ["commune:11"]})
    assert response.status_code == 400 and "seuls « departement: » et « region: »" in response.json()["detail"]


def test_patching_an_action_with_null_lists_leaves_them_unchanged(client, world):
    action = ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])
    client.force_login(world.users["coordinateur"])
    response = client.patch(
        f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}",
        {"title": "Navette", "referent_ids": None, "participant_ids": None, "status": None},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Navette"
    assert len(response.json()["participants"]) == 2


def test_patching_an_action_names_a_new_external_partner_without_its_kind(client, world):
    action = ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])
    client.force_login(world.users["coordinateur"])
    response = client.patch(
        f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}",
        {"new_external_organizations": [{"name": "Agence de l'eau"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert "Agence de l'eau" in response.json()["external_partners"]
