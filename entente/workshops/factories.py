import factory

from entente.cooperations.factories import CooperationFactory

from .models import Idea, Participant, Workshop
from .services import create_grid_from_preset


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    cooperation = factory.SubFactory(CooperationFactory)
    title = factory.Sequence(lambda n: f"Atelier {n}")
    kind = "commun"
    grid = factory.LazyAttribute(lambda o: create_grid_from_preset(o.cooperation, "plus_value_faisabilite"))

    class Params:
        scoring = factory.Trait(phase="evaluation")
        closed = factory.Trait(phase="clos")
        four_questions = factory.Trait(
            grid=factory.LazyAttribute(lambda o: create_grid_from_preset(o.cooperation, "quatre_questions")),
        )


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    workshop = factory.SubFactory(WorkshopFactory)
    display_name = factory.Sequence(lambda n: f"Participant·e {n}")


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Piste {n}")
    description = "Une piste de coopération."
