"""Observation: the thresholds a cooperation sets for reading its own health."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.numbers import at_most, column_max
from entente.territories.models import TerritoryKind

# Default thresholds: what a secretary general would call "worth a look" before the yearly conference.
DEFAULT_THRESHOLDS = {
    "agenda_on_time_min": 80,
    "attendance_min": 60,
    "absences_max": 3,
    "host_share_max": 60,
    "followups_done_min": 50,
    "followups_late_max": 20,
    "followup_delay_max_days": 90,
}


class HealthThresholds(models.Model):
    """The figures' alert thresholds, set by the cooperation itself: no single score, no hidden rule."""

    cooperation = models.OneToOneField(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="health_thresholds",
    )
    agenda_on_time_min = models.PositiveSmallIntegerField(
        "ordres du jour envoyés à temps : part minimale (%)", default=DEFAULT_THRESHOLDS["agenda_on_time_min"]
    )
    attendance_min = models.PositiveSmallIntegerField(
        "présence d'un partenaire : taux minimal (%)", default=DEFAULT_THRESHOLDS["attendance_min"]
    )
    absences_max = models.PositiveSmallIntegerField(
        "absences d'un partenaire sur la période : nombre à partir duquel le signaler",
        default=DEFAULT_THRESHOLDS["absences_max"],
    )
    host_share_max = models.PositiveSmallIntegerField(
        "réunions convoquées par un même partenaire : part maximale (%)", default=DEFAULT_THRESHOLDS["host_share_max"]
    )
    followups_done_min = models.PositiveSmallIntegerField(
        "suites à donner échues réalisées : part minimale (%)", default=DEFAULT_THRESHOLDS["followups_done_min"]
    )
    followups_late_max = models.PositiveSmallIntegerField(
        "suites à donner en retard : part maximale (%)", default=DEFAULT_THRESHOLDS["followups_late_max"]
    )
    followup_delay_max_days = models.PositiveSmallIntegerField(
        "délai médian de réalisation d'une suite : maximum (jours)",
        default=DEFAULT_THRESHOLDS["followup_delay_max_days"],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "seuils de la santé de la coopération"
        verbose_name_plural = "seuils de la santé des coopérations"
        constraints = [
            at_most("agenda_on_time_min", 100, name="health_agenda_on_time_min_max"),
            at_most("attendance_min", 100, name="health_attendance_min_max"),
            at_most("absences_max", 100, name="health_absences_max_max"),
            at_most("host_share_max", 100, name="health_host_share_max_max"),
            at_most("followups_done_min", 100, name="health_followups_done_min_max"),
            at_most("followups_late_max", 100, name="health_followups_late_max_max"),
            at_most("followup_delay_max_days", 3650, name="health_followup_delay_max_days_max"),
        ]

    def __str__(self):
        return f"Seuils de santé — {self.cooperation}"


# ---------------------------------------------------------------------------------------------------
# Shared indicators: a catalogue per cooperation, and values per partner territory and year.

MAX_INDICATOR_VALUE = column_max(18, 4)  # 99 999 999 999 999,9999: any budget line or count


class IndicatorTheme(models.TextChoices):
    FINANCES = "finances", "Finances"
    HUMAN_RESOURCES = "ressources_humaines", "Ressources humaines"
    SOLIDARITY = "solidarites", "Solidarités"
    TERRITORY = "territoire", "Territoire"


class RegistryFigure(models.TextChoices):
    """What the territories registry gives by itself, kept up to date because it is read, not copied."""

    POPULATION = "population", "Population municipale (registre)"
    COMMUNES = "communes", "Nombre de communes membres (registre)"


class Direction(models.TextChoices):
    """Which way an indicator is read: a population or a number of communes is better neither higher nor lower."""

    HIGHER = "plus_haut", "Une valeur plus haute est meilleure"
    LOWER = "plus_bas", "Une valeur plus basse est meilleure"
    NEUTRAL = "neutre", "Ni plus haute ni plus basse : la valeur décrit le territoire"


class ValueOrigin(models.TextChoices):
    IMPORT = "import", "Import de fichier"
    TYPED = "saisie", "Saisie d'un partenaire"
    ILLUSTRATIVE = "illustratif", "Valeur illustrative (démonstration)"


class Indicator(models.Model):
    """One indicator the partners agree to watch together."""

    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField("code", max_length=60, help_text="Identifiant court, utilisé dans les fichiers importés.")
    name = models.CharField("nom", max_length=200)
    theme = models.CharField("thème", max_length=24, choices=IndicatorTheme.choices, default=IndicatorTheme.FINANCES)
    definition = models.TextField("définition", max_length=2000, blank=True)
    unit = models.CharField("unité", max_length=30, blank=True)
    source = models.CharField("source", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField("année de référence", null=True, blank=True)
    territory_kind = models.CharField(
        "type de territoire",
        max_length=12,
        choices=TerritoryKind.choices,
        blank=True,
        help_text="Laissez vide si l'indicateur vaut pour tout type de territoire.",
    )
    direction = models.CharField("sens de lecture", max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    target = models.DecimalField("cible", max_digits=18, decimal_places=4, null=True, blank=True)
    registry_figure = models.CharField(
        "calculé depuis le registre", max_length=12, choices=RegistryFigure.choices, blank=True
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | models.Q(year__gte=1900, year__lte=2100),
                name="indicator_year_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def direction_sentence(self) -> str:
        """« une valeur plus haute est meilleure », or nothing for a figure that only describes the territory."""
        if self.direction == Direction.NEUTRAL:
            return ""
        return self.get_direction_display().lower()


class IndicatorValue(models.Model):
    """The value of one indicator for one partner territory and one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("année")
    value = models.DecimalField("valeur", max_digits=18, decimal_places=4)
    origin = models.CharField("origine", max_length=12, choices=ValueOrigin.choices)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "valeur d'indicateur"
        verbose_name_plural = "valeurs d'indicateurs"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "territory", "year"], name="indicator_value_unique"),
            models.CheckConstraint(condition=models.Q(year__gte=1900, year__lte=2100), name="indicator_value_year"),
            models.CheckConstraint(
                condition=models.Q(value__lte=MAX_INDICATOR_VALUE, value__gte=-MAX_INDICATOR_VALUE),
                name="indicator_value_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.territory} — {self.year}"


class CodeKind(models.TextChoices):
    INSEE = "insee", "Code Insee (commune, département, région) ou SIREN d'EPCI"
    SIREN = "siren", "SIREN de la collectivité"


class ImportMapping(models.Model):
    """Which column of a file holds what: chosen once, saved under a name, reused at every import."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="indicator_mappings"
    )
    name = models.CharField("nom de la correspondance", max_length=100)
    code_column = models.CharField("colonne du code du territoire", max_length=100)
    code_kind = models.CharField("nature du code", max_length=8, choices=CodeKind.choices, default=CodeKind.INSEE)
    year_column = models.CharField("colonne de l'année", max_length=100, blank=True)
    fixed_year = models.PositiveSmallIntegerField("ou année de toutes les lignes", null=True, blank=True)
    indicator_column = models.CharField("colonne de l'indicateur", max_length=100, blank=True)
    fixed_indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ou indicateur de toutes les lignes",
    )
    value_column = models.CharField("colonne de la valeur", max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "correspondance de colonnes"
        verbose_name_plural = "correspondances de colonnes"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "name"], name="indicator_mapping_name_unique"),
        ]

    def __str__(self):
        return self.name


class IndicatorImport(models.Model):
    """One file imported into a cooperation's values: what it changed, who sent it, when."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="indicator_imports"
    )
    file_name = models.CharField("fichier", max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField("lignes", default=0)
    created = models.PositiveIntegerField("valeurs ajoutées", default=0)
    updated = models.PositiveIntegerField("valeurs modifiées", default=0)
    unchanged = models.PositiveIntegerField("valeurs inchangées", default=0)
    mapping_name = models.CharField("correspondance", max_length=100, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "import de valeurs"
        verbose_name_plural = "imports de valeurs"
        ordering = ["-imported_at"]

    def __str__(self):
        return self.file_name


from entente.insights import report_models  # noqa: E402, F401  (the annual report's model, found by Django here)

from .portrait_models import PortraitChallenge, PortraitFoundation  # noqa: E402, F401  (Django finds models here)
