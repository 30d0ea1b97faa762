import factory

from entente.cooperations.factories import CooperationFactory

from .models import Action, ActionStatus, Axis, Workstream


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    cooperation = factory.SubFactory(CooperationFactory)
    title = factory.Sequence(lambda n: f"Axe {n}")
    position = factory.Sequence(lambda n: n)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    cooperation = factory.SubFactory(CooperationFactory)
    axis = factory.SubFactory(AxisFactory, cooperation=factory.SelfAttribute("..cooperation"))
    title = factory.Sequence(lambda n: f"Chantier {n}")
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    """An action; pass `partners=[partnership, …]` to make them participants (the first leads)."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    cooperation = factory.SubFactory(CooperationFactory)
    workstream = factory.SubFactory(WorkstreamFactory, cooperation=factory.SelfAttribute("..cooperation"))
    title = factory.Sequence(lambda n: f"Action {n}")
    status = ActionStatus.COMMITTED
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)
            self.lead = extracted[0]
            self.save(update_fields=["lead"])
