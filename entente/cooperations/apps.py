from django.apps import AppConfig


class CooperationsConfig(AppConfig):
    name = "entente.cooperations"
    label = "cooperations"
    verbose_name = "Coopérations"

    def ready(self):
        from entente.core.sections import Section, register_section

        register_section(Section("Partenaires", "cooperations:partners", "view", order=10))
        register_section(Section("Membres", "cooperations:members", "view_members", order=80))
        register_section(Section("Historique", "cooperations:history", "view_history", order=90))
