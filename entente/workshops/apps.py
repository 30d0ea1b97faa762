from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "entente.workshops"
    label = "workshops"
