"""Forms of the portfolio: they validate at the edge and build the services' input."""

from decimal import Decimal

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property

from entente.accounts.models import User
from entente.cooperations.models import CooperationForm, Partnership, Purpose
from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.numbers import (
    PercentInput,
    QuantityInput,
)
from entente.territories.models import Organization, OrganizationKind, Territory
from entente.territories.selectors import kind_label

from . import services
from .models import (
    Action,
    ActionStatus,
    Axis,
    LinkKind,
    Workstream,
)


def date_input():
    """A browser date picker; its value must be ISO (2026-06-30), whatever the French display format."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def ideas_of(cooperation):
    """The pistes of a cooperation's workshops, candidates as origins of an action."""
    Idea = apps.get_model("workshops", "Idea")
    return Idea.objects.filter(workshop__cooperation=cooperation, merged_into__isnull=True) \
        .select_related("workshop").order_by("workshop__pk", "pk")


PROGRESS_MESSAGES = {"max_value": "L'avancement ne peut pas dépasser 100 %%.",
                     "min_value": "L'avancement ne peut pas être négatif."}


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organization.name


class PartnerMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organization.name


class ActionForm(forms.Form):
    title = forms.CharField(label="Intitulé", max_length=255)
    description = forms.CharField(max_length=DESCRIPTION_LENGTH, label="Description", required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    workstream = forms.ModelChoiceField(label="Chantier existant", queryset=Workstream.objects.none(),
                                        required=False, empty_label="— nouveau chantier, nommé ci-dessous —")
    new_workstream = forms.CharField(
        label="Nouveau chantier", max_length=200, required=False,
        help_text="S'il n'existe pas encore : son nom, par exemple « Mobilités ». Il est créé avec l'action.",
    )
    new_workstream_axis = forms.ModelChoiceField(label="Axe du nouveau chantier", queryset=Axis.objects.none(),
                                                 required=False, empty_label="— hors axe —")
    new_axis = forms.CharField(label="Nouvel axe pour ce chantier (facultatif)", max_length=200, required=False,
                               help_text="Un axe regroupe plusieurs chantiers ; laissez vide si la coopération "
                               "n'en utilise pas.")
    participants = PartnerMultipleField(
        label="Partenaires participants", queryset=Partnership.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Géométrie variable : cochez les partenaires de la coopération qui prennent part à l'action.",
    )
    lead = PartnerChoiceField(label="Chef de file", queryset=Partnership.objects.none(), required=False,
                              empty_label="— aucun pour l'instant —",
                              help_text="Il doit faire partie des participants.")
    new_external = forms.CharField(
        label="Autre partenaire extérieur, qui n'est pas une collectivité", max_length=255, required=False,
        help_text="Agence, syndicat mixte, établissement public, association… : son nom.",
    )
    new_external_kind = forms.ChoiceField(
        label="Nature de cette organisation", required=False, initial=OrganizationKind.OTHER,
        choices=[c for c in OrganizationKind.choices if c[0] != OrganizationKind.LOCAL_AUTHORITY],
    )
    referents = forms.ModelMultipleChoiceField(label="Référents", queryset=User.objects.none(), required=False,
                                               widget=forms.CheckboxSelectMultiple)
    purposes = forms.ModelMultipleChoiceField(label="Finalités servies", queryset=Purpose.objects.none(),
                                              required=False, widget=forms.CheckboxSelectMultiple)
    forms_ = forms.ModelMultipleChoiceField(label="Formes de coopération", queryset=CooperationForm.objects.none(),
                                            required=False, widget=forms.CheckboxSelectMultiple)
    status = forms.ChoiceField(label="Statut", choices=ActionStatus.choices, initial=ActionStatus.IDEA)
    progress = PercentInput(label="Avancement (%)", initial=0, error_messages=PROGRESS_MESSAGES)
    start_on = forms.DateField(label="Début", required=False, widget=date_input())
    end_on = forms.DateField(label="Fin", required=False, widget=date_input())

    def __init__(self, data=None, *args, cooperation, instance: Action | None = None, **kwargs):
        self.cooperation, self.instance = cooperation, instance
        if instance is not None and data is None:
            kwargs["initial"] = initial_from(instance)
        super().__init__(data, *args, **kwargs)
        partners = Partnership.objects.filter(cooperation=cooperation).select_related("organization") \
            .order_by("organization__name")
        self.fields["workstream"].queryset = Workstream.objects.filter(cooperation=cooperation).select_related("axis")
        self.fields["workstream"].label_from_instance = lambda w: f"{w.axis.title} — {w.title}" if w.axis_id \
            else w.title
        self.fields["new_workstream_axis"].queryset = Axis.objects.filter(cooperation=cooperation)
        self.fields["participants"].queryset = partners
        self.fields["lead"].queryset = partners
        self.fields["referents"].queryset = User.objects.filter(memberships__cooperation=cooperation) \
            .order_by("display_name", "email")
        self.fields["referents"].label_from_instance = lambda u: u.public_name
        self.fields["purposes"].queryset = Purpose.objects.filter(
            Q(cooperation__isnull=True) | Q(cooperation=cooperation))
        self.fields["forms_"].queryset = CooperationForm.objects.filter(
            Q(cooperation__isnull=True) | Q(cooperation=cooperation))
        self.fields["source_ideas"] = forms.ModelMultipleChoiceField(
            label="Pistes d'origine", required=False, queryset=ideas_of(cooperation),
            help_text="Les pistes des ateliers dont l'action est issue (Ctrl ou Cmd pour en choisir plusieurs).",
        )
        self.fields["source_ideas"].label_from_instance = lambda idea: f"{idea.workshop.title} — {idea.title}"

    def clean(self):
        cleaned = super().clean()
        workstream = self._chosen_workstream(cleaned)
        external_organizations, external_territories = self._picked_externals()
        if self.errors:
            return cleaned
        self.data_for_service = services.ActionData(
            title=cleaned["title"], workstream=workstream, description=cleaned.get("description", ""),
            lead=cleaned.get("lead"), participants=list(cleaned.get("participants") or []),
            external_partners=external_organizations,
            referents=list(cleaned.get("referents") or []), purposes=list(cleaned.get("purposes") or []),
            forms=list(cleaned.get("forms_") or []), status=cleaned["status"], progress=cleaned["progress"],
            start_on=cleaned.get("start_on"), end_on=cleaned.get("end_on"),
            source_ideas=list(cleaned.get("source_ideas") or []),
            external_territories=external_territories,
            new_external_organizations=[(cleaned["new_external"].strip(),
                                         cleaned.get("new_external_kind") or OrganizationKind.OTHER)]
            if cleaned.get("new_external", "").strip() else [],
        )
        try:
            services.validate_action(self.cooperation, self.data_for_service)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(FIELD_OF_ERROR.get(field, field), messages)
        return cleaned

    def _picked_externals(self) -> tuple[list[Organization], list[Territory]]:
        """The outside partners picked through the registry search (`external` references)."""
        organizations, territories = [], []
        for reference in dict.fromkeys(self.data.getlist("external") if hasattr(self.data, "getlist") else []):
            picked = resolve_external(reference)
            if picked is None:
                self.add_error(None, f"Partenaire extérieur non reconnu : « {reference} ». "
                                     "Choisissez-le dans la liste proposée par la recherche.")
            elif isinstance(picked, Territory):
                territories.append(picked)
            else:
                organizations.append(picked)
        return organizations, territories

    @cached_property
    def picked_externals(self) -> list[dict]:
        """The outside partners shown as picked rows: as posted, or the action's own."""
        if self.is_bound:
            picked = [resolve_external(r) for r in dict.fromkeys(self.data.getlist("external"))]
        elif self.instance is not None:
            picked = list(self.instance.external_partners.select_related("territory__departement"))
        else:
            picked = []
        return [external_row(item) for item in picked if item is not None]

    @cached_property
    def has_workstreams(self) -> bool:
        return self.fields["workstream"].queryset.exists()

    @cached_property
    def has_axes(self) -> bool:
        return self.fields["new_workstream_axis"].queryset.exists()

    def _chosen_workstream(self, cleaned):
        """An existing chantier, or a new one named here (a first action needs no detour)."""
        existing, title = cleaned.get("workstream"), (cleaned.get("new_workstream") or "").strip()
        if existing and title:
            self.add_error("new_workstream", "Choisissez un chantier existant ou nommez-en un nouveau, pas les deux.")
        elif existing:
            return existing
        elif title:
            return services.NewWorkstream(title=title, axis=cleaned.get("new_workstream_axis"),
                                          axis_title=(cleaned.get("new_axis") or "").strip())
        elif "workstream" not in self.errors and "new_workstream" not in self.errors:
            self.add_error("new_workstream", "Choisissez le chantier de l'action, ou nommez-en un nouveau.")
        return None


# Errors of the service reported on the form's fields (outside partners have a picker, no field).
FIELD_OF_ERROR = {"forms": "forms_", "external_partners": None}


def resolve_external(reference: str) -> Organization | Territory | None:
    """`territory:<kind>:<code>` (a current territory of the registry) or `organization:<id>`."""
    parts = (reference or "").split(":")
    if len(parts) == 3 and parts[0] == "territory":
        return Territory.objects.select_related("departement").filter(
            kind=parts[1], code=parts[2], is_current=True).first()
    if len(parts) == 2 and parts[0] == "organization" and parts[1].isdigit():
        return Organization.objects.select_related("territory__departement").filter(pk=int(parts[1])).first()
    return None


def external_row(item: Organization | Territory) -> dict:
    """A picked outside partner as the picker shows it: reference and label."""
    territory = item if isinstance(item, Territory) else item.territory
    if territory is not None:
        return {"reference": f"territory:{territory.kind}:{territory.code}",
                "label": f"{territory.name} ({kind_label(territory)})"}
    return {"reference": f"organization:{item.pk}", "label": f"{item.name} ({item.get_kind_display()})"}


def initial_from(action: Action) -> dict:
    initial = {
        "title": action.title, "description": action.description, "workstream": action.workstream_id,
        "lead": action.lead_id, "participants": list(action.participants.all()),
        "referents": list(action.referents.all()),
        "purposes": list(action.purposes.all()), "forms_": list(action.forms.all()), "status": action.status,
        "progress": action.progress, "start_on": action.start_on, "end_on": action.end_on,
    }
    initial["source_ideas"] = list(action.source_ideas.all())
    return initial


class AxisForm(forms.Form):
    title = forms.CharField(label="Intitulé de l'axe", max_length=200)
    description = forms.CharField(max_length=DESCRIPTION_LENGTH, label="Description", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class WorkstreamForm(forms.Form):
    title = forms.CharField(label="Intitulé du chantier", max_length=200)
    axis = forms.ModelChoiceField(label="Axe", queryset=Axis.objects.none(), required=False,
                                  empty_label="— hors axe —")
    lead = PartnerChoiceField(label="Chef de file du chantier", queryset=Partnership.objects.none(), required=False,
                              empty_label="— aucun —")
    description = forms.CharField(max_length=DESCRIPTION_LENGTH, label="Description", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.filter(cooperation=cooperation)
        self.fields["lead"].queryset = Partnership.objects.filter(cooperation=cooperation) \
            .select_related("organization")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Nouveau statut", choices=ActionStatus.choices)
    progress = PercentInput(label="Avancement (%)", required=False, error_messages=PROGRESS_MESSAGES)
    comment = forms.CharField(max_length=DESCRIPTION_LENGTH, label="Commentaire (facultatif)", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    occurred_on = forms.DateField(label="Date du changement", required=False, widget=date_input(),
                                  help_text="Par exemple la date du comité qui l'a décidé ; aujourd'hui si vide.")


class CommentForm(forms.Form):
    text = forms.CharField(label="Commentaire", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Jalon", max_length=200)
    due_on = forms.DateField(label="Échéance", widget=date_input())


class MilestoneEditForm(MilestoneForm):
    done_on = forms.DateField(label="Atteint le", required=False, widget=date_input(),
                              help_text="Laissez vide si le jalon n'est pas encore atteint.")


class IndicatorForm(forms.Form):
    label = forms.CharField(label="Indicateur", max_length=200)
    unit = forms.CharField(label="Unité", max_length=40, required=False)
    target = QuantityInput(label="Cible", min_value=Decimal("0.01"),
                           error_messages={"min_value": "La cible doit être un nombre positif."})
    current = QuantityInput(label="Valeur actuelle", required=False,
                            error_messages={"min_value": "La valeur actuelle ne peut pas être négative."})


class IndicatorUpdateForm(forms.Form):
    current = QuantityInput(label="Valeur actuelle",
                            error_messages={"min_value": "La valeur actuelle ne peut pas être négative."})


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label="Nature du lien", choices=LinkKind.choices)
    target = forms.ModelChoiceField(label="Action liée", queryset=Action.objects.none(),
                                    empty_label="— choisir une action —")
    note = forms.CharField(label="Précision", max_length=255, required=False)

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Action.objects.filter(cooperation_id=action.cooperation_id) \
            .select_related("workstream").order_by("workstream__position", "position", "pk")
        self.fields["target"].label_from_instance = lambda a: f"{a.workstream.title} — {a.title}"


class PortfolioFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Mot de l'intitulé"}))
    axis = forms.ModelChoiceField(label="Axe", queryset=Axis.objects.none(), required=False, empty_label="Tous")
    status = forms.ChoiceField(label="Statut", choices=[("", "Tous"), *ActionStatus.choices], required=False)
    lead = PartnerChoiceField(label="Chef de file", queryset=Partnership.objects.none(), required=False,
                              empty_label="Tous")
    partner = PartnerChoiceField(label="Partenaire participant", queryset=Partnership.objects.none(),
                                 required=False, empty_label="Tous")
    purpose = forms.ModelChoiceField(label="Finalité", queryset=Purpose.objects.none(), required=False,
                                     empty_label="Toutes")

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Partnership.objects.filter(cooperation=cooperation).select_related("organization") \
            .order_by("organization__name")
        self.fields["axis"].queryset = Axis.objects.filter(cooperation=cooperation)
        self.fields["lead"].queryset = partners
        self.fields["partner"].queryset = partners
        self.fields["purpose"].queryset = Purpose.objects.filter(
            Q(cooperation__isnull=True) | Q(cooperation=cooperation))

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("q", "").strip():
            words = data["q"].split()
            for word in words:
                queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
        if data.get("axis"):
            queryset = queryset.filter(workstream__axis=data["axis"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("lead"):
            queryset = queryset.filter(lead=data["lead"])
        if data.get("partner"):
            queryset = queryset.filter(participants=data["partner"])
        if data.get("purpose"):
            queryset = queryset.filter(purposes=data["purpose"])
        return queryset
