"""Forms of the cross portrait: a foundation, a challenge and what in the portfolio answers it."""

from django import forms

from entente.portfolio.models import Action, Axis, Workstream

from .portrait_models import PortraitChallenge, PortraitFoundation


class FoundationForm(forms.ModelForm):
    class Meta:
        model = PortraitFoundation
        fields = ["title", "text"]
        labels = {"title": "Intitulé du fondement", "text": "Ce que les partenaires partagent"}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": "Donnez un intitulé au fondement."}}


class ChallengeForm(forms.ModelForm):
    axes = forms.ModelMultipleChoiceField(
        label="Axes qui y répondent", queryset=Axis.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    workstreams = forms.ModelMultipleChoiceField(
        label="Chantiers qui y répondent",
        queryset=Workstream.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = forms.ModelMultipleChoiceField(
        label="Actions qui y répondent",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PortraitChallenge
        fields = ["title", "text"]
        labels = {"title": "Intitulé du défi", "text": "Précisions"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": "Donnez un intitulé au défi."}}

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axes"].queryset = Axis.objects.filter(cooperation=cooperation)
        self.fields["workstreams"].queryset = Workstream.objects.filter(cooperation=cooperation)
        self.fields["actions"].queryset = Action.objects.filter(cooperation=cooperation)
        choice_error = "Ce choix n'appartient pas au portefeuille de la coopération."
        for name in ("axes", "workstreams", "actions"):
            self.fields[name].error_messages["invalid_choice"] = choice_error
            self.fields[name].error_messages["invalid_pk_value"] = choice_error
        if self.instance.pk:
            self.initial.setdefault("axes", list(self.instance.axes.all()))
            self.initial.setdefault("workstreams", list(self.instance.workstreams.all()))
            self.initial.setdefault("actions", list(self.instance.actions.all()))
