"""From the agenda to the decision to the follow-up closed, in real Chromium against the live server:
the secretary programmes a meeting, builds its agenda, records a decision and its follow-up,
and the person responsible closes it with its evidence."""

import datetime

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance import body_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_form(page, action_suffix):
    return page.locator(f"form[action$='{action_suffix}']")


def test_agenda_to_decision_to_followup_closed(page, live_url, login):
    cooperation = CooperationFactory(name="Piloter ensemble 37 × 41", slug="piloter-ensemble",
                                     kind="convention_technique")
    d37 = PartnershipFactory(cooperation=cooperation)
    PartnershipFactory(cooperation=cooperation)
    secretary = UserFactory(display_name="DGA Ressources, Département 37")
    MembershipFactory(cooperation=cooperation, user=secretary, role="coordinateur", partner=d37)
    body = body_services.create_body(cooperation=cooperation, name="CODIRI", kind="codiri", periodicity="semestrielle")
    # The convocations must reach someone: the secretary holds a seat.
    body_services.add_body_member(body=body, user=secretary, partner=d37, role="secretaire", label="DGA Ressources")
    login(page, secretary)

    page.goto(f"{live_url}/cooperations/piloter-ensemble/gouvernance/instances/{body.pk}/")
    page.get_by_role("link", name="Programmer une réunion").click()
    page.get_by_label("Intitulé", exact=True).fill("CODIRI de printemps")
    page.locator("#id_starts_at").fill("2031-03-12T09:30")
    page.locator("#id_ends_at").fill("2031-03-12T12:00")
    page.locator("#id_format").select_option("information_ascendante")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/gouvernance/reunions/*/")
    assert page.get_by_role("heading", name="CODIRI de printemps", level=1).is_visible()

    form = in_form(page, "/ordre-du-jour/")
    form.locator("[name=title]").fill("Chantier ressources humaines")
    form.locator("[name=kind]").select_option("decision")
    form.get_by_role("button", name="Ajouter le point").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="1. Chantier ressources humaines").is_visible()

    form = in_form(page, "/ordre-du-jour/")
    form.locator("[name=title]").fill("Tour de table")
    form.locator("[name=kind]").select_option("information")
    form.get_by_role("button", name="Ajouter le point").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Monter le point 2").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="1. Tour de table").is_visible()
    assert page.get_by_role("heading", name="2. Chantier ressources humaines").is_visible()

    page.get_by_role("button", name="Envoyer l'ordre du jour et les convocations").click()
    page.wait_for_load_state()
    assert page.locator("#statut-odj").text_content().strip() == "Ordre du jour envoyé dans les délais"
    assert page.get_by_text(f"à 1 personne : {secretary.public_name} ({secretary.email})").first.is_visible()

    form = in_form(page, "/decisions/")
    form.locator("[name=item]").select_option(label="2. Chantier ressources humaines")
    form.locator("[name=text]").fill("Organiser un séminaire commun des cadres des deux départements.")
    form.locator("[name=kind]").select_option("orientation")
    form.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_url("**/gouvernance/decisions/*/")
    assert page.get_by_role("heading", name="Décision D2031-0001", level=1).is_visible()

    form = in_form(page, "/suites/")
    form.locator("[name=title]").fill("Réserver la salle du séminaire")
    form.locator("[name=owner]").select_option(label="DGA Ressources, Département 37")
    due = datetime.date.today() + datetime.timedelta(days=5)
    form.locator("[name=due_on]").fill(due.isoformat())
    form.get_by_role("button", name="Ajouter la suite").click()
    page.wait_for_load_state()
    row = page.locator("tr", has_text="Réserver la salle du séminaire").first
    assert row.is_visible()

    page.get_by_role("link", name="Modifier la décision").click()
    page.wait_for_url("**/decisions/*/modifier/")
    page.locator("[name=text]").fill("Organiser un séminaire commun des cadres des deux départements en juin.")
    page.locator("[name=change_note]").fill("Ajout du mois retenu")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/gouvernance/decisions/*/")
    assert page.get_by_text("en juin.").first.is_visible()
    assert page.get_by_text("Ajout du mois retenu").is_visible()

    page.goto(f"{live_url}/mes-suites-a-donner/")
    followup_row = page.locator("tr", has_text="Réserver la salle du séminaire")
    followup_row.get_by_label("État").select_option("faite")
    followup_row.get_by_label("Preuve de réalisation").fill("Salle réservée à Blois pour le 3 juin.")
    followup_row.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/mes-suites-a-donner/")
    assert page.get_by_text("Suite soldée.").is_visible()
    assert page.locator("tr", has_text="Réserver la salle du séminaire").count() == 0

    page.goto(f"{live_url}/cooperations/piloter-ensemble/gouvernance/decisions/")
    assert page.get_by_role("cell", name="1/1 soldée").is_visible()
