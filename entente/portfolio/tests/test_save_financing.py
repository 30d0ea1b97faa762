"""Financing plans: external funding, the remainder split by a key, and every bad input refused
in French with nothing saved. The Touraine cases use the registry's real populations (Etalab
découpage administratif 6.0.0, population municipale)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from entente.cooperations.factories import CooperationFactory, PartnershipFactory
from entente.portfolio.factories import ActionFactory
from entente.portfolio.financing_forms import FinancingForm
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.models import FinancingPlan, FinancingShare
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

METROPOLE = ("243700754", "Tours Métropole Val de Loire", 299019, 304421)
TOURAINE_CC = [
    ("200043065", "CC du Val d'Amboise", 28569, 29286),
    ("200043081", "CC Chinon, Vienne et Loire", 23735, 24365),
    ("200071587", "CC Loches Sud Touraine", 50822, 52206),
    ("200072650", "CC Touraine Vallée de l'Indre", 54651, 55689),
    ("200072668", "CC Touraine Val de Vienne", 24681, 25105),
    ("200072981", "CC Touraine Ouest Val de Loire", 33284, 33827),
    ("200073161", "CC Touraine-Est Vallées", 41162, 41868),
    ("200073237", "CC de Gâtine-Racan", 22444, 22898),
    ("243700499", "CC du Castelrenaudais", 16011, 16340),
    ("243700820", "CC Autour de Chenonceaux Bléré-Val de Cher", 21948, 22353),
]
CC_POPULATION = sum(row[2] for row in TOURAINE_CC)  # 317 307 inhabitants


def epci_partner(cooperation, code, name, population, population_total):
    territory = TerritoryFactory(kind="epci", code=code, name=name, population=population,
                                 population_total=population_total, epci_kind="CC",
                                 population_year=2023, population_total_year=2022)
    organization = OrganizationFactory(local_authority=True, territory=territory)
    return PartnershipFactory(cooperation=cooperation, organization=organization)


@pytest.fixture
def touraine():
    cooperation = CooperationFactory(name="Touraine — contrats de réciprocité")
    metropole = epci_partner(cooperation, *METROPOLE)
    cc = [epci_partner(cooperation, *row) for row in TOURAINE_CC]
    return cooperation, metropole, cc


def shares_by_name(action):
    return {s.partnership.organization.name: s for s in
            FinancingShare.objects.filter(plan__action=action).select_related("partnership__organization")}


def test_attractiveness_budget_metropole_fixed_share_rest_by_inhabitants(touraine):
    cooperation, metropole, cc = touraine
    action = ActionFactory(cooperation=cooperation, partners=[metropole, *cc])
    save_financing(action, data=FinancingData(
        total=Decimal("150000.00"), fundings=[("region", "", Decimal("30000.00"))], key="part_fixe",
        fixed_partner=metropole, fixed_mode="pourcentage", fixed_value=Decimal("60"), rest_key="population",
    ))
    shares = shares_by_name(action)
    assert shares["Tours Métropole Val de Loire"].amount == Decimal("72000.00")
    assert sum(s.amount for s in shares.values()) == Decimal("120000.00")
    # 54 651 / 317 307 × 48 000,00 € = 8 267,2238… €
    indre = shares["CC Touraine Vallée de l'Indre"]
    assert indre.amount == Decimal("8267.23")  # exact 8 267,2238… €: gets one of the leftover cents
    # A split by inhabitants names the legal populations it counts.
    assert indre.explanation.startswith(
        "reste après part fixe (48\u00a0000,00\u00a0€) : 54\u00a0651 hab. / 317\u00a0307 hab. "
        "(population municipale, populations légales 2023) × 48\u00a0000,00\u00a0€")
    for _code, name, population, _total in TOURAINE_CC:
        exact = Decimal(48000) * population / CC_POPULATION
        assert abs(shares[name].amount - exact) < Decimal("0.01")


def test_total_population_is_an_option(touraine):
    cooperation, metropole, cc = touraine
    action = ActionFactory(cooperation=cooperation, partners=cc[:2])
    save_financing(action, data=FinancingData(
        total=Decimal("10000.00"), key="population", population_basis="totale"))
    shares = shares_by_name(action)
    assert "29\u00a0286 hab. / 53\u00a0651 hab." in shares["CC du Val d'Amboise"].explanation


def test_waste_centres_contribution_by_number_of_centres(touraine):
    cooperation, metropole, cc = touraine
    partners = [metropole, *cc]
    counts = dict(zip([p.pk for p in partners], [9, 3, 3, 4, 4, 3, 3, 3, 2, 2, 2], strict=True))
    action = ActionFactory(cooperation=cooperation, partners=partners)
    save_financing(action, data=FinancingData(
        total=Decimal("100000.00"), key="nombre", counts=counts, count_label="déchèteries"))
    shares = shares_by_name(action)
    assert sum(s.amount for s in shares.values()) == Decimal("100000.00")
    assert shares["Tours Métropole Val de Loire"].amount == Decimal("23684.21")
    assert shares["Tours Métropole Val de Loire"].explanation.startswith(
        "9 déchèteries / 38 déchèteries × 100\u00a0000,00\u00a0€ = 23\u00a0684,21\u00a0€")


def test_external_funding_over_the_total_is_refused(world):
    action = ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])
    with pytest.raises(ValidationError, match="dépassent le coût total"):
        save_financing(action, data=FinancingData(
            total=Decimal("100"), fundings=[("etat", "", Decimal("80")), ("europe", "", Decimal("30"))]))
    assert not FinancingPlan.objects.exists()


def test_a_count_of_zero_for_every_partner_is_refused(world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    with pytest.raises(ValidationError, match="vaut zéro pour tous les partenaires"):
        save_financing(action, data=FinancingData(
            total=Decimal("100"), key="nombre", counts={p.pk: 0 for p in partners}))
    assert not FinancingPlan.objects.exists()


def test_a_failed_change_keeps_the_previous_plan(world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    save_financing(action, data=FinancingData(total=Decimal("100"), key="parts_egales"))
    with pytest.raises(ValidationError):
        save_financing(action, data=FinancingData(
            total=Decimal("100"), key="part_fixe", fixed_partner=partners[0], fixed_mode="montant",
            fixed_value=Decimal("150"), rest_key="parts_egales"))
    assert [s.amount for s in FinancingShare.objects.filter(plan__action=action)] == [Decimal("50.00")] * 2


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"total": "-5", "key": "parts_egales"}, "total", "Le coût total ne peut pas être négatif."),
    ({"total": "100", "key": "part_fixe", "fixed_mode": "pourcentage", "fixed_value": "120",
      "rest_key": "parts_egales", "fixed_partner": "FIRST"}, "fixed_value",
     "Un pourcentage ne peut pas dépasser 100 % (saisi : 120 %)."),
    ({"total": "100", "key": "part_fixe", "fixed_mode": "montant", "fixed_value": "150",
      "rest_key": "parts_egales", "fixed_partner": "FIRST"}, "fixed_value",
     "La part fixe (150,00\u00a0€) dépasse le montant à répartir (100,00\u00a0€)."),
    ({"total": "100", "key": "parts_egales", "funding_etat": "-1"}, "funding_etat",
     "Un montant ne peut pas être négatif."),
    ({"total": "100", "key": "nombre", "count_label": "déchèteries", "COUNTS": "0"}, "key",
     "Impossible de répartir : le nombre de déchèteries vaut zéro pour tous les partenaires."),
    ({"total": "100", "key": "part_fixe", "fixed_mode": "pourcentage", "fixed_value": "60",
      "fixed_partner": "FIRST"}, "rest_key",
     "Choisissez la clé de répartition du reste (parts égales, population, nombre ou poids)."),
])
def test_the_financing_form_explains_bad_input(world, fields, field, message):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    data = {k: (partners[0].pk if v == "FIRST" else v) for k, v in fields.items() if k != "COUNTS"}
    if "COUNTS" in fields:
        data.update({f"count_{p.pk}": fields["COUNTS"] for p in partners})
    form = FinancingForm(data, action=action)
    assert not form.is_valid()
    assert message in form.errors[field]


def test_a_partner_without_territory_pays_nothing_by_population_and_is_told_why(world):
    cooperation = world.own
    agency = PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(
        name="Agence d'urbanisme"))
    action = ActionFactory(cooperation=cooperation, partners=[*world.partners[cooperation.pk], agency])
    save_financing(action, data=FinancingData(total=Decimal("100"), key="population"))
    share = FinancingShare.objects.get(plan__action=action, partnership=agency)
    assert share.amount == 0 and "sans territoire" in share.explanation


def test_the_live_preview_explains_an_error_and_saves_nothing(client, world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    client.force_login(world.users["membre"])
    response = client.get(f"/cooperations/{world.own.slug}/portefeuille/actions/{action.pk}/financement/apercu/", {
        "total": "1000", "key": "part_fixe", "fixed_partner": partners[0].pk, "fixed_mode": "pourcentage",
        "fixed_value": "120", "rest_key": "parts_egales"})
    assert "Un pourcentage ne peut pas dépasser 100 %" in response.content.decode()
    assert not FinancingPlan.objects.exists()


def test_the_live_preview_shows_each_share_and_its_computation(client, world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    client.force_login(world.users["membre"])
    response = client.get(f"/cooperations/{world.own.slug}/portefeuille/actions/{action.pk}/financement/apercu/", {
        "total": "1000", "funding_europe": "400", "key": "parts_egales"})
    page = response.content.decode()
    assert "600,00\u00a0€ ÷ 2 partenaires = 300,00\u00a0€" in page
    assert not FinancingPlan.objects.exists()


def test_the_action_page_states_the_key_in_a_sentence_with_the_plan_comment(client, world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    save_financing(action, data=FinancingData(
        total=Decimal("1000"), key="part_fixe", fixed_partner=partners[0], fixed_mode="pourcentage",
        fixed_value=Decimal("60"), rest_key="nombre", count_label="déchèteries",
        counts={p.pk: 2 for p in partners}, note="Voté en Conférence des Présidents."))
    client.force_login(world.users["observateur"])
    page = client.get(action.get_absolute_url()).content.decode()
    assert (f"réparti avec une part fixe de 60\u00a0% pour {partners[0].organization.name}, le reste au prorata "
            "du nombre de déchèteries.") in page
    assert "Voté en Conférence des Présidents." in page


def test_withdrawing_a_plan_is_journaled_with_what_it_said(client, world):
    from entente.portfolio.models import ActionEvent

    action = ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])
    save_financing(action, data=FinancingData(
        total=Decimal("1000"), fundings=[("europe", "FEDER", Decimal("400"))]))
    client.force_login(world.users["membre"])
    response = client.post(f"{action.get_absolute_url()}financement/supprimer/")
    assert response.status_code == 302
    assert not FinancingPlan.objects.filter(action=action).exists()
    assert ActionEvent.objects.filter(action=action, text=(
        "Plan de financement retiré (il prévoyait un coût total de 1\u00a0000,00\u00a0€, "
        "reste à charge 600,00\u00a0€).")).exists()


def test_a_split_by_total_population_names_the_year_of_total_populations(touraine):
    cooperation, metropole, cc = touraine
    action = ActionFactory(cooperation=cooperation, partners=cc[:2])
    save_financing(action, data=FinancingData(
        total=Decimal("1000.00"), key="population", population_basis="totale"))
    share = FinancingShare.objects.filter(plan__action=action).first()
    assert "hab. (population totale, populations légales 2022) × 1\u00a0000,00\u00a0€" in share.explanation


def test_a_split_by_inhabitants_without_a_known_year_says_so(touraine):
    cooperation, metropole, cc = touraine
    cc[0].organization.territory.__class__.objects.filter(pk=cc[0].organization.territory_id).update(
        population_year=None)
    action = ActionFactory(cooperation=cooperation, partners=cc[:2])
    save_financing(action, data=FinancingData(total=Decimal("1000.00"), key="population"))
    share = FinancingShare.objects.filter(plan__action=action).first()
    assert "(population municipale, millésime non précisé)" in share.explanation
