from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "entente.core"
    label = "core"

    def ready(self):
        # Each app declares its background job kinds in its own jobs.py (as admin.py for the admin).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
