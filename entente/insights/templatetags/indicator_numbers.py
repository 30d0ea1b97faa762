from django import template

from entente.core.formatting import format_measure

register = template.Library()


@register.filter(name="indicator_number")
def indicator_number(value) -> str:
    """{{ value|indicator_number }} → "12 345" or "12,50": how the dashboard writes an indicator's value."""
    return format_measure(value)
