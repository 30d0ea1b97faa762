from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "entente.governance"
    label = "governance"
