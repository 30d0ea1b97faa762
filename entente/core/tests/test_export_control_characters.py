"""A control character pasted into a title cannot break a spreadsheet export (openpyxl refuses the
whole workbook for one), and the formula guard still applies once it is removed."""

import pytest

from entente.core.exports import neutralise
from entente.portfolio.factories import ActionFactory


def test_control_characters_are_dropped_and_formulas_still_neutralised():
    assert neutralise("Plan\x0bclimat\x00") == "Planclimat"
    assert neutralise("\x01=SOMME(A1)") == "'=SOMME(A1)"
    assert neutralise("ligne 1\nligne 2\tfin") == "ligne 1\nligne 2\tfin"
    assert neutralise(3) == 3


@pytest.mark.django_db
def test_the_portfolio_workbook_opens_with_a_control_character_in_a_title(client, world):
    ActionFactory(cooperation=world.own, title="Observatoire\x0b partagé")
    client.force_login(world.users["observateur"])
    response = client.get(f"/cooperations/{world.own.slug}/portefeuille/export.xlsx")
    assert response.status_code == 200
