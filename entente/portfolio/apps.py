from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "entente.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"

    def ready(self):
        from entente.core.sections import Section, register_section

        from . import rules

        rules.register()
        register_section(Section(label="Portefeuille", url_name="portfolio:list", ability="portfolio_view",
                                 order=30, icon="fr-icon-folder-2-line"))
