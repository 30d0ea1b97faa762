"""French grammar of generated text: articles of territories (Insee TNCC), plurals, agreement."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from entente.core import french
from entente.territories.factories import TerritoryFactory
from entente.territories.registry import load_registry

# Written out by hand from Insee's usage ("département de la Loire", "région des Pays de la
# Loire"), not computed: the helper is checked against the registry's codes, not against itself.
EXPECTED_DE_DEPARTEMENT = {
    "01": "de l'Ain",
    "02": "de l'Aisne",
    "03": "de l'Allier",
    "04": "des Alpes-de-Haute-Provence",
    "05": "des Hautes-Alpes",
    "06": "des Alpes-Maritimes",
    "07": "de l'Ardèche",
    "08": "des Ardennes",
    "09": "de l'Ariège",
    "10": "de l'Aube",
    "11": "de l'Aude",
    "12": "de l'Aveyron",
    "13": "des Bouches-du-Rhône",
    "14": "du Calvados",
    "15": "du Cantal",
    "16": "de la Charente",
    "17": "de la Charente-Maritime",
    "18": "du Cher",
    "19": "de la Corrèze",
    "21": "de la Côte-d'Or",
    "22": "des Côtes-d'Armor",
    "23": "de la Creuse",
    "24": "de la Dordogne",
    "25": "du Doubs",
    "26": "de la Drôme",
    "27": "de l'Eure",
    "28": "d'Eure-et-Loir",
    "29": "du Finistère",
    "2A": "de la Corse-du-Sud",
    "2B": "de la Haute-Corse",
    "30": "du Gard",
    "31": "de la Haute-Garonne",
    "32": "du Gers",
    "33": "de la Gironde",
    "34": "de l'Hérault",
    "35": "d'Ille-et-Vilaine",
    "36": "de l'Indre",
    "37": "d'Indre-et-Loire",
    "38": "de l'Isère",
    "39": "du Jura",
    "40": "des Landes",
    "41": "du Loir-et-Cher",
    "42": "de la Loire",
    "43": "de la Haute-Loire",
    "44": "de la Loire-Atlantique",
    "45": "du Loiret",
    "46": "du Lot",
    "47": "du Lot-et-Garonne",
    "48": "de la Lozère",
    "49": "de Maine-et-Loire",
    "50": "de la Manche",
    "51": "de la Marne",
    "52": "de la Haute-Marne",
    "53": "de la Mayenne",
    "54": "de Meurthe-et-Moselle",
    "55": "de la Meuse",
    "56": "du Morbihan",
    "57": "de la Moselle",
    "58": "de la Nièvre",
    "59": "du Nord",
    "60": "de l'Oise",
    "61": "de l'Orne",
    "62": "du Pas-de-Calais",
    "63": "du Puy-de-Dôme",
    "64": "des Pyrénées-Atlantiques",
    "65": "des Hautes-Pyrénées",
    "66": "des Pyrénées-Orientales",
    "67": "du Bas-Rhin",
    "68": "du Haut-Rhin",
    "69": "du Rhône",
    "70": "de la Haute-Saône",
    "71": "de Saône-et-Loire",
    "72": "de la Sarthe",
    "73": "de la Savoie",
    "74": "de la Haute-Savoie",
    "75": "de Paris",
    "76": "de la Seine-Maritime",
    "77": "de Seine-et-Marne",
    "78": "des Yvelines",
    "79": "des Deux-Sèvres",
    "80": "de la Somme",
    "81": "du Tarn",
    "82": "du Tarn-et-Garonne",
    "83": "du Var",
    "84": "du Vaucluse",
    "85": "de la Vendée",
    "86": "de la Vienne",
    "87": "de la Haute-Vienne",
    "88": "des Vosges",
    "89": "de l'Yonne",
    "90": "du Territoire de Belfort",
    "91": "de l'Essonne",
    "92": "des Hauts-de-Seine",
    "93": "de la Seine-Saint-Denis",
    "94": "du Val-de-Marne",
    "95": "du Val-d'Oise",
    "971": "de la Guadeloupe",
    "972": "de la Martinique",
    "973": "de la Guyane",
    "974": "de La Réunion",
    "976": "de Mayotte",
}
EXPECTED_DE_REGION = {
    "01": "de la Guadeloupe",
    "02": "de la Martinique",
    "03": "de la Guyane",
    "04": "de La Réunion",
    "06": "de Mayotte",
    "11": "d'Île-de-France",
    "24": "du Centre-Val de Loire",
    "27": "de Bourgogne-Franche-Comté",
    "28": "de Normandie",
    "32": "des Hauts-de-France",
    "44": "du Grand Est",
    "52": "des Pays de la Loire",
    "53": "de Bretagne",
    "75": "de la Nouvelle-Aquitaine",
    "76": "d'Occitanie",
    "84": "d'Auvergne-Rhône-Alpes",
    "93": "de Provence-Alpes-Côte d'Azur",
    "94": "de Corse",
}


class Place:
    """A registry row as the helper sees a Territory: name, Insee TNCC and kind."""

    def __init__(self, row, kind):
        self.name, self.tncc, self.kind = row["name"], row["tncc"], kind


@pytest.fixture(scope="module")
def shipped():
    return load_registry()


def test_every_departement_takes_the_article_the_registry_gives_it(shipped):
    rows = {row["code"]: row for row in shipped.departements if row["code"] in EXPECTED_DE_DEPARTEMENT}
    assert len(rows) == len(EXPECTED_DE_DEPARTEMENT) == 101
    assert {code: french.de(Place(row, "departement")) for code, row in rows.items()} == EXPECTED_DE_DEPARTEMENT


def test_every_region_takes_the_article_the_registry_gives_it(shipped):
    rows = {row["code"]: row for row in shipped.regions if row["code"] in EXPECTED_DE_REGION}
    assert len(rows) == len(EXPECTED_DE_REGION) == 18
    assert {code: french.de(Place(row, "region")) for code, row in rows.items()} == EXPECTED_DE_REGION


@pytest.mark.parametrize(("code", "expected_de", "expected_a"), [
    ("37261", "de Tours", "à Tours"),
    ("72181", "du Mans", "au Mans"),
    ("85152", "des Achards", "aux Achards"),
    ("17300", "de La Rochelle", "à La Rochelle"),
    ("44003", "d'Ancenis-Saint-Géréon", "à Ancenis-Saint-Géréon"),
    ("01001", "de L'Abergement-Clémenciat", "à L'Abergement-Clémenciat"),
    ("60703", "des Marais", "aux Marais"),  # "Aux Marais", TNCC 6
    ("66104", "de Los Masos", "à Los Masos"),  # TNCC 8
    ("94038", "de L'Haÿ-les-Roses", "à L'Haÿ-les-Roses"),
])
def test_communes_keep_the_article_of_their_name(shipped, code, expected_de, expected_a):
    row = next(row for row in shipped.communes if row["code"] == code)
    place = Place(row, "commune")
    assert (french.de(place), french.a(place), french.dans(place)) == (expected_de, expected_a, expected_a)


@pytest.mark.parametrize(("name", "tncc", "kind", "expected"), [
    ("Loire", 3, "departement", "dans la Loire"),
    ("Loiret", 2, "departement", "dans le Loiret"),
    ("Ain", 5, "departement", "dans l'Ain"),
    ("Hauts-de-Seine", 4, "departement", "dans les Hauts-de-Seine"),
    ("Indre-et-Loire", 1, "departement", "en Indre-et-Loire"),
    ("Paris", 0, "departement", "à Paris"),
    ("Bretagne", 0, "region", "en Bretagne"),
    ("Nouvelle-Aquitaine", 3, "region", "en Nouvelle-Aquitaine"),
    ("Guadeloupe", 3, "region", "en Guadeloupe"),
    ("La Réunion", 0, "region", "à La Réunion"),
    ("CC du Pays d'Ancenis", None, "epci", "sur le territoire de la CC du Pays d'Ancenis"),
])
def test_dans_says_where_in_the_usual_french_form(name, tncc, kind, expected):
    place = TerritoryFactory.build(name=name, tncc=tncc, kind=kind)
    assert french.dans(place) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("CC d'Erdre et Gesvres", "de la CC d'Erdre et Gesvres"),
    ("Tours Métropole Val de Loire", "de Tours Métropole Val de Loire"),
    ("Eurométropole de Strasbourg", "de l'Eurométropole de Strasbourg"),
    ("Conseil départemental de la Loire", "du Conseil départemental de la Loire"),
    ("Région Pays de la Loire", "de la Région Pays de la Loire"),
    ("Le Mans", "du Mans"),
    ("Erdre et Gesvres", "d'Erdre et Gesvres"),
    ("Île de Clipperton", "d'Île de Clipperton"),
])
def test_names_without_insee_code_get_the_article_of_their_first_word(name, expected):
    assert french.de(name) == expected


def test_an_organization_named_after_its_territory_takes_the_territory_article():
    loire = TerritoryFactory.build(name="Loire", tncc=3, kind="departement")

    class Organization:
        name, territory = "Loire", loire

    assert french.de(Organization()) == "de la Loire"


@pytest.mark.parametrize(("count", "expected"), [
    (0, "0 déchèterie"), (1, "1 déchèterie"), (2, "2 déchèteries"), (Decimal("1.5"), "1,5 déchèterie"),
    (12500, "12\u00a0500 déchèteries"),
])
def test_plural_agrees_with_the_count_by_the_french_rule(count, expected):
    assert french.pluralize_fr(count, "déchèterie") == expected


def test_irregular_plural_is_given_explicitly():
    assert french.pluralize_fr(3, "journal", "journaux") == "3 journaux"


@pytest.mark.parametrize(("word", "feminine", "plural", "expected"), [
    ("Signé", True, False, "Signée"), ("SIGNÉ", True, False, "SIGNÉE"), ("signé", True, True, "signées"),
    ("signé", False, False, "signé"), ("adopté", False, True, "adoptés"), ("active", True, False, "active"),
])
def test_participles_agree_with_their_noun(word, feminine, plural, expected):
    assert french.agree(word, feminine=feminine, plural=plural) == expected


def test_template_filters_give_the_same_text():
    loire = TerritoryFactory.build(name="Loire", tncc=3, kind="departement")
    rendered = Template(
        '{% load french %}{{ t|de }}|{{ t|dans }}|{{ t|with_article }}|{{ n|pluralize_fr:"déchèterie" }}'
        '|{{ one|pluralize_fr:"journal,journaux" }}'
    ).render(Context({"t": loire, "n": 2, "one": 1}))
    assert rendered == "de la Loire|dans la Loire|la Loire|2 déchèteries|1 journal"


@pytest.mark.parametrize(("count", "expected"), [
    (0, "0 décision"), (1, "1 décision"), (2, "2 décisions"), ([1, 2, 3], "3 décisions"), ([], "0 décision"),
])
def test_django_pluralize_follows_the_french_rule_in_every_template(count, expected):
    size = len(count) if isinstance(count, list) else count
    html = Template("{{ size }} décision{{ n|pluralize }}").render(Context({"n": count, "size": size}))
    assert html == expected


def test_django_pluralize_keeps_its_two_suffix_form():
    html = Template('{{ n }} journa{{ n|pluralize:"l,ux" }}, {{ m }} journa{{ m|pluralize:"l,ux" }}')
    assert html.render(Context({"n": 1, "m": 0})) == "1 journal, 0 journal"
    assert Template('{{ n|pluralize:"l,ux" }}').render(Context({"n": 3})) == "ux"


@pytest.mark.parametrize(("count", "label", "expected"), [
    (2, "engagée", "2 engagées"), (1, "réalisée", "1 réalisée"), (0, "idée", "0 idée"), (3, "à l'étude", "3 à l'étude"),
])
def test_a_status_after_a_count_agrees_with_it(count, label, expected):
    html = Template("{{ n }} {{ label|agree_count:n }}").render(Context({"n": count, "label": label}))
    assert html == expected.replace("'", "&#x27;")
