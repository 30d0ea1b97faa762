from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from entente.cooperations.models import MemberRole, Partnership
from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.numbers import MAX_CRITERION_WEIGHT, IntegerInput, PercentInput, WeightInput

from .models import Axis, BoundRule, CriterionKind, Domain, WorkshopKind
from .participation_selectors import joining_organizations, partner_organizations
from .presets import GRID_PRESET_CHOICES

ANONYMITY_KEPT = (
    "Personne, coordination et opérateurs compris, ne pourra savoir qui a donné quelle note. "
    "Une évaluation commencée sous anonymat le reste : l'anonymat ne se retire plus après la première note."
)
FACILITATOR_ROLES = [MemberRole.COORDINATOR, MemberRole.MEMBER, MemberRole.CONTRIBUTOR]


class WorkshopForm(forms.Form):
    title = forms.CharField(
        label="Intitulé", max_length=200, help_text="Par exemple « Atelier des directions — Département 37 »."
    )
    kind = forms.ChoiceField(
        label="Type d'atelier", choices=WorkshopKind.choices, initial=WorkshopKind.JOINT, widget=forms.RadioSelect
    )
    host = forms.ModelChoiceField(
        label="Partenaire organisateur",
        queryset=Partnership.objects.none(),
        required=False,
        help_text="Obligatoire pour un atelier interne.",
    )
    held_on = forms.DateField(
        label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label="Lieu", max_length=200, required=False)
    facilitator = forms.ModelChoiceField(
        label="Animateur·rice",
        queryset=None,
        required=False,
        empty_label="Non désigné·e",
        help_text="Une personne de la coopération : elle anime l'atelier (phases, code, résultats en direct, fusions).",
    )
    grid_preset = forms.ChoiceField(label="Grille d'évaluation", choices=GRID_PRESET_CHOICES)
    anonymous = forms.BooleanField(
        label="Évaluation anonyme",
        required=False,
        help_text="Personne, coordination et opérateurs compris, ne pourra savoir qui a donné quelle note.",
    )

    def __init__(self, *args, cooperation, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Partnership.objects.active().filter(
            cooperation=cooperation,
        ).select_related("organization")
        self.fields["host"].label_from_instance = lambda p: p.organization.name
        self.fields["facilitator"].queryset = (
            get_user_model()
            .objects.filter(memberships__cooperation=cooperation, memberships__role__in=FACILITATOR_ROLES)
            .order_by("display_name", "last_name", "email")
            .distinct()
        )
        self.fields["facilitator"].label_from_instance = lambda user: user.public_name
        if editing:
            del self.fields["grid_preset"]
            self.fields["anonymous"].help_text = ANONYMITY_KEPT

    def clean(self):
        data = super().clean()
        if data.get("kind") == WorkshopKind.INTERNAL and not data.get("host"):
            self.add_error("host", "Un atelier interne doit indiquer le partenaire qui l'organise.")
        return data


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label="Code de participation", max_length=12, help_text="Le code à 6 caractères affiché par l'animation."
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "")


