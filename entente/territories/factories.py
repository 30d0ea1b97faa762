import factory

from .models import Organization, OrganizationKind, Territory, TerritoryKind


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("kind", "code")

    kind = TerritoryKind.COMMUNE
    code = factory.Sequence(lambda n: f"{90000 + n}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    population = 1000

    class Params:
        departement_trait = factory.Trait(kind=TerritoryKind.DEPARTEMENT, code=factory.Sequence(lambda n: f"D{n}"))
        epci_trait = factory.Trait(
            kind=TerritoryKind.EPCI, code=factory.Sequence(lambda n: f"{200000000 + n}"), epci_kind="CC",
        )


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganizationKind.ASSOCIATION

    class Params:
        local_authority = factory.Trait(
            kind=OrganizationKind.LOCAL_AUTHORITY,
            territory=factory.SubFactory(TerritoryFactory),
            name=factory.SelfAttribute("territory.name"),
        )
