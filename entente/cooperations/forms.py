from django import forms
from django.core.exceptions import ValidationError

from entente.accounts.models import User
from entente.territories.models import Organization, OrganizationKind, Territory

from .models import (
    Cooperation,
    CooperationForm,
    CooperationKind,
    MemberRole,
    PartnerRole,
    Purpose,
    Stage,
    TimelineStep,
    Visibility,
)
from .services import PartnerChoice

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def check_partner_reference(reference: str) -> None:
    """Refuse a reference that does not point to an existing territory or organization."""
    parts = (reference or "").split(":")
    if len(parts) == 3 and parts[0] == "territory":
        if Territory.objects.filter(kind=parts[1], code=parts[2]).exists():
            return
        raise ValidationError(f"Territoire inconnu : « {parts[2]} ».")
    if len(parts) == 2 and parts[0] == "organization" and parts[1].isdigit():
        if Organization.objects.filter(pk=int(parts[1])).exists():
            return
        raise ValidationError("Organisation inconnue.")
    raise ValidationError(f"Partenaire non reconnu : « {reference} ». Choisissez-le dans la liste proposée.")


class CooperationEditForm(forms.ModelForm):
    purposes = forms.ModelMultipleChoiceField(
        label="Finalités poursuivies", required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Purpose.objects.filter(cooperation=None),
    )
    forms = forms.ModelMultipleChoiceField(
        label="Formes de coopération", required=False, widget=forms.CheckboxSelectMultiple,
        queryset=CooperationForm.objects.filter(cooperation=None),
    )

    class Meta:
        model = Cooperation
        fields = ["name", "kind", "description", "visibility", "started_on", "purposes", "forms"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "started_on": DATE_INPUT,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "visibility": "Une coopération publique apparaît dans l'annuaire et ses pages se lisent sans compte.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["kind"].choices = CooperationKind.choices
        self.fields["visibility"].choices = Visibility.choices

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if len(name) < 3:
            raise ValidationError("Le nom doit compter au moins 3 caractères.")
        return name


def parse_partner_choices(form: forms.Form) -> list[PartnerChoice]:
    """Read the partners picked through the autocomplete (`partner` + `partner_role` pairs)."""
    data = form.data
    references = data.getlist("partner") if hasattr(data, "getlist") else []
    roles = data.getlist("partner_role") if hasattr(data, "getlist") else []
    choices, seen = [], set()
    for index, reference in enumerate(references):
        role = roles[index] if index < len(roles) else PartnerRole.SIGNATORY
        if role not in PartnerRole.values:
            form.add_error(None, f"Rôle de partenaire inconnu : « {role} ».")
            continue
        try:
            check_partner_reference(reference)
        except ValidationError as error:
            form.add_error(None, error)
            continue
        if reference not in seen:
            seen.add(reference)
            choices.append(PartnerChoice(reference=reference, role=role))
    return choices


def partner_reference(organization: Organization) -> str:
    """The picker's reference of an organization: its territory's when it is a collectivité."""
    territory = organization.territory
    if territory is not None:
        return f"territory:{territory.kind}:{territory.code}"
    return f"organization:{organization.pk}"


class CooperationCreateForm(CooperationEditForm):
    """Creation also takes the first partners, picked through the territory autocomplete, and the
    partner the creator represents among them."""

    partner_choices: list[PartnerChoice] = []

    def clean(self):
        cleaned = super().clean()
        self.partner_choices = parse_partner_choices(self)
        self.represents = self._clean_represents()
        return cleaned

    def _clean_represents(self) -> str | None:
        """The picked partner the creator represents; "" for none; None when the field was not sent."""
        if "represents" not in self.data:
            return None
        reference = self.data.get("represents", "")
        if reference and reference not in {choice.reference for choice in self.partner_choices}:
            self.add_error(None, "Le partenaire que vous représentez doit faire partie des partenaires retenus.")
        return reference


class PartnerAddForm(forms.Form):
    joined_on = forms.DateField(label="Date d'entrée", required=False, widget=DATE_INPUT)
    partner_choices: list[PartnerChoice] = []

    def clean(self):
        cleaned = super().clean()
        self.partner_choices = parse_partner_choices(self)
        if not self.partner_choices and not self.errors:
            raise ValidationError("Choisissez au moins un partenaire dans la liste proposée.")
        return cleaned


class PartnerEditForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=PartnerRole.choices)


class PartnerLeaveForm(forms.Form):
    left_on = forms.DateField(label="Date de sortie", widget=DATE_INPUT)


class OrganizationCreateForm(forms.ModelForm):
    role = forms.ChoiceField(label="Rôle dans la coopération", choices=PartnerRole.choices,
                             initial=PartnerRole.ASSOCIATED)

    class Meta:
        model = Organization
        fields = ["name", "kind", "siren", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Collectivités come from the registry, never typed by hand.
        self.fields["kind"].choices = [c for c in OrganizationKind.choices if c[0] != OrganizationKind.LOCAL_AUTHORITY]

    def clean_siren(self):
        siren = self.cleaned_data["siren"].replace(" ", "")
        if siren and (len(siren) != 9 or not siren.isdigit()):
            raise ValidationError("Le SIREN compte exactement 9 chiffres.")
        return siren


class MemberAddForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique de la personne")
    role = forms.ChoiceField(label="Rôle", choices=MemberRole.choices, initial=MemberRole.MEMBER)
    partner = forms.ModelChoiceField(label="Représente", queryset=None, required=False,
                                     empty_label="— aucun partenaire —")

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperation = cooperation
        self.fields["partner"].queryset = cooperation.partnerships.active().select_related("organization")

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                "Aucun compte ne correspond à cette adresse : la personne doit d'abord créer son compte Entente."
            )
        if self.cooperation.memberships.filter(user=user).exists():
            raise ValidationError("Cette personne est déjà membre de la coopération.")
        self.user = user
        return email


class MemberEditForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=MemberRole.choices)
    partner = forms.ModelChoiceField(label="Représente", queryset=None, required=False,
                                     empty_label="— aucun partenaire —")

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = cooperation.partnerships.active().select_related("organization")


class TimelineStepForm(forms.ModelForm):
    class Meta:
        model = TimelineStep
        fields = ["date", "title", "stage", "description"]
        help_texts = {"date": "Laissez vide si la date n'est pas connue."}
        widgets = {"date": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "— sans étape type —"), *Stage.choices]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, widget=forms.SearchInput)
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous les types"), *CooperationKind.choices])
    departement = forms.ChoiceField(label="Département", required=False)
    region = forms.ChoiceField(label="Région", required=False)
    partner = forms.CharField(label="Partenaire", required=False, widget=forms.SearchInput)
    purpose = forms.ChoiceField(label="Finalité", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departements = Territory.objects.filter(kind="departement").order_by("code").values_list("code", "name")
        regions = Territory.objects.filter(kind="region").order_by("name").values_list("code", "name")
        self.fields["departement"].choices = [("", "Tous")] + [(c, f"{c} — {n}") for c, n in departements]
        self.fields["region"].choices = [("", "Toutes")] + list(regions)
        self.fields["purpose"].choices = [("", "Toutes")] + [
            (p.code, p.label) for p in Purpose.objects.filter(cooperation=None)
        ]
