import pytest
from django.core.management import CommandError, call_command

from entente.accounts.models import User
from entente.cooperations.demo import all_cooperations
from entente.cooperations.models import Cooperation, Membership, Partnership


@pytest.fixture
def registry(db):
    call_command("import_territories", verbosity=0)


def counts():
    return (Cooperation.objects.count(), Partnership.objects.count(), Membership.objects.count(), User.objects.count())


def test_demo_loads_the_real_cooperations_once(registry):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first[0] == len(all_cooperations())


def test_touraine_has_the_metropole_the_ten_cc_and_the_state(registry):
    call_command("load_demo", verbosity=0)
    touraine = Cooperation.objects.get(slug="touraine-contrats-de-reciprocite")
    codes = set(
        touraine.partnerships.filter(organization__territory__kind="epci").values_list(
            "organization__territory__code", flat=True
        )
    )
    assert "243700754" in codes and len(codes) == 11
    assert touraine.partnerships.filter(organization__kind="etat", role="signataire").exists()
    assert touraine.partnerships.get(organization__territory__code="37").role == "partenaire_associe"


def test_demo_accounts_have_one_role_each_and_no_personal_name(registry):
    call_command("load_demo", verbosity=0)
    roles = set(Membership.objects.filter(user__email="membre@demo.entente.fr").values_list("role", flat=True))
    assert roles == {"membre"}
    assert all("démo" in user.display_name for user in User.objects.filter(email__endswith="@demo.entente.fr"))


def test_demo_without_registry_explains_what_to_do(db):
    with pytest.raises(CommandError, match="import_territories"):
        call_command("load_demo", verbosity=0)
