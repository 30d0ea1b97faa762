from django import forms

from .maturity_services import COMMENT_LENGTH
from .maturity_thresholds import THRESHOLDS, MaturityLevel


class CampaignForm(forms.Form):
    title = forms.CharField(label="Intitulé", max_length=200, help_text="Par exemple : « Auto-évaluation 2026 ».")
    anonymous = forms.BooleanField(
        label="Réponses anonymes",
        required=False,
        initial=True,
        help_text="Aucune page, aucun export ne relie une réponse à une personne ; un chiffre issu de moins de "
        "trois réponses n'est pas affiché, et les résultats ne paraissent qu'à la clôture de la campagne. Une fois "
        "une réponse reçue, l'anonymat ne peut plus être levé.",
    )


class AnswerForm(forms.Form):
    """One radio group and one comment per threshold, the seed's description as the group's hint."""

    def __init__(self, *args, initial_answer=None, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = initial_answer.ratings if initial_answer else {}
        comments = initial_answer.comments if initial_answer else {}
        for threshold in THRESHOLDS:
            self.fields[f"rating_{threshold.code}"] = forms.ChoiceField(
                label=threshold.label,
                help_text=threshold.description,
                choices=MaturityLevel.choices,
                widget=forms.RadioSelect,
                initial=ratings.get(threshold.code),
                error_messages={
                    "required": "Choisissez : franchi, en cours ou pas encore.",
                    "invalid_choice": "Appréciation hors de l'échelle : franchi, en cours ou pas encore.",
                },
            )
            self.fields[f"comment_{threshold.code}"] = forms.CharField(
                label=f"Commentaire sur « {threshold.label} » (facultatif)",
                required=False,
                max_length=COMMENT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=comments.get(threshold.code, ""),
            )

    def pairs(self):
        return [(self[f"rating_{t.code}"], self[f"comment_{t.code}"]) for t in THRESHOLDS]

    def ratings(self) -> dict:
        return {t.code: self.cleaned_data[f"rating_{t.code}"] for t in THRESHOLDS}

    def comments(self) -> dict:
        return {t.code: self.cleaned_data[f"comment_{t.code}"] for t in THRESHOLDS}
