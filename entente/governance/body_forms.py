"""Forms of bodies: settings, presets, seats, council dates, rotation order and vote weights.

Forms validate at the edge, with French messages; the services enforce the invariants."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.core.french import de
from entente.core.numbers import MAX_VOTE_WEIGHT, CountInput, IntegerInput, NumberTextInput, PercentInput, WeightInput

from .body_models import MAX_COUNCIL_LEAD_DAYS, Body, BodyRole, CodirFunction
from .form_fields import DATE_INPUT, PartnerField, partner_choices
from .presets import PRESETS


class BodyForm(forms.ModelForm):
    functions = forms.MultipleChoiceField(
        label="Fonctions (CoDir de territoire)", choices=CodirFunction.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    council_lead_days = CountInput(
        label="Jours avant le conseil", initial=7, max_value=MAX_COUNCIL_LEAD_DAYS,
        help_text="Pour une instance réunie avant chaque conseil communautaire : écart visé, en jours.",
    )
    agenda_deadline_amount = CountInput(
        label="Délai d'envoi de l'ordre du jour", initial=48, max_value=720,
        error_messages={"max_value": "Le délai d'envoi ne peut pas dépasser 720 (heures ou jours)."},
    )
    quorum_percent = PercentInput(
        label="Quorum (en %)", initial=50,
        error_messages={"max_value": "Le quorum s'exprime en pourcentage : 100 au plus."},
    )

    class Meta:
        model = Body
        fields = ["name", "kind", "mandate", "functions", "periodicity", "council_lead_days", "rotation",
                  "rotates_convener", "rotates_chair", "rotates_place", "agenda_deadline_amount",
                  "agenda_deadline_unit", "quorum_basis", "quorum_percent", "proxies_count_for_quorum",
                  "voting_mode", "weighting"]
        widgets = {"mandate": forms.Textarea(attrs={"rows": 3})}


class PresetForm(forms.Form):
    """The usual bodies not created yet: a preset whose name is already taken is not offered again."""

    presets = forms.MultipleChoiceField(
        label="Instances à créer", choices=(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins une instance.",
                        "invalid_choice": "« %(value)s » existe déjà ou n'est pas un modèle d'instance."},
    )

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        names = Body.objects.filter(cooperation=cooperation).values_list("name", flat=True)
        taken = {name.casefold() for name in names}
        self.fields["presets"].choices = [(code, preset.name) for code, preset in PRESETS.items()
                                          if preset.name.casefold() not in taken]
        offered = {code for code, _name in self.fields["presets"].choices}
        self.initial["presets"] = [code for code in self.initial.get("presets", []) if code in offered]


class BodyMemberForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique de la personne", required=False,
                             help_text="Laisser vide pour un siège de partenaire sans personne désignée.")
    partner = PartnerField(label="Partenaire représenté", queryset=Partnership.objects.none(), required=False)
    role = forms.ChoiceField(label="Rôle dans l'instance", choices=BodyRole.choices, initial=BodyRole.MEMBER)
    label = forms.CharField(label="Fonction", max_length=200, required=False,
                            help_text="Par exemple : DGA Ressources, vice-président·e.")

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_choices(cooperation)

    def clean(self):
        data = super().clean()
        email = (data.get("email") or "").strip().lower()
        data["user"] = None
        if email:
            data["user"] = User.objects.filter(email__iexact=email, is_active=True).first()
            if data["user"] is None:
                self.add_error("email", "Aucun compte Entente ne correspond à cette adresse.")
        elif not data.get("partner"):
            raise ValidationError("Indiquez une personne, un partenaire, ou les deux.")
        return data


def seat_initial(seat) -> dict:
    return {"email": seat.user.email if seat.user_id else "", "partner": seat.partner_id, "role": seat.role,
            "label": seat.label}


class CouncilSessionForm(forms.Form):
    date = forms.DateField(label="Date du conseil communautaire", widget=DATE_INPUT)
    label = forms.CharField(label="Intitulé", max_length=200, required=False)


class RotationForm(forms.Form):
    """One position (and theme) per partner; partners left without a position are outside the rotation."""

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = list(partner_choices(body.cooperation))
        current = {slot.partner_id: slot for slot in body.rotation_slots.all()}
        for partner in self.partners:
            slot = current.get(partner.pk)
            self.fields[f"position_{partner.pk}"] = IntegerInput(
                label=f"Rang {de(partner.organization)}", min_value=1, max_value=999, required=False,
                initial=slot.position if slot else None, widget=NumberTextInput(attrs={"class": "fr-input"}))
            self.fields[f"theme_{partner.pk}"] = forms.CharField(
                label=f"Thème présidé par {partner.organization.name}", max_length=200, required=False,
                initial=slot.theme if slot else "", widget=forms.TextInput(attrs={"class": "fr-input"}))

    def rows(self):
        return [(p, self[f"position_{p.pk}"], self[f"theme_{p.pk}"]) for p in self.partners]

    def clean(self):
        data = super().clean()
        ranked = [(data.get(f"position_{p.pk}"), p, data.get(f"theme_{p.pk}") or "") for p in self.partners
                  if data.get(f"position_{p.pk}")]
        positions = [rank for rank, _, _ in ranked]
        if len(positions) != len(set(positions)):
            raise ValidationError("Deux partenaires ont le même rang : chaque rang ne sert qu'une fois.")
        data["slots"] = [(partner, theme) for _, partner, theme in sorted(ranked, key=lambda row: row[0])]
        return data


class WeightsForm(forms.Form):
    """One weight per partner, for bodies whose votes are weighted by hand."""

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = list(partner_choices(body.cooperation))
        current = {w.partner_id: w.weight for w in body.weights.all()}
        for partner in self.partners:
            self.fields[f"weight_{partner.pk}"] = WeightInput(
                label=f"Poids {de(partner.organization)}", min_value=Decimal("0.01"), max_value=MAX_VOTE_WEIGHT,
                decimal_places=2, required=False, initial=current.get(partner.pk),
                widget=NumberTextInput(attrs={"class": "fr-input"}),
                error_messages={"min_value": "Le poids d'un partenaire doit être strictement positif."})

    def rows(self):
        return [(partner, self[f"weight_{partner.pk}"]) for partner in self.partners]

    def clean(self):
        data = super().clean()
        data["weights"] = [(p, data[f"weight_{p.pk}"]) for p in self.partners if data.get(f"weight_{p.pk}")]
        return data
