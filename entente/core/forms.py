"""What a form page does with a service: run it on valid data, and show its refusal on the form."""

from django.core.exceptions import ValidationError


def save_valid(form, save, *, refusals=(ValidationError,)) -> bool:
    """True once `save(form.cleaned_data)` has run; False when the form is invalid or the service
    refused (its French message then stands above the form, the typed values kept)."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except refusals as error:
        form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        return False
    return True
