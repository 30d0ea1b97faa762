import factory

from entente.cooperations.factories import CooperationFactory, PartnershipFactory

from .charter_models import Charter, CharterKind, CharterSection, CharterVersion
from .models import Agreement, AgreementKind, Article


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    cooperation = factory.SubFactory(CooperationFactory)
    kind = AgreementKind.CONVENTION
    title = factory.Sequence(lambda n: f"Convention de coopération {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    agreement = factory.SubFactory(AgreementFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Article {n}")
    body = "Les parties coopèrent dans le respect de leurs compétences."


class CharterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charter

    cooperation = factory.SubFactory(CooperationFactory)
    kind = CharterKind.FUNCTIONING
    title = factory.Sequence(lambda n: f"Charte de fonctionnement {n}")


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    charter = factory.SubFactory(CharterFactory)
    number = 1


class CharterSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterSection

    version = factory.SubFactory(CharterVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "Qui vient ?"
    body = "Les directions générales des collectivités membres."


__all__ = ["AgreementFactory", "ArticleFactory", "CharterFactory", "CharterSectionFactory", "CharterVersionFactory",
           "PartnershipFactory"]
