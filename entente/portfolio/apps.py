from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "entente.portfolio"
    label = "portfolio"
