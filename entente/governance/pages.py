"""What every governance page shares: its breadcrumb under « Gouvernance » and the cooperation's space."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from entente.cooperations.context import space_context


def form_errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def governance_page(request, template, cooperation, title, crumbs=(), status=200, **extra):
    if title == "Gouvernance":
        trail = [("Gouvernance", None)]
    else:
        trail = [("Gouvernance", reverse("governance:bodies", args=[cooperation.slug])), *crumbs, (title, None)]
    context = space_context(request, cooperation, page_title=title, crumbs=trail, **extra)
    return render(request, template, context, status=status)
