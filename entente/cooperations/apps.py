from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CooperationsConfig(AppConfig):
    name = "entente.cooperations"
    label = "cooperations"
    verbose_name = "Coopérations"

    def ready(self):
        post_migrate.connect(_ensure_presets, sender=self)
        from entente.core.sections import Section, register_section

        register_section(Section("Partenaires", "cooperations:partners", "view", order=10))
        register_section(Section("Membres", "cooperations:members", "view_members", order=80))
        register_section(Section("Historique", "cooperations:history", "view_history", order=90))
        from entente.territories.hooks import register_cooperations_lister

        register_cooperations_lister(_cooperations_of_organization)


def _cooperations_of_organization(user, organization) -> list:
    """The cooperations an organisation takes part in, as the territory pages list them to `user`."""
    from entente.cooperations.rules import visible_cooperations

    return list(visible_cooperations(user).filter(partnerships__organization=organization).order_by("name", "pk"))


def _ensure_presets(sender, apps=None, **kwargs):
    # `flush` sends post_migrate without the migration state: the installed models serve then.
    from django.apps import apps as installed_apps

    from entente.cooperations.presets import ensure_presets

    ensure_presets(apps or installed_apps)
