"""Pages of maturity self-assessment: open a campaign, answer it, read its results, export them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.documents import Sheet, xlsx_bytes
from entente.core.exports import csv_bytes

from . import maturity_services as services
from .maturity_charts import radar
from .maturity_exports import results_table
from .maturity_forms import AnswerForm, CampaignForm
from .maturity_results import MIN_ANSWERS, campaign_results
from .maturity_thresholds import MaturityLevel
from .rules import campaign_abilities, get_campaign_for_user

HOME = "Réflexivité"


def _crumbs(cooperation, *titles):
    crumbs = [(HOME, reverse("reflexivity:home", args=[cooperation.slug]))]
    return crumbs + [(title, url) for title, url in titles]


def _page(request, template, cooperation, title, crumbs, status=200, **extra):
    context = space_context(request, cooperation, page_title=title, crumbs=crumbs, **extra)
    return render(request, template, context, status=status)


@login_required
def campaign_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_manage")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = services.open_campaign(cooperation=cooperation, user=request.user, **form.cleaned_data)
        messages.success(request, "Campagne ouverte : les membres peuvent répondre.")
        return redirect("reflexivity:campaign", cooperation.slug, campaign.pk)
    title = "Nouvelle campagne d'auto-évaluation"
    return _page(
        request,
        "reflexivity/maturity/campaign_form.html",
        cooperation,
        title,
        _crumbs(cooperation, (title, None)),
        status=400 if form.errors else 200,
        form=form,
    )


@login_required
def campaign_edit(request, slug, pk):
    campaign = get_campaign_for_user(request.user, slug, pk, "manage")
    form = CampaignForm(request.POST or None, initial={"title": campaign.title, "anonymous": campaign.anonymous})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(campaign, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("anonymous", " ".join(error.messages))
        else:
            messages.success(request, "Campagne enregistrée.")
            return redirect("reflexivity:campaign", slug, pk)
    title = f"Modifier « {campaign.title} »"
    return _page(
        request,
        "reflexivity/maturity/campaign_form.html",
        campaign.cooperation,
        title,
        _crumbs(campaign.cooperation, (title, None)),
        status=400 if form.errors else 200,
        form=form,
        campaign=campaign,
    )


def campaign_detail(request, slug, pk):
    campaign = get_campaign_for_user(request.user, slug, pk, "view")
    results = campaign_results(campaign)
    return _page(
        request,
        "reflexivity/maturity/campaign.html",
        campaign.cooperation,
        campaign.title,
        _crumbs(campaign.cooperation, (campaign.title, None)),
        campaign=campaign,
        results=results,
        chart=radar(results.thresholds),
        levels=MaturityLevel,
        campaign_abilities=campaign_abilities(request.user, campaign),
        min_answers=MIN_ANSWERS,
        answered=services.has_answered(campaign, request.user),
    )


@login_required
def campaign_answer(request, slug, pk):
    campaign = get_campaign_for_user(request.user, slug, pk, "answer")
    form = AnswerForm(request.POST or None, initial_answer=services.own_named_answer(campaign, request.user))
    refusal = ""
    if request.method == "POST":
        if not campaign.is_open:
            refusal = services.CLOSED_MESSAGE
        elif form.is_valid():
            try:
                services.submit_answer(campaign, user=request.user, ratings=form.ratings(), comments=form.comments())
            except ValidationError as error:
                refusal = " ".join(error.messages)
            except PermissionDenied as error:
                refusal = str(error)
            else:
                messages.success(
                    request, "Réponse enregistrée. Vous pouvez la modifier tant que la campagne est ouverte."
                )
                return redirect("reflexivity:campaign", slug, pk)
    status = 400 if request.method == "POST" and (refusal or form.errors) else 200
    return _page(
        request,
        "reflexivity/maturity/answer.html",
        campaign.cooperation,
        "Répondre",
        _crumbs(campaign.cooperation, (campaign.title, campaign_url(campaign)), ("Répondre", None)),
        status=status,
        campaign=campaign,
        form=form,
        refusal=refusal,
        answered=services.has_answered(campaign, request.user),
    )


def campaign_url(campaign) -> str:
    return reverse("reflexivity:campaign", args=[campaign.cooperation.slug, campaign.pk])


@login_required
@require_POST
def campaign_close(request, slug, pk):
    campaign = get_campaign_for_user(request.user, slug, pk, "manage")
    if request.POST.get("reopen"):
        services.reopen_campaign(campaign, user=request.user)
        messages.success(request, "Campagne rouverte : les membres peuvent de nouveau répondre.")
    else:
        services.close_campaign(campaign, user=request.user)
        messages.success(request, "Campagne close : ses résultats sont arrêtés.")
    return redirect("reflexivity:campaign", slug, pk)


def campaign_export(request, slug, pk, fmt):
    campaign = get_campaign_for_user(request.user, slug, pk, "view")
    if fmt not in ("csv", "xlsx"):
        raise Http404("Format inconnu.")
    header, rows = results_table(campaign_results(campaign))
    filename = f"maturite-{campaign.cooperation.slug}-{campaign.pk}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            xlsx_bytes(Sheet("Maturité", header, rows, widths=[14, 50, 10, 10, 10, 16, 16, 10, 60], wrap=[2, 9])),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
