from django.db import migrations, models

STATUS_CHOICES = [
    ("brouillon", "Brouillon"),
    ("adopte", "Adopté"),
    ("en_signature", "En signature"),
    ("signe", "Signé"),
]


def adopt_trunks_under_settled_contracts(apps, schema_editor):
    """A trunk left in draft while its contracts went to signature is what they carry: mark it adopted."""
    agreement = apps.get_model("agreements", "Agreement")
    settled = agreement.objects.exclude(status="brouillon").exclude(derived_from=None)
    agreement.objects.filter(status="brouillon", pk__in=settled.values("derived_from")).update(status="adopte")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0006_derived_contracts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agreement",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="brouillon", max_length=14, verbose_name="statut"),
        ),
        migrations.AlterField(
            model_name="historicalagreement",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="brouillon", max_length=14, verbose_name="statut"),
        ),
        migrations.RunPython(adopt_trunks_under_settled_contracts, migrations.RunPython.noop),
    ]
