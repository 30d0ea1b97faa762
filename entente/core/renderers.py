"""One form renderer gives every control the DSFR look, whichever form or template renders it."""

from django.forms.renderers import DjangoTemplates

# Input types that the DSFR draws as a text field; checkboxes, radios and files have their own look.
TEXT_INPUT_TYPES = {"text", "number", "email", "search", "date", "datetime-local", "time", "url", "tel", "password"}


def dsfr_class(widget: dict) -> str | None:
    """The DSFR class a widget's context calls for, or None when it is not a text field or a select box."""
    template = widget.get("template_name", "")
    if template.endswith("/select.html"):
        return "fr-select"
    if template.endswith("/textarea.html") or widget.get("type") in TEXT_INPUT_TYPES:
        return "fr-input"
    return None


class DsfrFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = (context or {}).get("widget")
        if isinstance(widget, dict):
            css_class = dsfr_class(widget)
            if css_class:
                attrs = widget.setdefault("attrs", {})
                classes = attrs.get("class", "").split()
                if css_class not in classes:
                    attrs["class"] = " ".join([css_class, *classes])
        return super().render(template_name, context, request)
