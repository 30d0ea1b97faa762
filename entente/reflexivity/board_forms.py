"""Forms of learning boards: input validated here, in French, before the services run."""

from django import forms
from django.utils import timezone
from django.utils.text import Truncator

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.governance.decision_models import Decision
from entente.governance.meeting_models import Meeting
from entente.portfolio.models import Action
from entente.workshops.models import Phase, Workshop

from .board_models import CARD_LENGTH, MAX_DOTS, CardColumn, CardGroup
from .board_services import upcoming_meetings


def _meetings(cooperation):
    return Meeting.objects.filter(body__cooperation=cooperation).select_related("body").order_by("-starts_at")


class BoardForm(forms.Form):
    title = forms.CharField(label="Intitulé", max_length=200)
    description = forms.CharField(
        label="Consigne",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : « À l'écoute des expériences, ce qui vous semble être… »",
    )
    meeting = forms.ModelChoiceField(
        label="Réunion ou séminaire d'origine", queryset=Meeting.objects.none(), required=False, empty_label="Aucune"
    )
    dots_per_person = forms.IntegerField(
        label="Gommettes par personne",
        min_value=1,
        max_value=MAX_DOTS,
        initial=5,
        error_messages={
            "min_value": "Au moins une gommette par personne.",
            "max_value": f"Au plus {MAX_DOTS} gommettes par personne.",
        },
    )
    is_open = forms.BooleanField(label="Ouvert aux cartes et aux gommettes", required=False, initial=True)

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(cooperation)


class CardForm(forms.Form):
    column = forms.ChoiceField(label="Colonne", choices=CardColumn.choices)
    text = forms.CharField(
        label="Carte",
        max_length=CARD_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Écrivez le contenu de la carte.",
            "max_length": f"Une carte tient en {CARD_LENGTH} caractères au plus.",
        },
    )
    meeting = forms.ModelChoiceField(
        label="Réunion liée", queryset=Meeting.objects.none(), required=False, empty_label="Aucune"
    )
    action = forms.ModelChoiceField(
        label="Action liée", queryset=Action.objects.none(), required=False, empty_label="Aucune"
    )
    decision = forms.ModelChoiceField(
        label="Décision liée", queryset=Decision.objects.none(), required=False, empty_label="Aucune"
    )

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings(cooperation)
        self.fields["action"].queryset = Action.objects.filter(cooperation=cooperation).order_by("title")
        self.fields["decision"].queryset = Decision.objects.filter(cooperation=cooperation).order_by(
            "-decided_on", "-number"
        )
        self.fields["decision"].label_from_instance = lambda d: f"{d.reference} — {Truncator(d.text).chars(70)}"


class GroupForm(forms.Form):
    column = forms.ChoiceField(label="Colonne", choices=CardColumn.choices)
    title = forms.CharField(label="Intitulé du regroupement", max_length=200)


class MoveForm(forms.Form):
    column = forms.ChoiceField(label="Colonne", choices=CardColumn.choices)
    group = forms.ModelChoiceField(label="Regroupement", queryset=CardGroup.objects.none(), required=False)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = CardGroup.objects.filter(board=board)
        self.fields["group"].label_from_instance = lambda g: f"{g.title} ({g.get_column_display()})"


class FollowUpConversionForm(forms.Form):
    decision = forms.ModelChoiceField(
        label="Décision dont découle la suite",
        queryset=Decision.objects.none(),
        empty_label="Choisir une décision",
        error_messages={"required": "Choisissez la décision dont découle la suite."},
    )
    title = forms.CharField(label="Suite à donner", max_length=300)
    due_on = forms.DateField(
        label="Échéance",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Indiquez une échéance.", "invalid": "Date invalide."},
    )
    owner = forms.ModelChoiceField(label="Personne responsable", queryset=User.objects.none(), required=False)
    owner_partner = forms.ModelChoiceField(
        label="Partenaire responsable", queryset=Partnership.objects.none(), required=False
    )

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(cooperation=cooperation).order_by(
            "-decided_on", "-number"
        )
        self.fields["decision"].label_from_instance = lambda d: f"{d.reference} — {Truncator(d.text).chars(70)}"
        self.fields["owner"].queryset = User.objects.filter(memberships__cooperation=cooperation).order_by(
            "display_name", "email"
        )
        self.fields["owner"].label_from_instance = lambda u: u.public_name
        self.fields["owner_partner"].queryset = (
            Partnership.objects.active().filter(cooperation=cooperation).select_related("organization")
        )
        self.fields["owner_partner"].label_from_instance = lambda p: str(p.organization)

    def clean(self):
        data = super().clean()
        if not data.get("owner") and not data.get("owner_partner"):
            raise forms.ValidationError("Indiquez qui porte cette suite : une personne ou un partenaire.")
        if data.get("due_on") and data["due_on"] < timezone.localdate():
            self.add_error("due_on", "L'échéance ne peut pas être déjà passée.")
        return data


class IdeaConversionForm(forms.Form):
    workshop = forms.ModelChoiceField(
        label="Atelier en foisonnement",
        queryset=Workshop.objects.none(),
        error_messages={"required": "Choisissez l'atelier qui reçoit la piste."},
    )
    title = forms.CharField(label="Intitulé de la piste", max_length=255)

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.filter(cooperation=cooperation, phase=Phase.PROPOSING)


class AgendaConversionForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Réunion",
        queryset=Meeting.objects.none(),
        empty_label="Choisir une réunion à venir",
        error_messages={"required": "Choisissez la réunion à venir."},
    )
    title = forms.CharField(label="Intitulé du point", max_length=300)

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = upcoming_meetings(cooperation)
