import factory

from entente.accounts.factories import UserFactory
from entente.territories.factories import OrganizationFactory

from .models import Cooperation, CooperationKind, MemberRole, Membership, PartnerRole, Partnership


class CooperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperation

    name = factory.Sequence(lambda n: f"Coopération {n}")
    slug = factory.Sequence(lambda n: f"cooperation-{n}")
    kind = CooperationKind.ENTENTE
    visibility = "private"

    class Params:
        public = factory.Trait(visibility="public")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    cooperation = factory.SubFactory(CooperationFactory)
    organization = factory.SubFactory(OrganizationFactory, local_authority=True)
    role = PartnerRole.SIGNATORY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cooperation = factory.SubFactory(CooperationFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER
