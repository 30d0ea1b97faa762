from django.apps import AppConfig


class CooperationsConfig(AppConfig):
    name = "entente.cooperations"
    label = "cooperations"
