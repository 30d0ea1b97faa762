from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "entente.accounts"
    label = "accounts"
