from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "entente.territories"
    label = "territories"
