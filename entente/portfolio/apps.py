from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "entente.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"

    def ready(self):
        from . import rules

        rules.register()
