from django import forms

from .report_models import REPORT_TEXT_LENGTH, AnnualReport


class ReportTextsForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["foreword", "conclusion"]
        widgets = {
            "foreword": forms.Textarea(attrs={"rows": 8, "class": "fr-input"}),
            "conclusion": forms.Textarea(attrs={"rows": 8, "class": "fr-input"}),
        }
        help_texts = {
            "foreword": "Le mot d'ouverture du rapport : ce que l'année a voulu dire pour la coopération.",
            "conclusion": "Ce que les partenaires retiennent de l'année et ce qu'ils se donnent pour la suivante.",
        }
        error_messages = {
            field: {"max_length": f"Au plus {REPORT_TEXT_LENGTH} caractères."} for field in ("foreword", "conclusion")
        }
