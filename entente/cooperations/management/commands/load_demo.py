import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from entente.core.api import DOMAIN_APPS


def _demo_module(app):
    module_name = f"entente.{app}.demo"
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        return None


class Command(BaseCommand):
    help = "Charge les coopérations de démonstration et un compte par rôle ; remet à jour une démonstration chargée."

    @transaction.atomic
    def handle(self, *args, **options):
        from entente.cooperations import demo

        self.stdout.write("Chargement de la démonstration…")
        rebuilt, kept = demo.demo_cooperations_to_rebuild()
        for cooperation in kept:
            self.stdout.write(self.style.WARNING(
                f"  « {cooperation.name} » compte des membres hors démonstration : elle est laissée telle quelle."
            ))
        # Old demo content is removed, then rebuilt from the seeds, so that a fix reaches every copy of
        # the demo; each app removes its own rows, downstream apps first (their rows protect upstream ones).
        for app in reversed(DOMAIN_APPS):
            module = _demo_module(app)
            if module is not None and hasattr(module, "reset"):
                module.reset(rebuilt)
        demo.load(self.stdout)
        # Each domain app may add its own demo data on top of the foundation, in a fixed order.
        for app in DOMAIN_APPS:
            module = _demo_module(app) if app != "cooperations" else None
            if module is not None:
                module.load(self.stdout)
        ready = f"Démonstration prête. Comptes (mot de passe « {demo.DEMO_PASSWORD} ») :"
        self.stdout.write(self.style.SUCCESS(ready))
        for email, role, _name, _function, _operator in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<32} {role or 'opérateur (administration)'}")
