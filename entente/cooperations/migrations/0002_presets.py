from django.db import migrations


def load_presets(apps, schema_editor):
    from entente.cooperations.presets import FORMS, PURPOSES

    Purpose = apps.get_model("cooperations", "Purpose")
    CooperationForm = apps.get_model("cooperations", "CooperationForm")
    for position, (code, label, description) in enumerate(PURPOSES):
        Purpose.objects.update_or_create(
            code=code, cooperation=None, defaults={"label": label, "description": description, "position": position},
        )
    for position, (code, label, examples) in enumerate(FORMS):
        CooperationForm.objects.update_or_create(
            code=code, cooperation=None, defaults={"label": label, "examples": examples, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("cooperations", "0001_initial")]
    operations = [migrations.RunPython(load_presets, migrations.RunPython.noop)]
