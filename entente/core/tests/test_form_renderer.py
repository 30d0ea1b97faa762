from django import forms

from entente.core.renderers import DsfrFormRenderer


class EveryControl(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    count = forms.IntegerField()
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    query = forms.CharField(widget=forms.SearchInput)
    notes = forms.CharField(widget=forms.Textarea)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    kinds = forms.MultipleChoiceField(choices=[("a", "A")])
    styled = forms.CharField(widget=forms.TextInput(attrs={"class": "entente-code"}))
    agree = forms.BooleanField()
    picks = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    secret = forms.CharField(widget=forms.HiddenInput)


def test_every_text_field_and_select_gets_its_dsfr_class_and_nothing_else_does():
    form = EveryControl()
    html = {name: str(form[name]) for name in form.fields}
    for name in ("name", "email", "count", "day", "query", "notes"):
        assert 'class="fr-input"' in html[name], html[name]
    assert 'class="fr-select"' in html["kind"] and 'class="fr-select"' in html["kinds"]
    assert 'class="fr-input entente-code"' in html["styled"]
    for name in ("agree", "picks", "secret"):
        assert "fr-input" not in html[name] and "fr-select" not in html[name], html[name]


def test_a_class_given_by_the_template_is_not_doubled():
    field = EveryControl()["name"]
    assert field.as_widget(attrs={"class": "fr-input fr-input--error"}).count("fr-input ") == 1


def test_the_project_renders_forms_with_it():
    assert isinstance(EveryControl().renderer, DsfrFormRenderer)
