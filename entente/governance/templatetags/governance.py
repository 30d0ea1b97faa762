from django import template

from entente.governance.selectors import followups_for_cooperation_home

register = template.Library()


@register.inclusion_tag("governance/_cooperation_followups.html", takes_context=True)
def cooperation_followups(context, cooperation):
    """`{% load governance %}{% cooperation_followups cooperation %}` on a cooperation's home page."""
    user = context["request"].user
    return {"followups_block": followups_for_cooperation_home(cooperation, user), "user": user}


@register.simple_tag(takes_context=True)
def meeting_blocks(context, meeting):
    """`{% meeting_blocks meeting %}`: what higher apps attach to a meeting, after its minutes."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from entente.governance.hooks import meeting_blocks as registered

    request, abilities = context["request"], context.get("abilities") or {}
    parts = []
    for block in registered():
        extra = block.context(request, meeting, abilities)
        if extra is not None:
            parts.append(render_to_string(block.template, {**extra, "meeting": meeting}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 — rendered by our own templates, which escape their input
