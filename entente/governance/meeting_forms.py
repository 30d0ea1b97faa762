"""Forms of meetings: scheduling, agenda points and documents, attendance, minutes.

Forms validate at the edge, with French messages; the services enforce the invariants."""


from django import forms
from django.core.exceptions import ValidationError

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.core.bounds import DESCRIPTION_LENGTH, DOCUMENT_LENGTH

from .body_models import BodyRole, CodirFunction
from .form_fields import DATETIME_INPUT, PartnerField, PersonField, cooperation_people, partner_choices
from .meeting_models import AttendanceStatus, ItemKind, Meeting, MeetingFormat, MeetingStatus


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
