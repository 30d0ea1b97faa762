"""The form of an action's financing plan: total, external funding, sharing key and its parameters."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from entente.cooperations.models import Partnership
from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.numbers import MAX_AMOUNT, MAX_SHARE_WEIGHT, AmountInput, CountInput, DecimalInput, WeightInput

from . import financing_services
from .forms import PartnerChoiceField
from .models import Action, FixedMode, FundingSource, PopulationBasis, SharingKey

NEGATIVE = {"min_value": "Un montant ne peut pas être négatif."}



class FinancingForm(forms.Form):
    total = AmountInput(label="Coût total de l'action (€)",
                        error_messages={"min_value": "Le coût total ne peut pas être négatif."})
    funding_etat = AmountInput(label="Financement de l'État (€)", required=False, error_messages=NEGATIVE)
    funding_region = AmountInput(label="Financement de la Région (€)", required=False, error_messages=NEGATIVE)
    funding_europe = AmountInput(label="Financement européen (€)", required=False, error_messages=NEGATIVE)
    funding_autre = AmountInput(label="Autres financements (€)", required=False, error_messages=NEGATIVE)
    funding_autre_label = forms.CharField(label="Autres financeurs (précision)", max_length=200, required=False)
    key = forms.ChoiceField(label="Clé de répartition du reste à charge", choices=SharingKey.choices)
    population_basis = forms.ChoiceField(label="Population retenue (clé population)", choices=PopulationBasis.choices,
                                         initial=PopulationBasis.MUNICIPAL, required=False)
    fixed_partner = PartnerChoiceField(label="Partenaire à part fixe", queryset=Partnership.objects.none(),
                                       required=False, empty_label="— aucun —")
    fixed_mode = forms.ChoiceField(label="Part fixe exprimée en", choices=[("", "—"), *FixedMode.choices],
                                   required=False)
    fixed_value = DecimalInput(label="Part fixe (% ou €)", min_value=Decimal(0), max_value=MAX_AMOUNT,
                               decimal_places=2, units=("€", "%"), required=False,
                               error_messages={"min_value": "La part fixe ne peut pas être négative."})
    rest_key = forms.ChoiceField(
        label="Clé pour le reste", required=False,
        choices=[("", "—"), *[(k, label) for k, label in SharingKey.choices if k != SharingKey.FIXED]],
    )
    count_label = forms.CharField(label="Objet compté (clé « nombre »)", max_length=60, required=False,
                                  help_text="Par exemple : déchèteries.")
    note = forms.CharField(max_length=DESCRIPTION_LENGTH, label="Commentaire", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.partners = list(action.participants.select_related("organization__territory")
                             .order_by("organization__name"))
        self.fields["fixed_partner"].queryset = action.participants.select_related("organization")
        for partner in self.partners:
            self.fields[f"count_{partner.pk}"] = CountInput(
                label=f"Nombre — {partner.organization.name}", required=False,
                error_messages={"min_value": "Un nombre ne peut pas être négatif."})
            self.fields[f"weight_{partner.pk}"] = WeightInput(
                label=f"Poids — {partner.organization.name}", required=False, max_value=MAX_SHARE_WEIGHT,
                decimal_places=4, error_messages={"min_value": "Un poids ne peut pas être négatif."})

    def partner_rows(self):
        return [(p, self[f"count_{p.pk}"], self[f"weight_{p.pk}"]) for p in self.partners]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.financing = self.to_data(cleaned)
        try:
            self.shares, self.external = financing_services.compute_shares(self.action, self.financing, self.partners)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned

    def to_data(self, cleaned) -> financing_services.FinancingData:
        fundings = [
            (source, cleaned.get("funding_autre_label", "") if source == FundingSource.OTHER else "",
             cleaned.get(f"funding_{source}"))
            for source in FundingSource.values if cleaned.get(f"funding_{source}")
        ]
        return financing_services.FinancingData(
            total=cleaned["total"], key=cleaned["key"], fundings=fundings,
            population_basis=cleaned.get("population_basis") or PopulationBasis.MUNICIPAL,
            fixed_partner=cleaned.get("fixed_partner"), fixed_mode=cleaned.get("fixed_mode", ""),
            fixed_value=cleaned.get("fixed_value"), rest_key=cleaned.get("rest_key", ""),
            count_label=cleaned.get("count_label", ""), note=cleaned.get("note", ""),
            counts={p.pk: cleaned[f"count_{p.pk}"] for p in self.partners if cleaned.get(f"count_{p.pk}") is not None},
            weights={p.pk: cleaned[f"weight_{p.pk}"] for p in self.partners
                     if cleaned.get(f"weight_{p.pk}") is not None},
        )



def financing_initial(plan) -> dict:
    initial = {
        "total": plan.total, "key": plan.key, "population_basis": plan.population_basis,
        "fixed_partner": plan.fixed_partner_id, "fixed_mode": plan.fixed_mode, "fixed_value": plan.fixed_value,
        "rest_key": plan.rest_key, "count_label": plan.count_label, "note": plan.note,
    }
    for funding in plan.fundings.all():
        initial[f"funding_{funding.source}"] = funding.amount
        if funding.source == FundingSource.OTHER:
            initial["funding_autre_label"] = funding.label
    for share in plan.shares.all():
        initial[f"count_{share.partnership_id}"] = share.count
        initial[f"weight_{share.partnership_id}"] = share.weight
    return initial
