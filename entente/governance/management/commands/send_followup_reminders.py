from django.core.management.base import BaseCommand

from entente.governance import schedule
from entente.governance.notifications import send_followup_reminders, send_meeting_reminders


class Command(BaseCommand):
    help = "Envoie les rappels des suites à donner (en retard ou à échéance proche) et des réunions des 48 h à venir."

    def handle(self, *args, **options):
        followups = send_followup_reminders(today=schedule.paris_today())
        meetings = send_meeting_reminders()
        self.stdout.write(f"{followups} rappel(s) de suites à donner, {meetings} rappel(s) de réunion envoyés.")
