"""The cooperation's reflexivity home: its maturity campaigns, mirror sessions and the balance of
its meetings (this helper's blocks), then the learning boards, exchanges and network."""

from django.shortcuts import render

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user

from .maturity_models import MaturityCampaign
from .mirror_models import MirrorSession
from .rules import campaigns_abilities


def home(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view")
    campaigns = list(MaturityCampaign.objects.filter(cooperation=cooperation))
    abilities = campaigns_abilities(request.user, cooperation, campaigns)
    for campaign in campaigns:
        campaign.abilities = abilities[campaign.pk]
    sessions = list(
        MirrorSession.objects.filter(cooperation=cooperation)
        .select_related("meeting__body")
        .order_by("-meeting__starts_at")
    )
    context = space_context(
        request,
        cooperation,
        page_title="Réflexivité",
        campaigns=campaigns,
        mirror_sessions=sessions,
    )
    return render(request, "reflexivity/home.html", context)
