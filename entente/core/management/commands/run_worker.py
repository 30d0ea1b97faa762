from django.core.management import call_command
from django.core.management.base import BaseCommand

from entente.core.jobs import schedule_daily_tasks


class Command(BaseCommand):
    help = "Lance le travailleur des tâches de fond (documents, imports, courriels, rappels quotidiens)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="traiter les tâches en attente puis s'arrêter")

    def handle(self, *args, **options):
        for path in schedule_daily_tasks():
            self.stdout.write(f"Tâche quotidienne programmée : {path}")
        worker_options = {"batch": True, "startup_delay": False} if options["batch"] else {}
        call_command("db_worker", queue_name="*", verbosity=options["verbosity"], **worker_options)
