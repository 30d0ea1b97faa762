from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "entente.insights"
    label = "insights"
    verbose_name = "Observation"

    def ready(self):
        from entente.core.sections import Section, register_section

        from . import rules

        rules.register()
        register_section(
            Section(
                label="Santé de la coopération",
                url_name="insights:health",
                ability="insights_view_health",
                order=70,
                icon="fr-icon-heart-pulse-line",
            )
        )
        register_section(
            Section(
                label="Indicateurs partagés",
                url_name="insights:indicators",
                ability="insights_view_indicators",
                order=65,
                icon="fr-icon-line-chart-line",
            )
        )
        register_section(
            Section(
                label="Portrait croisé",
                url_name="insights:portrait",
                ability="insights_view_portrait",
                order=62,
                icon="fr-icon-team-line",
            )
        )
        register_section(
            Section(
                label="Rapport d'activité",
                url_name="insights:annual_report_latest",
                ability="insights_view_report",
                order=75,
                icon="fr-icon-book-2-line",
            )
        )
