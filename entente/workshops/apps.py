from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "entente.workshops"
    label = "workshops"
    verbose_name = "Ateliers"

    def ready(self):
        from entente.core.sections import Section, register_section

        from . import rules

        rules.register()
        register_section(
            Section(
                label="Ateliers",
                url_name="workshops:list",
                ability="view_workshops",
                order=20,
                icon="fr-icon-lightbulb-line",
            )
        )
