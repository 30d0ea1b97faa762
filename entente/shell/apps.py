from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The site shell: the pages and the API that gather every app, above all of them in the import order."""

    name = "entente.shell"
    label = "shell"
    verbose_name = "Site"
