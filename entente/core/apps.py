from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "entente.core"
    label = "core"

    def ready(self):
        # Each app declares its background job kinds in its own jobs.py (as admin.py for the admin).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
        bound_every_date_field()


def bound_every_date_field():
    """Every date typed in a form of Entente (and of the admin) lies between 1900 and 2100.

    Set on Django's own form fields rather than on each form, so that no form can forget it: a
    meeting in year 9999 overflows as soon as a page converts it to Europe/Paris, and the page that
    could correct it would break with it. The API applies the same bounds (`entente.core.bounds`)."""
    from django import forms

    from .bounds import validate_realistic_date

    for field_class in (forms.DateField, forms.DateTimeField):
        if validate_realistic_date not in field_class.default_validators:
            field_class.default_validators = [*field_class.default_validators, validate_realistic_date]
