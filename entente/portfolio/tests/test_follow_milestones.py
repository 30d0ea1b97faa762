"""Milestones and result indicators of an action: added, corrected, reached, deleted — each step
dated in the journal (public on the accountability page), bad input refused in French."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entente.portfolio import services
from entente.portfolio.factories import ActionFactory
from entente.portfolio.models import ActionEvent, Milestone, ResultIndicator
from entente.portfolio.tracking_services import (
    add_indicator,
    add_milestone,
    toggle_milestone,
    update_indicator,
    update_milestone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(world):
    return ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])


def url(action, suffix=""):
    return f"/cooperations/{action.cooperation.slug}/portefeuille/actions/{action.pk}/{suffix}"


def test_adding_a_milestone_is_journaled(world, action):
    add_milestone(action, title="Comité de pilotage", due_on=datetime.date(2027, 1, 15),
                           user=world.users["membre"])
    event = ActionEvent.objects.get(action=action, kind="jalon")
    assert event.text == "Jalon « Comité de pilotage » ajouté, échéance le 15/01/2027."
    assert event.author == world.users["membre"]


def test_a_member_postpones_a_milestone_from_the_action_page(client, world, action):
    milestone = add_milestone(action, title="Comité de pilotage", due_on=datetime.date(2027, 1, 15))
    client.force_login(world.users["membre"])
    response = client.post(url(action, f"jalons/{milestone.pk}/modifier/"), {
        f"jalon-{milestone.pk}-title": "Comité de pilotage de printemps",
        f"jalon-{milestone.pk}-due_on": "2027-03-31"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("Comité de pilotage de printemps", datetime.date(2027, 3, 31))
    assert ActionEvent.objects.filter(action=action, kind="jalon",
                                      text__contains="échéance reportée du 15/01/2027 au 31/03/2027").exists()
    assert milestone.history.count() == 2


def test_a_milestone_reached_in_the_future_is_refused_and_kept(client, world, action):
    milestone = add_milestone(action, title="Séminaire", due_on=datetime.date(2026, 6, 30))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.force_login(world.users["membre"])
    response = client.post(url(action, f"jalons/{milestone.pk}/modifier/"), {
        f"jalon-{milestone.pk}-title": "Séminaire", f"jalon-{milestone.pk}-due_on": "2026-06-30",
        f"jalon-{milestone.pk}-done_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "ne peut pas être atteint à une date future" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_a_milestone_without_title_is_refused(action):
    milestone = add_milestone(action, title="Séminaire", due_on=datetime.date(2026, 6, 30))
    with pytest.raises(ValidationError, match="Donnez un intitulé au jalon"):
        update_milestone(milestone, title=" ", due_on=datetime.date(2026, 6, 30))


def test_deleting_a_milestone_leaves_a_trace_in_the_journal(client, world, action):
    milestone = add_milestone(action, title="Séminaire", due_on=datetime.date(2026, 6, 30))
    client.force_login(world.users["membre"])
    assert client.post(url(action, f"jalons/{milestone.pk}/supprimer/")).status_code == 302
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    assert ActionEvent.objects.filter(action=action, text="Jalon « Séminaire » (échéance 30/06/2026) supprimé.") \
        .exists()


def test_an_observer_cannot_delete_a_milestone(client, world, action):
    milestone = add_milestone(action, title="Séminaire", due_on=datetime.date(2026, 6, 30))
    client.force_login(world.users["observateur"])
    assert client.post(url(action, f"jalons/{milestone.pk}/supprimer/")).status_code == 403
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_of_another_action_is_not_found(client, world, action):
    other = ActionFactory(cooperation=world.own)
    milestone = add_milestone(other, title="Séminaire", due_on=datetime.date(2026, 6, 30))
    client.force_login(world.users["coordinateur"])
    assert client.post(url(action, f"jalons/{milestone.pk}/supprimer/")).status_code == 404
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_late_milestone_is_flagged_on_the_action_page(client, world, action):
    add_milestone(action, title="Rapport d'étape", due_on=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(world.users["observateur"])
    page = client.get(url(action)).content.decode()
    assert "en retard" in page
    assert "Modifier ou supprimer le jalon" not in page  # observers read, they do not edit


def test_the_edit_form_shows_dates_in_the_browser_date_format(client, world, action):
    milestone = add_milestone(action, title="Séminaire", due_on=datetime.date(2026, 6, 30))
    client.force_login(world.users["membre"])
    page = client.get(url(action)).content.decode()
    assert f'name="jalon-{milestone.pk}-due_on" value="2026-06-30"' in page


def test_an_indicator_value_change_is_journaled_with_the_previous_value(world, action):
    indicator = add_indicator(action, label="Agents formés", target=Decimal("120"), unit="agents")
    update_indicator(indicator, current=Decimal("45"), user=world.users["membre"])
    texts = list(ActionEvent.objects.filter(action=action, kind="indicateur").values_list("text", flat=True))
    assert "Indicateur « Agents formés » : 0 → 45 agents (cible 120 agents)." in texts
    assert "Indicateur « Agents formés » ajouté : cible 120 agents." in texts


def test_a_member_corrects_an_indicator_target_from_the_action_page(client, world, action):
    indicator = add_indicator(action, label="Agents formés", target=Decimal("120"), current=Decimal("30"))
    client.force_login(world.users["membre"])
    prefix = f"indicateur-{indicator.pk}"
    response = client.post(url(action, f"indicateurs/{indicator.pk}/modifier/"), {
        f"{prefix}-label": "Agents formés à la gestion de projet", f"{prefix}-unit": "agents",
        f"{prefix}-target": "150", f"{prefix}-current": "30"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.label, indicator.target, indicator.percent) == ("Agents formés à la gestion de projet",
                                                                      Decimal("150"), 20)
    assert ActionEvent.objects.filter(action=action, kind="indicateur", text__startswith="Indicateur modifié :") \
        .exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("target", "0", "La cible doit être un nombre positif."),
    ("target", "-5", "La cible doit être un nombre positif."),
    ("current", "-1", "La valeur actuelle ne peut pas être négative."),
    ("label", "", "Ce champ est obligatoire."),
])
def test_an_indicator_correction_with_bad_input_is_refused_and_nothing_changes(client, world, action, field, value,
                                                                              message):
    indicator = add_indicator(action, label="Agents formés", target=Decimal("120"), current=Decimal("30"))
    client.force_login(world.users["membre"])
    prefix = f"indicateur-{indicator.pk}"
    data = {f"{prefix}-label": "Agents", f"{prefix}-target": "150", f"{prefix}-current": "30"}
    data[f"{prefix}-{field}"] = value
    response = client.post(url(action, f"indicateurs/{indicator.pk}/modifier/"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    indicator.refresh_from_db()
    assert (indicator.label, indicator.target) == ("Agents formés", Decimal("120"))


def test_deleting_an_indicator_keeps_its_last_value_in_the_journal(client, world, action):
    indicator = add_indicator(action, label="Agents formés", target=Decimal("120"), current=Decimal("45"))
    client.force_login(world.users["coordinateur"])
    assert client.post(url(action, f"indicateurs/{indicator.pk}/supprimer/")).status_code == 302
    assert not ResultIndicator.objects.filter(pk=indicator.pk).exists()
    assert ActionEvent.objects.filter(
        action=action, text="Indicateur « Agents formés » supprimé (dernière valeur 45, cible 120).").exists()


def test_milestone_events_are_public_on_the_accountability_page(client, world, action):
    world.own.visibility = "public"
    world.own.save()
    milestone = add_milestone(action, title="Séminaire des cadres", due_on=datetime.date(2026, 6, 30))
    toggle_milestone(milestone, user=world.users["membre"])
    services.add_comment(action, user=world.users["membre"], text="Remarque interne")
    page = client.get(f"/cooperations/{world.own.slug}/portefeuille/rendre-compte/").content.decode()
    assert "Jalon « Séminaire des cadres » atteint." in page
    assert "Remarque interne" not in page
