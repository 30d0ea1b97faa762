from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "entente.governance"
    label = "governance"
    verbose_name = "Gouvernance"

    def ready(self):
        from entente.core.sections import Section, register_section

        from . import rules

        rules.register()
        register_section(Section(label="Gouvernance", url_name="governance:bodies", ability="view", order=40,
                                 icon="fr-icon-team-line"))
