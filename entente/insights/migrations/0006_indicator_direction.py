"""An indicator's reading direction becomes « sens » with a neutral option: a population or a number of
communes is better neither higher nor lower. Stored values carry over: higher_is_better True → plus_haut,
False → plus_bas; the registry figures (population, communes) become neutre, current rows and history alike."""

from django.db import migrations, models

CHOICES = [
    ("plus_haut", "Une valeur plus haute est meilleure"),
    ("plus_bas", "Une valeur plus basse est meilleure"),
    ("neutre", "Ni plus haute ni plus basse : la valeur décrit le territoire"),
]


def to_direction(apps, schema_editor):
    for name in ("Indicator", "HistoricalIndicator"):
        model = apps.get_model("insights", name)
        model.objects.filter(higher_is_better=False).update(direction="plus_bas")
        model.objects.exclude(registry_figure="").update(direction="neutre")


def to_higher_is_better(apps, schema_editor):
    for name in ("Indicator", "HistoricalIndicator"):
        apps.get_model("insights", name).objects.filter(direction="plus_bas").update(higher_is_better=False)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0005_annual_report"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalindicator",
            name="direction",
            field=models.CharField(choices=CHOICES, default="plus_haut", max_length=10, verbose_name="sens de lecture"),
        ),
        migrations.AddField(
            model_name="indicator",
            name="direction",
            field=models.CharField(choices=CHOICES, default="plus_haut", max_length=10, verbose_name="sens de lecture"),
        ),
        migrations.RunPython(to_direction, to_higher_is_better),
        migrations.RemoveField(model_name="historicalindicator", name="higher_is_better"),
        migrations.RemoveField(model_name="indicator", name="higher_is_better"),
    ]
