from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "entente.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"

    def ready(self):
        from entente.core.sections import HomeBlock, Section, register_home_block, register_section

        from . import rules
        from .home import portfolio_home_context

        rules.register()
        register_section(Section(label="Portefeuille", url_name="portfolio:list", ability="portfolio_view",
                                 order=30, icon="fr-icon-folder-2-line"))
        register_home_block(HomeBlock(template="portfolio/_cooperation_home.html", context=portfolio_home_context,
                                      ability="portfolio_view", order=30))
