from django import forms

from .mirror_models import SCALE_LABELS, QuestionKind
from .mirror_services import ANSWER_LENGTH

MAX_QUESTIONS = 12


class MirrorCreateForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Réunion au format « temps miroir »",
        queryset=None,
        empty_label="Choisissez la réunion",
        error_messages={
            "invalid_choice": "Choisissez une réunion « temps miroir » de la coopération sans questionnaire."
        },
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m} — {m.starts_at:%d/%m/%Y}"


class MirrorAnswerForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(value, f"{value} — {label}") for value, label in SCALE_LABELS.items()],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=False,
                    error_messages={"invalid_choice": "Réponse hors de l'échelle : choisissez une valeur de 1 à 5."},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=ANSWER_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def answers(self) -> dict:
        return {str(q.pk): self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class QuestionsForm(forms.Form):
    """Up to twelve questions, each a text and a kind; an emptied text removes the question."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        questions = list(questions)
        for index in range(1, MAX_QUESTIONS + 1):
            current = questions[index - 1] if index <= len(questions) else None
            self.fields[f"text_{index}"] = forms.CharField(
                label=f"Question {index}",
                required=False,
                max_length=300,
                initial=current.text if current else "",
            )
            self.fields[f"kind_{index}"] = forms.ChoiceField(
                label=f"Type de réponse à la question {index}",
                choices=QuestionKind.choices,
                initial=current.kind if current else QuestionKind.TEXT,
            )

    def rows(self):
        return [(self[f"text_{i}"], self[f"kind_{i}"]) for i in range(1, MAX_QUESTIONS + 1)]

    def questions(self) -> list[tuple[str, str]]:
        return [(self.cleaned_data[f"text_{i}"], self.cleaned_data[f"kind_{i}"]) for i in range(1, MAX_QUESTIONS + 1)]


class SynthesisForm(forms.Form):
    synthesis = forms.CharField(
        label="Synthèse du temps miroir",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Ce que le collectif retient : elle est jointe au compte rendu de la réunion.",
    )
