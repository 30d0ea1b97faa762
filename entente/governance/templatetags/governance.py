from django import template

from entente.governance.selectors import followups_for_cooperation_home

register = template.Library()


@register.inclusion_tag("governance/_cooperation_followups.html", takes_context=True)
def cooperation_followups(context, cooperation):
    """`{% load governance %}{% cooperation_followups cooperation %}` on a cooperation's home page."""
    user = context["request"].user
    return {"followups_block": followups_for_cooperation_home(cooperation, user), "user": user}
