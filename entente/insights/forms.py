from django import forms

from entente.core.numbers import CountInput, PercentInput

from .models import HealthThresholds

THRESHOLD_FIELDS = [
    "agenda_on_time_min",
    "attendance_min",
    "absences_max",
    "host_share_max",
    "followups_done_min",
    "followups_late_max",
    "followup_delay_max_days",
]


class HealthThresholdsForm(forms.ModelForm):
    agenda_on_time_min = PercentInput(label="Ordres du jour envoyés à temps : part minimale (%)")
    attendance_min = PercentInput(label="Présence d'un partenaire : taux minimal (%)")
    absences_max = CountInput(
        label="Absences d'un partenaire à partir desquelles le signaler", min_value=1, max_value=100
    )
    host_share_max = PercentInput(label="Réunions convoquées par un même partenaire : part maximale (%)")
    followups_done_min = PercentInput(label="Suites échues réalisées : part minimale (%)")
    followups_late_max = PercentInput(label="Suites en retard : part maximale (%)")
    followup_delay_max_days = CountInput(
        label="Délai médian de réalisation d'une suite : maximum (jours)", min_value=1, max_value=3650
    )

    class Meta:
        model = HealthThresholds
        fields = THRESHOLD_FIELDS
