from django.db import migrations


def load_presets(apps, schema_editor):
    from entente.cooperations.presets import ensure_presets

    ensure_presets(apps)


class Migration(migrations.Migration):
    dependencies = [("cooperations", "0001_initial")]
    operations = [migrations.RunPython(load_presets, migrations.RunPython.noop)]
