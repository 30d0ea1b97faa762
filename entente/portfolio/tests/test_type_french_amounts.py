"""French amounts in the financing page and API: what is typed is what is stored, what could mean two
numbers is refused before anything is written, and nothing stored can break a page."""

import json
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction

from entente.portfolio import financing_api
from entente.portfolio.factories import ActionFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.models import ExternalFunding, FinancingPlan, FinancingShare, ResultIndicator
from entente.portfolio.tracking_services import add_indicator

pytestmark = pytest.mark.django_db

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def action(world):
    return ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])


def financing_url(action):
    return f"{action.get_absolute_url()}financement/"


def api_url(world, action):
    return f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}/financing"


def put(client, url, data):
    return client.put(url, data=json.dumps(data), content_type="application/json")


def pages_of(world, action):
    slug = world.own.slug
    base = f"/cooperations/{slug}/portefeuille/"
    return [
        action.get_absolute_url(),
        financing_url(action),
        f"{base}export.csv",
        f"{base}export.xlsx",
        f"{base}rendre-compte/",
        f"{base}",
        f"/api/v1/cooperations/{slug}/actions",
        f"/api/v1/cooperations/{slug}/actions/{action.pk}",
    ]


@pytest.mark.parametrize("typed", ["10 000,01", f"10{NBSP}000,01", f"10{NNBSP}000,01", "10000.01", "10 000,01 €"])
def test_a_total_typed_the_french_way_is_stored_as_meant(client, world, action, typed):
    client.force_login(world.users["coordinateur"])
    response = client.post(financing_url(action), {"total": typed, "key": "parts_egales"})
    assert response.status_code == 302
    assert FinancingPlan.objects.get(action=action).total == Decimal("10000.01")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.000,5", "ambigu"),
        ("1,000.5", "ambigu"),
        ("10 00", "groupes de trois"),
        ("1,2,3", "ambigu"),
        ("1.000", "ambigu"),
    ],
)
def test_an_ambiguous_total_is_refused_in_french_and_nothing_is_saved(client, world, action, typed, message):
    client.force_login(world.users["coordinateur"])
    response = client.post(financing_url(action), {"total": typed, "key": "parts_egales"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FinancingPlan.objects.exists()


def test_the_financing_page_uses_text_boxes_and_shows_the_stored_amount_the_french_way(client, world, action):
    save_financing(
        action,
        data=FinancingData(
            total=Decimal("10000.01"),
            key="nombre",
            counts={world.partners[world.own.pk][0].pk: 1200, world.partners[world.own.pk][1].pk: 1},
        ),
    )
    client.force_login(world.users["coordinateur"])
    html = client.get(financing_url(action)).content.decode()
    assert 'type="number"' not in html
    assert f'value="10{NBSP}000,01"' in html and 'inputmode="decimal"' in html
    assert f'value="1{NBSP}200"' in html and 'inputmode="numeric"' in html


def test_counts_and_weights_typed_with_spaces_are_read_as_meant(client, world, action):
    first, second = world.partners[world.own.pk]
    client.force_login(world.users["coordinateur"])
    response = client.post(
        financing_url(action),
        {
            "total": "1 000",
            "key": "poids",
            f"weight_{first.pk}": "1 500,5",
            f"weight_{second.pk}": "499,5",
            f"count_{first.pk}": "2 000",
        },
    )
    assert response.status_code == 302
    shares = {s.partnership_id: s for s in FinancingShare.objects.all()}
    assert shares[first.pk].weight == Decimal("1500.5") and shares[first.pk].count == 2000
    assert shares[first.pk].amount == Decimal("750.25")


@pytest.mark.parametrize(
    "payload",
    [
        {"total": "1000", "key": "poids", "weights": {"FIRST": "12345678901234", "SECOND": "1"}},
        {"total": "1000", "key": "poids", "weights": {"FIRST": 12345678901234, "SECOND": 1}},
        {"total": "1000", "key": "poids", "weights": {"FIRST": 1e30, "SECOND": 1}},
        {"total": "1000", "key": "nombre", "counts": {"FIRST": 10**30, "SECOND": 1}},
        {"total": "1000", "key": "nombre", "counts": {"FIRST": 2**63, "SECOND": 1}},
        {"total": 10**15, "key": "parts_egales"},
        {"total": "1.000,5", "key": "parts_egales"},
        {"total": "1000", "key": "parts_egales", "fundings": [{"source": "etat", "amount": 1e20}]},
    ],
)
def test_the_api_refuses_out_of_bound_numbers_with_a_french_422_and_writes_nothing(client, world, action, payload):
    first, second = world.partners[world.own.pk]
    text = json.dumps(payload).replace("FIRST", str(first.pk)).replace("SECOND", str(second.pk))
    client.force_login(world.users["coordinateur"])
    response = put(client, api_url(world, action), json.loads(text))
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith("Données invalides")
    assert not FinancingPlan.objects.exists() and not FinancingShare.objects.exists()
    for page in pages_of(world, action):
        assert client.get(page).status_code == 200, page


def test_the_api_takes_french_strings_and_json_numbers_alike(client, world, action):
    first, second = world.partners[world.own.pk]
    client.force_login(world.users["coordinateur"])
    response = put(
        client,
        api_url(world, action),
        {
            "total": "10 000,01",
            "key": "poids",
            "weights": {str(first.pk): "1,5", str(second.pk): 0.5},
            "fundings": [{"source": "etat", "amount": f"1{NNBSP}000"}],
        },
    )
    assert response.status_code == 200, response.content
    plan = FinancingPlan.objects.get(action=action)
    assert plan.total == Decimal("10000.01") and plan.remainder == Decimal("9000.01")
    assert FinancingShare.objects.get(partnership=first).weight == Decimal("1.5")


def test_a_failure_while_building_the_answer_keeps_nothing_of_the_plan(client, world, action, monkeypatch):
    def broken(plan):
        raise RuntimeError("answer could not be built")

    monkeypatch.setattr(financing_api, "financing_out", broken)
    client.force_login(world.users["coordinateur"])
    client.raise_request_exception = False
    response = put(client, api_url(world, action), {"total": "1000", "key": "parts_egales"})
    assert response.status_code == 500
    assert not FinancingPlan.objects.exists()


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (FinancingShare, "weight", Decimal("100000000")),
        (FinancingShare, "count", 1_000_000_001),
        (FinancingPlan, "total", Decimal("1000000000000")),
        (ExternalFunding, "amount", Decimal("1000000000000")),
        (ResultIndicator, "current", Decimal("1000000000000")),
    ],
)
def test_the_database_refuses_what_no_page_could_show(world, action, model, field, value):
    save_financing(
        action,
        data=FinancingData(total=Decimal("10"), key="parts_egales", fundings=[("etat", "", Decimal("1"))]),
    )
    add_indicator(action, label="Bornes", target=Decimal("10"))
    row = model.objects.first()
    # PostgreSQL's numeric columns refuse an overflow themselves (DataError); SQLite needs the constraint.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: value})
