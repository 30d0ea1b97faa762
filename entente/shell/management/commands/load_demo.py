from django.core.management.base import BaseCommand
from django.db import transaction

from entente.agreements import demo as agreements_demo
from entente.cooperations import demo as cooperations_demo
from entente.governance import demo as governance_demo
from entente.insights import demo as insights_demo
from entente.portfolio import demo as portfolio_demo
from entente.reflexivity import demo as reflexivity_demo
from entente.workshops import demo as workshops_demo

# The demo of each app built on the cooperations' foundation, in the order of the layers. A new
# app with a demo.py adds it here (`shell/tests/test_load_demo_lists_every_demo.py` checks it).
APP_DEMOS = [workshops_demo, portfolio_demo, governance_demo, agreements_demo, insights_demo, reflexivity_demo]


class Command(BaseCommand):
    help = "Charge les coopérations de démonstration et un compte par rôle ; remet à jour une démonstration chargée."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write("Chargement de la démonstration…")
        rebuilt, kept = cooperations_demo.demo_cooperations_to_rebuild()
        for cooperation in kept:
            self.stdout.write(
                self.style.WARNING(
                    f"  « {cooperation.name} » compte des membres hors démonstration : elle est laissée telle quelle."
                )
            )
        # Old demo content is removed, then rebuilt from the seeds, so that a fix reaches every copy of
        # the demo; each app removes its own rows, downstream apps first (their rows protect upstream ones).
        for module in reversed([cooperations_demo, *APP_DEMOS]):
            if hasattr(module, "reset"):
                module.reset(rebuilt)
        cooperations_demo.load(self.stdout)
        # Each domain app adds its own demo data on top of the foundation, in a fixed order.
        for module in APP_DEMOS:
            module.load(self.stdout)
        ready = f"Démonstration prête. Comptes (mot de passe « {cooperations_demo.DEMO_PASSWORD} ») :"
        self.stdout.write(self.style.SUCCESS(ready))
        for email, role, _name, _function, _operator in cooperations_demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<32} {role or 'opérateur (administration)'}")