class JoinForm(forms.Form):
    display_name = forms.CharField(
        label="Votre nom (tel qu'il sera affiché)",
        max_length=120,
        help_text="Par exemple votre fonction : « DGA Solidarités ».",
    )
    organization = forms.ModelChoiceField(
        label="Votre organisation", queryset=None, empty_label="Choisissez votre organisation"
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = joining_organizations(workshop)
        if workshop.is_internal and workshop.host_id:
            self.fields["organization"].initial = workshop.host.organization_id
            self.fields["organization"].help_text = "Atelier interne à ce partenaire."


class IdeaForm(forms.Form):
    title = forms.CharField(label="Intitulé de la piste", max_length=255)
    description = forms.CharField(
        max_length=DESCRIPTION_LENGTH, label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    domain = forms.ModelChoiceField(
        label="Domaine", queryset=Domain.objects.none(), required=False, empty_label="Aucun domaine"
    )
    organization = forms.ModelChoiceField(
        label="Organisation proposante", queryset=None, required=False, empty_label="Mon organisation"
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = Domain.objects.filter(cooperation_id=workshop.cooperation_id)
        self.fields["organization"].queryset = partner_organizations(workshop)


class ArbitrationForm(forms.Form):
    """Who arbitrates: a meeting of one of the cooperation's bodies (or a new one) when governance offers
    them; otherwise the body's name as free text, and the arbitration stays out of the decision register."""

    sitting = forms.ChoiceField(
        label="Instance et réunion qui arbitrent",
        help_text="L'arbitrage est inscrit comme décision de cette réunion, au registre de l'instance. "
        "Une nouvelle réunion est créée à la date de l'arbitrage.",
        error_messages={
            "required": "Choisissez l'instance et la réunion qui arbitrent.",
            "invalid_choice": "Cette réunion ou cette instance n'existe pas dans cette coopération.",
        },
    )
    body = forms.CharField(label="Instance qui arbitre", max_length=200, initial="Comité de pilotage")
    decided_on = forms.DateField(
        label="Date de l'arbitrage",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, cooperation, recorder=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = recorder.sitting_choices(cooperation) if recorder else []
        self.records_decision = bool(choices)
        if self.records_decision:
            del self.fields["body"]
            self.fields["sitting"].choices = [("", "Choisissez une réunion")] + choices
            self.fields["decided_on"].help_text = "Pour une nouvelle réunion ; sinon, la date de la réunion choisie."
        else:
            del self.fields["sitting"]
            self.fields["decided_on"].required = True
            self.fields["decided_on"].error_messages["required"] = "Indiquez la date de l'arbitrage."

    def clean(self):
        data = super().clean()
        new_meeting = str(data.get("sitting", "")).startswith("nouvelle-")
        if new_meeting and not data.get("decided_on"):
            self.add_error("decided_on", "Indiquez la date de la réunion qui arbitre.")
        if (
            data.get("decided_on")
            and data["decided_on"] > timezone.localdate()
            and (new_meeting or not self.records_decision)
        ):
            self.add_error("decided_on", "La date de l'arbitrage ne peut pas être dans le futur.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV ou XLSX", help_text="Colonnes : intitulé, description, domaine, organisation. 5 Mo au plus."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError("Le fichier dépasse 5 Mo.")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError("Format non pris en charge : déposez un fichier .csv ou .xlsx.")
        return upload


class CriterionForm(forms.Form):
    label = forms.CharField(label="Libellé du critère", max_length=200)
    kind = forms.ChoiceField(
        label="Type de réponse",
        choices=CriterionKind.choices,
        initial=CriterionKind.SCALE,
        help_text="« Oui / en partie / non » compte 2, 1 et 0 points.",
    )
    scale_min = IntegerInput(label="Échelle : minimum", initial=1, min_value=0, max_value=9, required=False)
    scale_max = IntegerInput(label="Échelle : maximum", initial=4, min_value=1, max_value=10, required=False)
    weight = WeightInput(
        label="Poids", initial=1, min_value=Decimal("0.01"), max_value=MAX_CRITERION_WEIGHT, decimal_places=2
    )
    axis = forms.ChoiceField(label="Axe de la matrice", choices=Axis.choices, required=False)

    def clean(self):
        data = super().clean()
        if data.get("kind") == CriterionKind.SCALE:
            low, high = data.get("scale_min"), data.get("scale_max")
            if low is None or high is None:
                raise ValidationError("Indiquez le minimum et le maximum de l'échelle.")
            if low >= high:
                raise ValidationError("Le minimum de l'échelle doit être inférieur au maximum.")
        else:
            data["scale_min"], data["scale_max"] = 0, 2
        data["axis"] = data.get("axis") or ""
        return data


class GridPresetForm(forms.Form):
    preset = forms.ChoiceField(label="Grille proposée", choices=GRID_PRESET_CHOICES)


class DomainForm(forms.Form):
    label = forms.CharField(label="Nouveau domaine", max_length=120)


class MatrixBoundsForm(forms.Form):
    """Where the facilitator places the bounds of the priority matrix's quadrants."""

    value_threshold = PercentInput(
        label="Plus-value forte à partir de (sur 100)",
        min_value=1,
        max_value=99,
        error_messages={
            "required": "Indiquez le seuil de plus-value, entre 1 et 99.",
            "min_value": "Le seuil de plus-value va de 1 à 99.",
            "max_value": "Le seuil de plus-value va de 1 à 99.",
        },
    )
    feasibility_threshold = PercentInput(
        label="Faisable à court terme à partir de (sur 100)",
        min_value=1,
        max_value=99,
        error_messages={
            "required": "Indiquez le seuil de faisabilité, entre 1 et 99.",
            "min_value": "Le seuil de faisabilité va de 1 à 99.",
            "max_value": "Le seuil de faisabilité va de 1 à 99.",
        },
    )
    bound_rule = forms.ChoiceField(
        label="Une piste notée exactement au seuil", choices=BoundRule.choices, widget=forms.RadioSelect
    )
