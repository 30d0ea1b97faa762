import importlib

from django.core.management.base import BaseCommand

from entente.core.api import DOMAIN_APPS


class Command(BaseCommand):
    help = "Charge (ou complète) les coopérations de démonstration et un compte par rôle, sans doublon."

    def handle(self, *args, **options):
        from entente.cooperations import demo

        self.stdout.write("Chargement de la démonstration…")
        demo.load(self.stdout)
        # Each domain app may add its own demo data on top of the foundation, in a fixed order.
        for app in DOMAIN_APPS:
            if app == "cooperations":
                continue
            module_name = f"entente.{app}.demo"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            module.load(self.stdout)
        ready = f"Démonstration prête. Comptes (mot de passe « {demo.DEMO_PASSWORD} ») :"
        self.stdout.write(self.style.SUCCESS(ready))
        for email, role, _name, _function, _operator in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<32} {role or 'opérateur (administration)'}")
