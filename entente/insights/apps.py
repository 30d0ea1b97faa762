from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "entente.insights"
    label = "insights"
