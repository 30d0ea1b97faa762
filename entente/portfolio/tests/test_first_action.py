"""The first action of a new cooperation: its chantier (and axis) are named in the action's form."""

import pytest

from entente.cooperations.services import create_cooperation
from entente.portfolio.factories import AxisFactory, WorkstreamFactory
from entente.portfolio.models import Action, Axis, Workstream

pytestmark = pytest.mark.django_db


def url(cooperation):
    return f"/cooperations/{cooperation.slug}/portefeuille/actions/nouvelle/"


def post(client, cooperation, **fields):
    data = {
        "title": "Observatoire commun de l'habitat",
        "description": "Mettre en commun nos données.",
        "status": "idee",
        "progress": "0",
        **fields,
    }
    return client.post(url(cooperation), data)


@pytest.fixture
def new_cooperation(world):
    creator = world.users["outsider"]
    return create_cooperation(user=creator, name="Nouvelle entente", kind="entente")


def test_a_new_cooperation_offers_to_name_the_chantier_in_the_action_form(client, world, new_cooperation):
    client.force_login(world.users["outsider"])
    page = client.get(url(new_cooperation)).content.decode()
    assert "n'a pas encore de chantier" in page
    assert 'name="new_workstream"' in page
    assert 'name="workstream"' not in page


def test_the_first_action_creates_its_chantier_and_axis(client, world, new_cooperation):
    client.force_login(world.users["outsider"])
    response = post(client, new_cooperation, new_workstream="Habitat", new_axis="Cadre de vie")
    action = Action.objects.get(cooperation=new_cooperation)
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert (action.workstream.title, action.workstream.axis.title) == ("Habitat", "Cadre de vie")
    assert action.description == "Mettre en commun nos données."


def test_a_chantier_without_axis_is_fine(client, world, new_cooperation):
    client.force_login(world.users["outsider"])
    post(client, new_cooperation, new_workstream="Habitat")
    workstream = Workstream.objects.get(cooperation=new_cooperation)
    assert workstream.axis is None and not Axis.objects.filter(cooperation=new_cooperation).exists()


def test_without_any_chantier_the_page_asks_for_one_and_keeps_what_was_typed(client, world, new_cooperation):
    client.force_login(world.users["outsider"])
    response = post(client, new_cooperation)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez le chantier de l&#x27;action, ou nommez-en un nouveau." in page
    assert 'value="Observatoire commun de l&#x27;habitat"' in page
    assert "Mettre en commun nos données." in page
    assert not Action.objects.exists()


def test_an_existing_chantier_can_still_be_chosen(client, world):
    workstream = WorkstreamFactory(cooperation=world.own, title="Mobilités")
    client.force_login(world.users["coordinateur"])
    page = client.get(url(world.own)).content.decode()
    assert "— nouveau chantier, nommé ci-dessous —" in page
    post(client, world.own, workstream=workstream.pk)
    assert Action.objects.get(cooperation=world.own).workstream == workstream


def test_a_new_chantier_can_go_into_an_existing_axis(client, world):
    axis = AxisFactory(cooperation=world.own, title="Services au public")
    client.force_login(world.users["coordinateur"])
    post(client, world.own, new_workstream="Accueil France services", new_workstream_axis=axis.pk)
    assert Action.objects.get(cooperation=world.own).workstream.axis == axis


def test_a_new_axis_named_like_an_existing_one_reuses_it(client, world):
    axis = AxisFactory(cooperation=world.own, title="Services au public")
    client.force_login(world.users["coordinateur"])
    post(client, world.own, new_workstream="Accueil", new_axis="services au public")
    assert Action.objects.get(cooperation=world.own).workstream.axis == axis
    assert Axis.objects.filter(cooperation=world.own).count() == 1


def test_a_new_chantier_named_like_an_existing_one_is_refused(client, world):
    WorkstreamFactory(cooperation=world.own, title="Mobilités")
    client.force_login(world.users["coordinateur"])
    response = post(client, world.own, new_workstream="mobilités")
    assert "existe déjà : choisissez-le dans la liste" in response.content.decode()
    assert Workstream.objects.filter(cooperation=world.own).count() == 1


def test_choosing_a_chantier_and_naming_another_is_refused(client, world):
    workstream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["coordinateur"])
    response = post(client, world.own, workstream=workstream.pk, new_workstream="Autre")
    assert "pas les deux" in response.content.decode()
    assert not Action.objects.exists()


def test_an_axis_of_another_cooperation_is_refused(client, world):
    foreign = AxisFactory(cooperation=world.other)
    client.force_login(world.users["coordinateur"])
    response = post(client, world.own, new_workstream="Habitat", new_workstream_axis=foreign.pk)
    assert response.status_code == 200
    assert not Workstream.objects.filter(cooperation=world.own).exists()


def test_a_refused_action_creates_no_chantier(client, world, new_cooperation):
    client.force_login(world.users["outsider"])
    response = post(client, new_cooperation, new_workstream="Habitat", progress="150")
    assert response.status_code == 200
    assert 'value="Habitat"' in response.content.decode()
    assert not Workstream.objects.filter(cooperation=new_cooperation).exists()
