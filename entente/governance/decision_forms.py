"""Forms of the register: decisions, votes, follow-ups, ratifications, and the filters of its lists.

Forms validate at the edge, with French messages; the services enforce the invariants."""


from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.core.bounds import DECISION_LENGTH, DESCRIPTION_LENGTH

from . import decision_states
from .body_models import Body, BodyKind
from .decision_models import DecisionKind, FollowUpStatus, RatificationStatus, VoteChoice
from .form_fields import DATE_INPUT, PartnerField, PersonField, cooperation_people, partner_choices


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
