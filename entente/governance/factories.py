import datetime

import factory
from django.utils import timezone

from entente.cooperations.factories import CooperationFactory

from .body_models import Body, BodyMember
from .decision_models import Decision, FollowUp
from .meeting_models import AgendaItem, Meeting


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"Comité {n}")
    kind = "comite_pilotage"


class BodyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyMember

    body = factory.SubFactory(BodyFactory)
    role = "membre"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Point {n}")
    kind = "decision"
    position = factory.Sequence(lambda n: n + 1)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    cooperation = factory.LazyAttribute(lambda o: o.item.meeting.body.cooperation)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Décision numéro {n}")
    kind = "validation"
    decided_on = factory.LazyFunction(timezone.localdate)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    decision = factory.SubFactory(DecisionFactory)
    cooperation = factory.LazyAttribute(lambda o: o.decision.cooperation)
    title = factory.Sequence(lambda n: f"Suite {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=5))
