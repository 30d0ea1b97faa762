"""A control character pasted into a title cannot break a spreadsheet export (openpyxl refuses the
whole workbook for one), and the formula guard still applies once it is removed."""

from entente.core.exports import neutralise


def test_control_characters_are_dropped_and_formulas_still_neutralised():
    assert neutralise("Plan\x0bclimat\x00") == "Planclimat"
    assert neutralise("\x01=SOMME(A1)") == "'=SOMME(A1)"
    assert neutralise("ligne 1\nligne 2\tfin") == "ligne 1\nligne 2\tfin"
    assert neutralise(3) == 3
