"""A live workshop in real Chromium: a director joins with the code, proposes a piste, the
facilitator sees it arrive and opens the cross-evaluation, the director scores, and the
facilitator watches the ranking update."""

import re

import pytest

from entente.shell.testing import World
from entente.workshops.factories import IdeaFactory, WorkshopFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def score(page, idea_title, values):
    card = page.locator("form.entente-score-card", has_text=idea_title)
    for criterion_index, value in enumerate(values):
        card.locator("fieldset").nth(criterion_index).locator("label", has_text=re.compile(f"^{value}$")).click()


def test_join_propose_score_and_watch_the_ranking(page, live_url, login):
    world = World()
    partner_a, partner_b = (p.organization for p in world.partners[world.own.pk])
    workshop = WorkshopFactory(cooperation=world.own, title="Atelier des directions en direct")
    IdeaFactory(workshop=workshop, title="Observatoire partagé", organization=partner_b)

    # A director joins from their phone with the code shown on screen: no account.
    page.goto(f"{live_url}/ateliers/rejoindre/")
    page.get_by_label("Code de participation").fill(workshop.join_code.lower())
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Votre nom").fill("DGA Ressources (37)")
    page.get_by_label("Votre organisation").select_option(label=partner_a.name)
    page.get_by_role("button", name="Rejoindre l'atelier").click()
    page.get_by_label("Intitulé de la piste").fill("Séminaire commun des cadres")
    page.get_by_role("button", name="Proposer la piste").click()
    assert page.get_by_text("Piste proposée").is_visible()

    # The facilitator sees it on the big screen, then opens the cross-evaluation.
    facilitator = page.context.browser.new_context(locale="fr-FR", base_url=live_url)
    screen = facilitator.new_page()
    login(screen, world.users["coordinateur"])
    screen.goto(f"{live_url}/cooperations/{world.own.slug}/ateliers/{workshop.pk}/animation/")
    assert screen.locator("#code-participation").inner_text() == workshop.join_code
    assert screen.locator("svg").first.is_visible()
    screen.locator("#live-ideas").get_by_text("Séminaire commun des cadres").wait_for()
    screen.get_by_role("button", name="Passer à la phase suivante").click()
    assert screen.get_by_text("Phase : Évaluation croisée").is_visible()

    # The director scores the first piste; the facilitator opens the live results.
    page.goto(f"{live_url}/cooperations/{world.own.slug}/ateliers/{workshop.pk}/evaluation/")
    assert page.get_by_text("0 / 2").is_visible()
    score(page, "Séminaire commun des cadres", [4, 4])
    page.locator("#progress").get_by_text("1 / 2").wait_for()

    screen.goto(f"{live_url}/cooperations/{world.own.slug}/ateliers/{workshop.pk}/resultats/")
    ranking = screen.locator("#table-classement")
    assert ranking.locator("tbody tr").first.locator("td").nth(1).inner_text().startswith("Séminaire")
    assert "Observatoire partagé" in ranking.locator("tbody tr").nth(1).inner_text()
    assert ranking.locator("tbody tr").nth(1).locator("td").first.inner_text() == "—"

    # Scoring the second piste updates the facilitator's ranking without a reload.
    score(page, "Observatoire partagé", [2, 3])
    page.locator("#progress").get_by_text("2 / 2").wait_for()
    ranking.locator("tbody tr").nth(1).locator("td").first.filter(has_text="2").wait_for(timeout=15000)
    assert "À engager tout de suite" in screen.locator("#results-body").inner_text()
    facilitator.close()


def test_the_coordinator_builds_the_grid_then_arbitrates_with_the_keyboard_and_in_bulk(page, live_url, login):
    from entente.workshops.arbitration_services import DecisionInput, arbitrate
    from entente.workshops.models import Idea

    world = World()
    workshop = WorkshopFactory(cooperation=world.own, title="Atelier à arbitrer")
    login(page, world.users["coordinateur"])
    base = f"{live_url}/cooperations/{world.own.slug}/ateliers/{workshop.pk}"

    # A third criterion answered oui / en partie / non, with its weight, from the grid page.
    page.goto(f"{base}/grille/")
    page.locator("#id_label").fill("Évite des incohérences ?")
    page.locator("#id_kind").select_option(label="Oui / en partie / non")
    page.locator("#id_weight").fill("0,5")
    page.get_by_role("button", name="Ajouter le critère").click()
    assert page.get_by_text("Critère « Évite des incohérences ? » ajouté").is_visible()
    assert workshop.grid.criteria.get(label="Évite des incohérences ?").weight == 0.5

    pistes = [IdeaFactory(workshop=workshop, title=f"Piste {n}") for n in range(1, 5)]
    workshop.phase = "clos"
    workshop.save()
    arbitrate(
        workshop=workshop, user=None, body="Bureau", decided_on=None, decisions=[DecisionInput(pistes[3].pk, "retenue")]
    )

    page.goto(f"{base}/arbitrage/")
    # Keyboard: on the first row's box, 1 retains it and moves to the next row; 2 rejects that one.
    page.get_by_label("Cocher « Piste 1 »").focus()
    page.keyboard.press("1")
    page.keyboard.press("2")
    # Bulk: check the pistes not arbitrated yet, postpone those without a decision of their own.
    page.get_by_role("button", name="Non arbitrées").click()
    page.locator("#bulk-status").select_option(label="Reportée")
    page.locator("#bulk-reason").fill("À revoir au prochain comité")
    page.get_by_role("button", name="Enregistrer l'arbitrage").click()
    assert page.get_by_text("Arbitrage enregistré").is_visible()
    statuses = dict(Idea.objects.filter(workshop=workshop).values_list("title", "arbitration_status"))
    assert statuses == {"Piste 1": "retenue", "Piste 2": "ecartee", "Piste 3": "reportee", "Piste 4": "retenue"}
    assert Idea.objects.get(title="Piste 3").arbitration_reason == "À revoir au prochain comité"
