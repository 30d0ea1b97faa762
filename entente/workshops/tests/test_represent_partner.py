"""The creator of a cooperation, like every member, represents one of its partners."""

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import MembershipFactory, PartnershipFactory
from entente.cooperations.models import Cooperation, Membership
from entente.cooperations.services import create_cooperation, set_membership
from entente.territories.factories import OrganizationFactory, TerritoryFactory
from entente.territories.models import Organization
from entente.workshops.factories import IdeaFactory, WorkshopFactory
from entente.workshops.idea_services import propose_idea
from entente.workshops.participant_services import seat_for_user
from entente.workshops.score_services import ScoreInput, submit_scores
from entente.workshops.selectors import workshop_results

pytestmark = pytest.mark.django_db

TOURAINE = "territory:departement:37"
LOIR_ET_CHER = "territory:departement:41"


@pytest.fixture
def departements():
    return (
        TerritoryFactory(kind="departement", code="37", name="Indre-et-Loire"),
        TerritoryFactory(kind="departement", code="41", name="Loir-et-Cher"),
    )


def create_page(client, **overrides):
    data = {
        "name": "Piloter ensemble",
        "kind": "convention_technique",
        "visibility": "private",
        "partner": [TOURAINE, LOIR_ET_CHER],
        "partner_role": ["signataire", "signataire"],
        **overrides,
    }
    return client.post("/cooperations/nouvelle/", data)


def creator_membership(name="Piloter ensemble"):
    return Membership.objects.select_related("partner__organization").get(cooperation__name=name)


def test_creator_represents_the_partner_chosen_on_the_page(client, world, departements):
    client.force_login(world.users["outsider"])
    response = create_page(client, represents=LOIR_ET_CHER)
    assert response.status_code == 302
    assert creator_membership().partner.organization.name == "Loir-et-Cher"


def test_creator_may_say_they_represent_none_of_the_partners(client, world, departements):
    user = world.users["outsider"]
    user.organization = Organization.objects.create(
        name="Indre-et-Loire", kind="collectivite", territory=departements[0]
    )
    user.save()
    client.force_login(user)
    create_page(client, represents="")
    assert creator_membership().partner is None


