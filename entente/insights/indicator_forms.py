"""Forms of shared indicators: French numbers, French messages, bounds shared with the columns."""

from django import forms

from entente.core.numbers import DecimalInput, IntegerInput

from .models import MAX_INDICATOR_VALUE, Indicator

YEAR_BOUNDS = {"min_value": 1900, "max_value": 2100}


class IndicatorForm(forms.ModelForm):
    target = DecimalInput(
        label="Cible (facultatif)",
        required=False,
        decimal_places=4,
        min_value=-MAX_INDICATOR_VALUE,
        max_value=MAX_INDICATOR_VALUE,
        help_text="Si elle est donnée, les graphiques comparent chaque partenaire à la cible plutôt qu'à la moyenne.",
    )
    year = IntegerInput(label="Année de référence (facultatif)", required=False, **YEAR_BOUNDS)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "code",
            "theme",
            "definition",
            "unit",
            "source",
            "year",
            "territory_kind",
            "higher_is_better",
            "target",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cooperation, **kwargs):
        self.cooperation = cooperation
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"]
        others = self.cooperation.indicators.filter(code=code)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Un autre indicateur de la coopération porte déjà ce code.")
        return code


class ValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label="Indicateur",
        queryset=Indicator.objects.none(),
        error_messages={"required": "Choisissez un indicateur.", "invalid_choice": "Choisissez un indicateur."},
    )
    territory = forms.TypedChoiceField(
        label="Territoire",
        coerce=int,
        error_messages={
            "required": "Choisissez un territoire.",
            "invalid_choice": "Vous ne pouvez pas saisir de valeur pour ce territoire.",
        },
    )
    year = IntegerInput(label="Année", **YEAR_BOUNDS)
    value = DecimalInput(
        label="Valeur",
        decimal_places=4,
        min_value=-MAX_INDICATOR_VALUE,
        max_value=MAX_INDICATOR_VALUE,
        units=("€", "%"),
    )

    def __init__(self, *args, cooperation, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = cooperation.indicators.filter(registry_figure="")
        self.fields["territory"].choices = [(p.territory.pk, p.label) for p in territories]
        self.territories = {p.territory.pk: p.territory for p in territories}
