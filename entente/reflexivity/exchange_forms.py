"""The form of a "Vis ma vie" exchange: two members of the cooperation, dates, what was learned."""

from django import forms

from entente.accounts.models import User
from entente.cooperations.models import Partnership


class ExchangeForm(forms.Form):
    host = forms.ModelChoiceField(
        label="Qui accueille",
        queryset=User.objects.none(),
        error_messages={"required": "Indiquez la personne qui accueille."},
    )
    host_partner = forms.ModelChoiceField(
        label="Organisation d'accueil",
        queryset=Partnership.objects.none(),
        required=False,
        help_text="Par défaut, celle que la personne représente.",
    )
    visitor = forms.ModelChoiceField(
        label="Qui est accueilli·e",
        queryset=User.objects.none(),
        error_messages={"required": "Indiquez la personne accueillie."},
    )
    visitor_partner = forms.ModelChoiceField(
        label="Organisation de la personne accueillie",
        queryset=Partnership.objects.none(),
        required=False,
        help_text="Par défaut, celle que la personne représente.",
    )
    starts_on = forms.DateField(
        label="Du",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Indiquez le premier jour.", "invalid": "Date invalide."},
    )
    ends_on = forms.DateField(
        label="Au",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Indiquez le dernier jour.", "invalid": "Date invalide."},
    )
    topic = forms.CharField(
        label="Objet de l'échange", max_length=200, error_messages={"required": "Indiquez l'objet de l'échange."}
    )
    learned = forms.CharField(
        label="Ce qui a été appris", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(memberships__cooperation=cooperation).order_by("display_name", "email")
        partners = Partnership.objects.active().filter(cooperation=cooperation).select_related("organization")
        for name in ("host", "visitor"):
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = lambda u: u.public_name
        for name in ("host_partner", "visitor_partner"):
            self.fields[name].queryset = partners
            self.fields[name].label_from_instance = lambda p: str(p.organization)

    def clean(self):
        data = super().clean()
        if data.get("host") and data.get("visitor") and data["host"] == data["visitor"]:
            raise forms.ValidationError("Un échange « Vis ma vie » se fait entre deux personnes différentes.")
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "L'échange ne peut pas se terminer avant d'avoir commencé.")
        return data
