from django.apps import AppConfig


class ReflexivityConfig(AppConfig):
    name = "entente.reflexivity"
    label = "reflexivity"
    verbose_name = "Réflexivité"

    def ready(self):
        from . import rules

        rules.register()
