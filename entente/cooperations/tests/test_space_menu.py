import re

import pytest

pytestmark = pytest.mark.django_db


def space_menu(html: str) -> str:
    match = re.search(
        r'<nav class="fr-sidemenu[^"]*"[^>]*aria-label="Rubriques de la coopération">.*?</nav>', html, re.S
    )
    assert match, "pas de menu latéral de la coopération"
    return match.group(0)


@pytest.mark.parametrize(
    ("path", "current"), [("/", "Accueil"), ("/partenaires/", "Partenaires"), ("/membres/", "Membres")]
)
def test_each_page_of_a_cooperation_has_the_side_menu_with_its_section_current(client, world, path, current):
    client.force_login(world.users["coordinateur"])
    menu = space_menu(client.get(f"/cooperations/{world.own.slug}{path}").content.decode())
    assert 'class="fr-sidemenu__btn"' in menu and 'aria-controls="rubriques-cooperation"' in menu
    assert re.findall(r'aria-current="page">([^<]+)</a>', menu) == [current]
    for label in ("Accueil", "Partenaires", "Ateliers", "Portefeuille", "Gouvernance", "Membres", "Historique"):
        assert f">{label}</a>" in menu


def test_a_visitor_of_a_public_cooperation_gets_only_the_sections_open_to_them(client, world):
    world.own.visibility = "public"
    world.own.save()
    menu = space_menu(client.get(f"/cooperations/{world.own.slug}/").content.decode())
    assert ">Partenaires</a>" in menu and ">Membres</a>" not in menu and ">Historique</a>" not in menu


def test_pages_outside_a_cooperation_have_no_side_menu(client, world):
    assert "fr-sidemenu" not in client.get("/cooperations/").content.decode()
