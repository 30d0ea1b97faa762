from django.apps import AppConfig


class ReflexivityConfig(AppConfig):
    name = "entente.reflexivity"
    label = "reflexivity"
    verbose_name = "Réflexivité"

    def ready(self):
        from entente.core.sections import Section, register_section

        from . import exchange_health, mirror_hooks, rules

        rules.register()
        mirror_hooks.register()
        exchange_health.register()
        register_section(
            Section(
                label="Réflexivité",
                url_name="reflexivity:home",
                ability="reflexivity_view",
                order=75,
                icon="fr-icon-team-line",
            )
        )
        # The actor network shows organizations to the public too: it has its own entry in the menu.
        register_section(
            Section(
                label="Réseau d'acteurs",
                url_name="reflexivity:network",
                ability="reflexivity_view_network",
                order=76,
                icon="fr-icon-git-merge-line",
            )
        )