def test_profile_organization_is_the_default_when_it_is_a_partner(client, world, departements):
    user = world.users["outsider"]
    user.organization = Organization.objects.create(
        name="Indre-et-Loire", kind="collectivite", territory=departements[0]
    )
    user.save()
    client.force_login(user)
    page = client.get("/cooperations/nouvelle/").content.decode()
    assert f'data-default="{TOURAINE}"' in page
    response = client.post(
        "/api/v1/cooperations",
        {
            "name": "Piloter ensemble",
            "kind": "convention_technique",
            "partners": [{"reference": TOURAINE}, {"reference": LOIR_ET_CHER}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert creator_membership().partner.organization.name == "Indre-et-Loire"


def test_representing_a_partner_not_picked_is_refused_on_the_page(client, world, departements):
    TerritoryFactory(kind="departement", code="36", name="Indre")
    client.force_login(world.users["outsider"])
    response = create_page(client, represents="territory:departement:36")
    assert response.status_code == 200
    assert "doit faire partie des partenaires retenus" in response.content.decode()
    assert not Cooperation.objects.filter(name="Piloter ensemble").exists()


def test_representing_a_partner_not_picked_is_refused_by_the_api(client, world, departements):
    stranger = OrganizationFactory(name="Agence étrangère")
    client.force_login(world.users["outsider"])
    response = client.post(
        "/api/v1/cooperations",
        {
            "name": "Piloter ensemble",
            "kind": "convention_technique",
            "partners": [{"reference": TOURAINE}],
            "represents": f"organization:{stranger.pk}",
        },
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    assert "Agence étrangère n'en est pas" in response.json()["detail"]
    assert not Cooperation.objects.filter(name="Piloter ensemble").exists()


def test_the_creation_page_offers_the_picked_partners_again_after_an_error(client, world, departements):
    client.force_login(world.users["outsider"])
    response = create_page(client, name="AB", represents=LOIR_ET_CHER, partner_label=["Indre-et-Loire", "Loir-et-Cher"])
    page = response.content.decode()
    assert f'<option value="{LOIR_ET_CHER}" selected>Loir-et-Cher</option>' in page
    assert f'<option value="{TOURAINE}" >Indre-et-Loire</option>' in page


def test_results_by_partner_count_the_creator(world, departements):
    creator = UserFactory()
    cooperation = create_cooperation(
        user=creator,
        name="Piloter ensemble",
        kind="convention_technique",
        partners=[_choice(TOURAINE), _choice(LOIR_ET_CHER)],
        represents=TOURAINE,
    )
    workshop = WorkshopFactory(cooperation=cooperation)
    seat = seat_for_user(workshop, creator)
    idea = propose_idea(workshop=workshop, participant=seat, title="Observatoire commun")
    workshop.phase = "evaluation"
    workshop.save()
    _score_everything(workshop, seat, idea)
    results = workshop_results(workshop)
    assert idea.organization.name == "Indre-et-Loire"
    assert [(p.organization, p.participants, p.active) for p in results.participation] == [("Indre-et-Loire", 1, 1)]
    assert [b.organization for b in results.bias] == ["Indre-et-Loire"]


def _member_who_scored(world):
    """A member without a partner who proposed a piste and scored it, the workshop now scoring."""
    member = UserFactory()
    MembershipFactory(cooperation=world.own, user=member, role="membre")
    workshop = WorkshopFactory(cooperation=world.own)
    seat = seat_for_user(workshop, member)
    idea = propose_idea(workshop=workshop, participant=seat, title="Formation commune")
    workshop.phase = "evaluation"
    workshop.save()
    _score_everything(workshop, seat, idea)
    return member, workshop, idea


def test_a_member_given_a_partner_later_has_their_seat_scores_and_pistes_counted_for_it(world):
    member, workshop, idea = _member_who_scored(world)
    assert workshop_results(workshop).participation[0].organization == "Sans organisation"
    partner = world.partners[world.own.pk][1]
    set_membership(cooperation=world.own, user=member, role="membre", partner=partner)
    results = workshop_results(workshop)
    assert [p.organization for p in results.participation] == [partner.organization.name]
    assert [b.organization for b in results.bias] == [partner.organization.name]
    idea.refresh_from_db()
    assert idea.organization == partner.organization


def test_a_seat_taken_for_a_partner_keeps_it_when_the_member_changes_partner(world):
    member = UserFactory()
    first, second = world.partners[world.own.pk]
    MembershipFactory(cooperation=world.own, user=member, role="membre", partner=first)
    workshop = WorkshopFactory(cooperation=world.own)
    seat = seat_for_user(workshop, member)
    set_membership(cooperation=world.own, user=member, role="membre", partner=second)
    seat.refresh_from_db()
    assert seat.organization == first.organization


def test_a_partner_of_another_cooperation_cannot_be_represented(world):
    member = world.users["membre"]
    foreign = world.partners[world.other.pk][0]
    with pytest.raises(Exception, match="partenaire de cette coopération"):
        set_membership(cooperation=world.own, user=member, role="membre", partner=foreign)


def test_members_page_flags_who_represents_no_partner(client, world):
    lonely = UserFactory(display_name="Camille Sanspartenaire")
    MembershipFactory(cooperation=world.own, user=lonely, role="membre")
    client.force_login(world.users["coordinateur"])
    page = client.get(f"/cooperations/{world.own.slug}/membres/").content.decode()
    assert "Une personne ne représente aucun partenaire" in page
    membership = Membership.objects.get(user=lonely)
    assert f'<a href="#partner-{membership.pk}">Camille Sanspartenaire</a>' in page
    assert page.count("fr-badge--warning") == 1


def test_members_page_has_no_flag_when_everyone_represents_a_partner(client, world):
    client.force_login(world.users["membre"])
    page = client.get(f"/cooperations/{world.own.slug}/membres/").content.decode()
    assert "ne représente aucun partenaire" not in page
    assert "fr-badge--warning" not in page


def test_members_page_query_count_does_not_grow_with_members(client, world, django_assert_max_num_queries):
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/membres/"
    from entente.core.testing import html_and_query_count

    _html, before = html_and_query_count(client, url)
    for _ in range(5):
        MembershipFactory(cooperation=world.own, user=UserFactory(), partner=PartnershipFactory(cooperation=world.own))
    _html, after = html_and_query_count(client, url)
    assert after == before


def _choice(reference):
    from entente.cooperations.services import PartnerChoice

    return PartnerChoice(reference=reference)


def _score_everything(workshop, seat, idea):
    submit_scores(workshop, seat, [ScoreInput(idea.pk, criterion.pk, 3) for criterion in workshop.grid.criteria.all()])


def test_an_idea_of_another_author_stays_as_it_was(world):
    member = UserFactory()
    MembershipFactory(cooperation=world.own, user=member, role="membre")
    workshop = WorkshopFactory(cooperation=world.own)
    seat_for_user(workshop, member)
    other_idea = IdeaFactory(workshop=workshop)
    set_membership(cooperation=world.own, user=member, role="membre", partner=world.partners[world.own.pk][0])
    other_idea.refresh_from_db()
    assert other_idea.organization is None


def test_the_data_migration_gives_old_member_seats_their_partner(world):
    import importlib

    from django.apps import apps

    from entente.cooperations.models import Membership as MembershipModel

    member, workshop, idea = _member_who_scored(world)
    partner = world.partners[world.own.pk][1]
    MembershipModel.objects.filter(user=member).update(partner=partner)  # as before the signal existed
    migration = importlib.import_module("entente.workshops.migrations.0007_member_seats_take_their_partner")
    migration.fill_member_seats(apps, None)
    assert [p.organization for p in workshop_results(workshop).participation] == [partner.organization.name]
    idea.refresh_from_db()
    assert idea.organization == partner.organization


def test_a_profile_organization_that_is_not_a_partner_is_not_counted_as_one(world):
    member = UserFactory(organization=OrganizationFactory(name="Cabinet de conseil"))
    MembershipFactory(cooperation=world.own, user=member, role="membre")
    workshop = WorkshopFactory(cooperation=world.own)
    assert seat_for_user(workshop, member).organization is None


def test_a_profile_organization_that_is_a_partner_counts_until_a_partner_is_set(world):
    partner = world.partners[world.own.pk][1]
    member = UserFactory(organization=partner.organization)
    MembershipFactory(cooperation=world.own, user=member, role="membre")
    workshop = WorkshopFactory(cooperation=world.own)
    assert seat_for_user(workshop, member).organization == partner.organization


def test_a_seat_counted_for_an_organization_that_is_no_partner_takes_the_partner_set_later(world):
    from entente.workshops.factories import ParticipantFactory

    member = UserFactory()
    MembershipFactory(cooperation=world.own, user=member, role="membre")
    workshop = WorkshopFactory(cooperation=world.own)
    seat = ParticipantFactory(workshop=workshop, user=member, organization=OrganizationFactory(name="Cabinet"))
    partner = world.partners[world.own.pk][0]
    set_membership(cooperation=world.own, user=member, role="membre", partner=partner)
    seat.refresh_from_db()
    assert seat.organization == partner.organization
