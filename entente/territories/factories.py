import factory

from .models import Organization, OrganizationKind, Territory, TerritoryKind, TerritoryToken


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

    @factory.post_generation
    def search_tokens(territory, create, extracted, **kwargs):
        """Index the name as the import does, so that search finds factory-made territories."""
        if not create:
            return
        from .services import territory_tokens

        for token in territory_tokens(territory.name, territory.postal_codes):
            TerritoryToken.objects.get_or_create(territory=territory, token=token)


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
