"""Creating and editing actions: variable geometry, lead among participants, dates, journal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entente.cooperations.factories import PartnershipFactory
from entente.portfolio import services
from entente.portfolio.factories import WorkstreamFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.forms import ActionForm
from entente.portfolio.models import Action, ActionEvent, ActionStatus
from entente.territories.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def data(world, **overrides):
    partners = world.partners[world.own.pk]
    values = {"title": "Formation commune à la gestion de projet",
              "workstream": WorkstreamFactory(cooperation=world.own), "participants": partners, "lead": partners[0]}
    values.update(overrides)
    return services.ActionData(**values)


def test_an_action_is_created_with_its_journal(world):
    action = services.create_action(cooperation=world.own, user=world.users["membre"], data=data(world))
    assert set(action.participants.all()) == set(world.partners[world.own.pk])
    event = ActionEvent.objects.get(action=action)
    assert event.kind == "creation" and event.author == world.users["membre"]


def test_a_lead_who_is_not_a_participant_is_refused(world):
    partners = world.partners[world.own.pk]
    with pytest.raises(ValidationError) as error:
        services.create_action(cooperation=world.own, user=None,
                               data=data(world, participants=[partners[1]], lead=partners[0]))
    assert "doit faire partie des partenaires participants" in str(error.value)
    assert not Action.objects.exists()


def test_an_end_before_the_start_is_refused(world):
    with pytest.raises(ValidationError, match="La date de fin ne peut pas précéder la date de début"):
        services.create_action(cooperation=world.own, user=None, data=data(
            world, start_on=datetime.date(2026, 5, 1), end_on=datetime.date(2026, 4, 30)))
    assert not Action.objects.exists()


def test_a_partner_of_another_cooperation_cannot_take_part(world):
    foreign = world.partners[world.other.pk][0]
    with pytest.raises(ValidationError, match="partenaires de la coopération"):
        services.create_action(cooperation=world.own, user=None, data=data(world, participants=[foreign], lead=None))


def test_an_outside_partner_joins_without_being_a_partner_of_the_cooperation(world):
    outside = OrganizationFactory(local_authority=True, territory__kind="departement", territory__code="58",
                                  territory__name="Nièvre")
    action = services.create_action(cooperation=world.own, user=None, data=data(world, external_partners=[outside]))
    assert list(action.external_partners.all()) == [outside]


def test_a_partner_of_the_cooperation_is_not_an_outside_partner(world):
    inside = world.partners[world.own.pk][0].organization
    with pytest.raises(ValidationError, match="déjà partenaire de la coopération"):
        services.create_action(cooperation=world.own, user=None, data=data(world, external_partners=[inside]))


def test_progress_over_one_hundred_is_refused_by_the_form(world):
    workstream = WorkstreamFactory(cooperation=world.own)
    form = ActionForm({"title": "Action", "workstream": workstream.pk, "status": "idee", "progress": 120},
                      cooperation=world.own)
    assert not form.is_valid()
    assert form.errors["progress"] == ["L'avancement ne peut pas dépasser 100 %."]


def test_the_form_reports_the_lead_error_on_the_lead_field(world):
    partners = world.partners[world.own.pk]
    workstream = WorkstreamFactory(cooperation=world.own)
    form = ActionForm({"title": "Action", "workstream": workstream.pk, "status": "idee", "progress": 0,
                       "participants": [partners[1].pk], "lead": partners[0].pk}, cooperation=world.own)
    assert not form.is_valid()
    assert "doit faire partie des partenaires participants" in form.errors["lead"][0]


def test_a_status_change_is_dated_in_the_journal(world):
    action = services.create_action(cooperation=world.own, user=None, data=data(world))
    services.change_status(action, user=world.users["coordinateur"], status=ActionStatus.DONE,
                           comment="Séminaire des cadres tenu")
    action.refresh_from_db()
    assert action.progress == 100
    event = ActionEvent.objects.filter(action=action, kind="statut").get()
    assert (event.from_status, event.to_status, event.text) == ("idee", "realisee",
                                                                "Statut : Idée → Réalisée. Séminaire des cadres tenu")
    assert event.occurred_at is not None


def test_the_database_refuses_an_end_before_the_start(world):
    from django.db import IntegrityError, transaction

    action = services.create_action(cooperation=world.own, user=None, data=data(world))
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(start_on="2026-05-02", end_on="2026-05-01")


def test_removing_a_participant_recomputes_the_shares(world):
    from decimal import Decimal

    partners = world.partners[world.own.pk]
    third = PartnershipFactory(cooperation=world.own)
    action = services.create_action(cooperation=world.own, user=None,
                                    data=data(world, participants=[*partners, third]))
    save_financing(action, data=FinancingData(total=Decimal("90"), key="parts_egales"))
    services.update_action(action, user=None, data=data(world, workstream=action.workstream))
    amounts = sorted(s.amount for s in action.financing.shares.all())
    assert amounts == [Decimal("45.00"), Decimal("45.00")]
    texts = list(ActionEvent.objects.filter(action=action).values_list("text", flat=True))
    assert f"Participants : départ de {third.organization.name}." in texts
    assert "Répartition du reste à charge recalculée pour les nouveaux participants." in texts


def test_a_new_lead_is_journaled_and_an_unchanged_geometry_is_not(world):
    partners = world.partners[world.own.pk]
    action = services.create_action(cooperation=world.own, user=None, data=data(world))
    services.update_action(action, user=None, data=data(world, workstream=action.workstream, lead=partners[1]))
    services.update_action(action, user=None, data=data(world, workstream=action.workstream, lead=partners[1],
                                                          description="Précisions"))
    events = list(ActionEvent.objects.filter(action=action, kind="partenaires").values_list("text", flat=True))
    assert events == [f"Chef de file : {partners[0].organization.name} → {partners[1].organization.name}."]


def test_an_action_opens_to_another_departement_not_yet_known_as_an_organization(client, world):
    from entente.territories.factories import TerritoryFactory

    ardeche = TerritoryFactory(kind="departement", code="07", name="Ardèche")
    workstream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    response = client.post(f"/cooperations/{world.own.slug}/portefeuille/actions/nouvelle/", {
        "title": "Swimrun des gorges de la Loire", "workstream": workstream.pk, "status": "engagee",
        "progress": 0, "external": [f"territory:departement:{ardeche.code}"]})
    assert response.status_code == 302
    action = Action.objects.get(title="Swimrun des gorges de la Loire")
    assert [o.territory for o in action.external_partners.all()] == [ardeche]


def test_the_edit_form_keeps_the_dates_for_the_browser_date_picker(client, world):
    action = services.create_action(cooperation=world.own, user=None, data=data(
        world, start_on=datetime.date(2026, 1, 5), end_on=datetime.date(2027, 6, 30)))
    client.force_login(world.users["membre"])
    page = client.get(f"{action.get_absolute_url()}modifier/").content.decode()
    # a French "05/01/2026" would be dropped by <input type="date"> and lost on saving
    assert 'name="start_on" value="2026-01-05"' in page and 'name="end_on" value="2027-06-30"' in page


def test_the_edit_form_opens_filled_with_the_action(client, world):
    partners = world.partners[world.own.pk]
    action = services.create_action(cooperation=world.own, user=None, data=data(world, progress=40))
    client.force_login(world.users["membre"])
    form = client.get(f"{action.get_absolute_url()}modifier/").context["form"]
    assert form["title"].value() == "Formation commune à la gestion de projet"
    assert form["progress"].value() == 40 and form["lead"].value() == partners[0].pk
    assert {int(pk) if not hasattr(pk, "pk") else pk.pk for pk in form["participants"].value()} \
        == {p.pk for p in partners}


def test_a_status_decided_at_an_earlier_committee_is_dated_that_day(client, world):
    action = services.create_action(cooperation=world.own, user=None, data=data(world))
    client.force_login(world.users["membre"])
    response = client.post(f"{action.get_absolute_url()}statut/", {
        "status": "engagee", "progress": "20", "comment": "Décidé en CODIRI.", "occurred_on": "2026-03-12"})
    assert response.status_code == 302
    event = ActionEvent.objects.get(action=action, kind="statut")
    assert event.text == "Statut : Idée → Engagée. Décidé en CODIRI."
    assert timezone.localtime(event.occurred_at).date() == datetime.date(2026, 3, 12)


def test_a_status_change_dated_in_the_future_is_refused_and_nothing_changes(client, world):
    action = services.create_action(cooperation=world.own, user=None, data=data(world))
    client.force_login(world.users["membre"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(f"{action.get_absolute_url()}statut/", {
        "status": "engagee", "occurred_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "ne peut pas être dans le futur" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "idee" and not ActionEvent.objects.filter(action=action, kind="statut").exists()
