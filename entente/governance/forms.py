"""Forms validate at the edge, with French messages; the services enforce the invariants."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.core.bounds import DECISION_LENGTH, DESCRIPTION_LENGTH, DOCUMENT_LENGTH
from entente.core.french import de
from entente.core.numbers import MAX_VOTE_WEIGHT, CountInput, IntegerInput, NumberTextInput, PercentInput, WeightInput

from . import decision_states
from .body_models import MAX_COUNCIL_LEAD_DAYS, Body, BodyKind, BodyRole, CodirFunction
from .decision_models import DecisionKind, FollowUpStatus, RatificationStatus, VoteChoice
from .meeting_models import AttendanceStatus, ItemKind, Meeting, MeetingFormat, MeetingStatus
from .presets import PRESETS

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "fr-input"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "fr-input"}, format="%Y-%m-%d")


def partner_choices(cooperation):
    # The territory gives each partner's article ("Rang de la Loire").
    return Partnership.objects.filter(cooperation=cooperation).select_related("organization__territory").order_by(
        "organization__name")


class PartnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organization.name


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name


def cooperation_people(cooperation):
    return User.objects.filter(memberships__cooperation=cooperation, is_active=True).order_by("display_name", "email")


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


def functions_field():
    return forms.MultipleChoiceField(
        label="Fonctions du collectif servies", choices=CodirFunction.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Relationnelle, opérationnelle, organisationnelle, institutionnelle : la page Réflexivité en montre "
        "l'équilibre dans le temps.",
    )


class MeetingForm(forms.ModelForm):
    functions = functions_field()
    convener_override = PartnerField(label="Convoque (dérogation à la rotation)", queryset=Partnership.objects.none(),
                                     required=False)
    chair_override = PartnerField(label="Préside (dérogation à la rotation)", queryset=Partnership.objects.none(),
                                  required=False)

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "format", "functions", "theme", "place", "online_url",
                  "convener_override", "chair_override", "override_reason"]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT}
        help_texts = {"place": "Laisser vide pour la salle du partenaire hôte quand le lieu tourne."}

    def __init__(self, *args, cooperation, with_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("convener_override", "chair_override"):
            self.fields[name].queryset = partner_choices(cooperation)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
        self.fields["ends_at"].input_formats = self.fields["starts_at"].input_formats
        if with_status:
            self.fields["status"] = forms.ChoiceField(label="Statut", choices=MeetingStatus.choices,
                                                      initial=self.instance.status)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "La fin de la réunion doit suivre son début.")
        if (data.get("convener_override") or data.get("chair_override")) and not data.get("override_reason"):
            self.add_error("override_reason", "Indiquez le motif de la dérogation à la rotation.")
        return data


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Intitulé du point", max_length=300)
    kind = forms.ChoiceField(label="Nature", choices=ItemKind.choices)
    format = forms.ChoiceField(label="Format du point", choices=[("", "Celui de la réunion"), *MeetingFormat.choices],
                               required=False)
    functions = functions_field()
    description = forms.CharField(max_length=DESCRIPTION_LENGTH, label="Présentation", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    presenter = PersonField(label="Présenté par", queryset=User.objects.none(), required=False)
    presenter_partner = PartnerField(label="Partenaire qui présente", queryset=Partnership.objects.none(),
                                     required=False)

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = cooperation_people(cooperation)
        self.fields["presenter_partner"].queryset = partner_choices(cooperation)


def item_initial(item) -> dict:
    return {"title": item.title, "kind": item.kind, "format": item.format, "functions": item.functions,
            "description": item.description,
            "presenter": item.presenter_id, "presenter_partner": item.presenter_partner_id}


class DocumentForm(forms.Form):
    item = forms.ModelChoiceField(label="Point de l'ordre du jour", queryset=None)
    title = forms.CharField(label="Titre du document", max_length=200)
    file = forms.FileField(label="Fichier", required=False)
    url = forms.URLField(label="ou lien vers le document", required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise ValidationError("Joignez un fichier ou indiquez un lien vers le document.")
        return data


class AttendanceForm(forms.Form):
    seat = forms.ModelChoiceField(label="Membre de l'instance", queryset=None, required=False)
    guest_email = forms.EmailField(label="ou adresse d'une personne invitée", required=False)
    status = forms.ChoiceField(label="Présence", choices=AttendanceStatus.choices)
    proxy = forms.ModelChoiceField(label="Représenté·e par (pouvoir)", queryset=None, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = meeting.body.members.select_related("user", "partner__organization")
        self.fields["proxy"].queryset = meeting.attendances.select_related("seat__user", "seat__partner__organization",
                                                                           "person", "holder")
        self.fields["proxy"].label_from_instance = lambda attendance: attendance.who

    def clean(self):
        data = super().clean()
        data["person"] = None
        email = (data.get("guest_email") or "").strip()
        if not data.get("seat") and not email:
            raise ValidationError("Choisissez un membre de l'instance ou indiquez l'adresse d'une personne invitée.")
        if not data.get("seat"):
            data["person"] = User.objects.filter(email__iexact=email, is_active=True).first()
            if data["person"] is None:
                self.add_error("guest_email", "Aucun compte Entente ne correspond à cette adresse.")
        if data.get("status") == AttendanceStatus.REPRESENTED and not data.get("proxy"):
            self.add_error("proxy", "Indiquez la personne présente qui détient le pouvoir.")
        return data


class AttendanceSheetForm(forms.Form):
    """One line per seat: presence and, for a represented member, who holds the proxy."""

    def __init__(self, *args, seats, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        by_seat = {a.seat_id: a for a in attendances if a.seat_id}
        holders = [("", "—")] + [(str(seat.pk), str(seat)) for seat in seats if seat.role != BodyRole.GUEST]
        for seat in seats:
            current = by_seat.get(seat.pk)
            self.fields[f"status_{seat.pk}"] = forms.ChoiceField(
                label=f"Présence de {seat}", required=False,
                choices=[("", "Non renseigné")] + list(AttendanceStatus.choices),
                initial=current.status if current else "")
            self.fields[f"proxy_{seat.pk}"] = forms.ChoiceField(
                label=f"Pouvoir de {seat} donné à", required=False, choices=holders,
                initial=str(current.proxy.seat_id) if current and current.proxy_id and current.proxy.seat_id else "")

    def rows(self):
        return [(seat, self[f"status_{seat.pk}"], self[f"proxy_{seat.pk}"]) for seat in self.seats]

    def clean(self):
        data = super().clean()
        by_pk = {str(seat.pk): seat for seat in self.seats}
        data["rows"] = [
            (seat, data.get(f"status_{seat.pk}") or "",
             by_pk.get(data.get(f"proxy_{seat.pk}") or "")
             if data.get(f"status_{seat.pk}") == AttendanceStatus.REPRESENTED else None)
            for seat in self.seats
        ]
        return data


class MinutesForm(forms.Form):
    text = forms.CharField(max_length=DOCUMENT_LENGTH, label="Compte rendu (Markdown)",
                           widget=forms.Textarea(attrs={"rows": 14}),
                           error_messages={"required": "Le compte rendu est vide."})
    change_note = forms.CharField(label="Motif de la modification", max_length=300, required=False,
                                  help_text="Obligatoire pour modifier un compte rendu déjà approuvé.")


class ApproveMinutesForm(forms.Form):
    approved_in = forms.ModelChoiceField(label="Approuvé lors de la réunion", queryset=None, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        later = Meeting.objects.filter(body=meeting.body, starts_at__gt=meeting.starts_at).exclude(
            status=MeetingStatus.CANCELLED).order_by("starts_at")
        self.fields["approved_in"].queryset = later
        if not self.is_bound:
            # Minutes are approved at the next meeting of the body: propose it.
            self.initial.setdefault("approved_in", later.values_list("pk", flat=True).first())


class DecisionForm(forms.Form):
    item = forms.ModelChoiceField(label="Point de l'ordre du jour", queryset=None)
    text = forms.CharField(max_length=DECISION_LENGTH, label="Décision", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Rédigez le texte de la décision."})
    kind = forms.ChoiceField(label="Nature de la décision", choices=DecisionKind.choices)
    requires_ratification = forms.BooleanField(
        label="Soumise à la ratification de l'assemblée de chaque partenaire", required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()
        if meeting.body.kind == BodyKind.ENTENTE_CONFERENCE:
            # CGCT L5221-2: the conference's decisions take effect once each partner's assembly has ratified them.
            self.fields["requires_ratification"].initial = True
            self.fields["requires_ratification"].help_text = (
                "Cochée d'office pour une conférence d'entente (CGCT, art. L5221-2).")


class DecisionEditForm(forms.Form):
    """Correcting a decision: its wording, nature, agenda point or ratification, with the reason."""

    item = forms.ModelChoiceField(label="Point de l'ordre du jour", queryset=None)
    text = forms.CharField(max_length=DECISION_LENGTH, label="Décision", widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": "Le texte de la décision ne peut pas être vide."})
    kind = forms.ChoiceField(label="Nature de la décision", choices=DecisionKind.choices)
    requires_ratification = forms.BooleanField(
        label="Soumise à la ratification de l'assemblée de chaque partenaire", required=False)
    change_note = forms.CharField(
        label="Motif de la modification", max_length=100,
        help_text="Conservé dans l'historique avec le texte précédent (100 caractères au plus).",
        error_messages={"required": "Indiquez le motif de la modification : il est conservé dans l'historique.",
                        "max_length": "Le motif tient en 100 caractères au plus."})

    def __init__(self, *args, decision, **kwargs):
        kwargs.setdefault("initial", {"item": decision.item_id, "text": decision.text, "kind": decision.kind,
                                      "requires_ratification": decision.requires_ratification})
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = decision.item.meeting.items.all()


class VoteForm(forms.Form):
    attendance = forms.ModelChoiceField(label="Votant·e", queryset=None,
                                        error_messages={"invalid_choice": "Ce votant ne figure pas sur la feuille "
                                                                          "de présence de la réunion."})
    choice = forms.ChoiceField(label="Vote", choices=VoteChoice.choices)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].queryset = meeting.attendances.select_related(
            "seat__user", "seat__partner__organization", "person", "holder")
        self.fields["attendance"].label_from_instance = lambda attendance: attendance.who


class FollowUpForm(forms.Form):
    title = forms.CharField(label="Suite à donner", max_length=300)
    owner = PersonField(label="Responsable (personne)", queryset=User.objects.none(), required=False)
    owner_partner = PartnerField(label="ou partenaire responsable", queryset=Partnership.objects.none(),
                                 required=False)
    due_on = forms.DateField(label="Échéance", widget=DATE_INPUT,
                             error_messages={"required": "Indiquez une échéance pour cette suite à donner."})

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = cooperation_people(cooperation)
        self.fields["owner_partner"].queryset = partner_choices(cooperation)

    def clean(self):
        data = super().clean()
        if not data.get("owner") and not data.get("owner_partner"):
            raise ValidationError("Indiquez qui porte cette suite : une personne ou un partenaire.")
        return data


def followup_initial(followup) -> dict:
    return {"title": followup.title, "owner": followup.owner_id, "owner_partner": followup.owner_partner_id,
            "due_on": followup.due_on}


class FollowUpUpdateForm(forms.Form):
    status = forms.ChoiceField(label="État", choices=FollowUpStatus.choices)
    evidence = forms.CharField(max_length=DESCRIPTION_LENGTH, label="Preuve de réalisation", required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    evidence_url = forms.URLField(label="Lien vers la preuve", required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") == FollowUpStatus.DONE and not (data.get("evidence") or "").strip():
            self.add_error("evidence", "Pour solder une suite, décrivez ce qui a été fait (preuve de réalisation).")
        return data


class RatificationForm(forms.Form):
    status = forms.ChoiceField(label="État", choices=RatificationStatus.choices)
    assembly = forms.CharField(label="Assemblée", max_length=200, required=False,
                               help_text="Par exemple : commission permanente du conseil départemental.")
    date = forms.DateField(label="Date de la délibération", widget=DATE_INPUT, required=False)
    deliberation_reference = forms.CharField(label="Référence de la délibération", max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") != RatificationStatus.PENDING:
            for name, message in (("assembly", "Indiquez l'assemblée qui a délibéré."),
                                  ("date", "Indiquez la date de la délibération."),
                                  ("deliberation_reference", "Indiquez la référence de la délibération.")):
                if not data.get(name):
                    self.add_error(name, message)
        if data.get("date") and data["date"] > timezone.localdate():
            self.add_error("date", "La délibération ne peut pas être datée dans le futur.")
        return data


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=200)
    kind = forms.ChoiceField(label="Nature", choices=[("", "Toutes")] + list(DecisionKind.choices), required=False)
    state = forms.ChoiceField(label="État", required=False,
                              choices=[("", "Tous"), *decision_states.REGISTER_STATES.items()])
    followups = forms.ChoiceField(label="Suites", required=False, choices=[
        ("", "Toutes"), ("en_retard", "Avec des suites en retard"), ("ouvertes", "Avec des suites en cours"),
        ("soldees", "Suites toutes soldées"), ("sans_suite", "Sans suite à donner")])
    body = forms.ChoiceField(label="Instance", required=False)
    year = forms.IntegerField(label="Année", required=False, min_value=1980, max_value=2100)
    meeting = forms.IntegerField(label="Réunion", required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "Toutes")] + [
            (str(pk), name) for pk, name in Body.objects.filter(cooperation=cooperation).values_list("pk", "name")]


class MyFollowUpsFilterForm(forms.Form):
    """The state filter of « Mes suites à donner »."""

    state = forms.ChoiceField(label="État", required=False, initial="ouvertes",
                              choices=list(decision_states.MY_FOLLOWUP_FILTERS.items()),
                              error_messages={"invalid_choice": "État inconnu : choisissez dans la liste."})

    def chosen_state(self) -> str:
        return (self.cleaned_data.get("state") or "ouvertes") if self.is_valid() else "ouvertes"

    def show_counts(self, counts: dict) -> None:
        """Label each state with the number of follow-ups in it, once they are counted."""
        self.fields["state"].choices = [(key, f"{label} ({counts[key]})")
                                        for key, label in decision_states.MY_FOLLOWUP_FILTERS.items()]
