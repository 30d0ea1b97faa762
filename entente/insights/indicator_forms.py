"""Forms of shared indicators: French numbers, French messages, bounds shared with the columns."""

from django import forms

from entente.core.numbers import DecimalInput, IntegerInput

from . import indicator_imports
from .indicator_services import INDICATOR_FIELDS
from .models import MAX_INDICATOR_VALUE, CodeKind, Indicator

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
        fields = INDICATOR_FIELDS
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


class ImportForm(forms.Form):
    """A file and where its columns are; the mapping may be saved under a name for the next import."""

    file = forms.FileField(
        label="Fichier CSV ou XLSX",
        help_text="Une ligne d'en-tête ; séparateur point-virgule, virgule ou tabulation ; nombres à la française "
        "(10 000,5) ; 30 Mo et 200 000 lignes au plus.",
        error_messages={"required": "Choisissez un fichier.", "empty": "Le fichier est vide."},
    )
    code_column = forms.CharField(
        label="Colonne du code du territoire",
        max_length=100,
        help_text="Un astérisque remplace n'importe quel texte : « Code Insee* ».",
    )
    code_kind = forms.ChoiceField(label="Nature du code", choices=CodeKind.choices)
    year_column = forms.CharField(label="Colonne de l'année", max_length=100, required=False)
    fixed_year = IntegerInput(label="ou année de toutes les lignes", required=False, **YEAR_BOUNDS)
    indicator_column = forms.CharField(
        label="Colonne de l'indicateur (son code ou son nom)", max_length=100, required=False
    )
    fixed_indicator = forms.ModelChoiceField(
        label="ou indicateur de toutes les lignes", queryset=Indicator.objects.none(), required=False
    )
    value_column = forms.CharField(label="Colonne de la valeur", max_length=100)
    save_as = forms.CharField(
        label="Enregistrer cette correspondance sous le nom (facultatif)", max_length=100, required=False
    )

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperation = cooperation
        self.fields["fixed_indicator"].queryset = cooperation.indicators.filter(registry_figure="")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError("Format non pris en charge : un fichier .csv ou .xlsx est attendu.")
        if upload.size > indicator_imports.MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"Fichier trop volumineux : {indicator_imports.MAX_FILE_BYTES // (1024 * 1024)} Mo au plus."
            )
        if not upload.name.lower().endswith(".xlsx") and _line_count(upload) > indicator_imports.MAX_ROWS + 1:
            # Counting lines is cheap and spares the worker a file it would refuse; a workbook's rows
            # are only known by reading it, which the worker does (and refuses it there).
            raise forms.ValidationError(f"Trop de lignes : {indicator_imports.MAX_ROWS} valeurs au plus par import.")
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("year_column") and not data.get("fixed_year"):
            self.add_error("year_column", "Indiquez la colonne de l'année, ou l'année de toutes les lignes.")
        if not data.get("indicator_column") and not data.get("fixed_indicator"):
            self.add_error(
                "indicator_column", "Indiquez la colonne de l'indicateur, ou l'indicateur de toutes les lignes."
            )
        name = data.get("save_as")
        if name and self.cooperation.indicator_mappings.filter(name=name).exists():
            self.add_error("save_as", "Une correspondance de la coopération porte déjà ce nom.")
        return data


def _line_count(upload) -> int:
    lines = 0
    for chunk in upload.chunks():
        lines += chunk.count(b"\n")
    upload.seek(0)
    return lines
