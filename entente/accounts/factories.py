import factory

from .models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    display_name = factory.Sequence(lambda n: f"Agent {n}")
    password = factory.PostGenerationMethodCall("set_password", "mot-de-passe-solide-42")
    is_active = True

    class Params:
        operator = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
