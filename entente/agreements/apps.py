from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "entente.agreements"
    label = "agreements"
    verbose_name = "Chartes et conventions"

    def ready(self):
        from entente.core.sections import Section, register_section

        from .rules import register

        register()
        register_section(Section(
            label="Chartes et conventions", url_name="agreements:list", ability="view", order=50,
            icon="fr-icon-draft-line",
        ))
