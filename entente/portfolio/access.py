"""One way to fetch each portfolio object for a user: 404 for what they may not see (or what
belongs to another cooperation), 403 for what they see but may not change."""

from django.http import Http404

from entente.cooperations.rules import get_cooperation_for_user

from .models import Action, ActionLink, Axis, Milestone, ResultIndicator, Workstream


def get_action_for_user(user, slug, pk, ability="portfolio_view"):
    cooperation = get_cooperation_for_user(user, slug, ability)
    action = (
        Action.objects.select_related("workstream__axis", "lead__organization", "cooperation")
        .filter(cooperation=cooperation, pk=pk).first()
    )
    if action is None:
        raise Http404("Action introuvable.")
    return cooperation, action


def _child(model, user, slug, action_pk, pk, ability):
    cooperation, action = get_action_for_user(user, slug, action_pk, ability)
    item = model.objects.filter(action=action, pk=pk).first()
    if item is None:
        raise Http404("Élément introuvable.")
    item.action = action
    return cooperation, item


def get_milestone_for_user(user, slug, action_pk, pk, ability="portfolio_edit"):
    return _child(Milestone, user, slug, action_pk, pk, ability)


def get_indicator_for_user(user, slug, action_pk, pk, ability="portfolio_edit"):
    return _child(ResultIndicator, user, slug, action_pk, pk, ability)


def get_link_for_user(user, slug, action_pk, pk, ability="portfolio_edit"):
    cooperation, action = get_action_for_user(user, slug, action_pk, ability)
    link = ActionLink.objects.filter(source=action, pk=pk).first()
    if link is None:
        raise Http404("Lien introuvable.")
    return cooperation, link


def get_structure_item_for_user(user, slug, kind, pk, ability="portfolio_manage"):
    cooperation = get_cooperation_for_user(user, slug, ability)
    model = {"axe": Axis, "chantier": Workstream}.get(kind)
    if model is None:
        raise Http404("Élément introuvable.")
    item = model.objects.filter(cooperation=cooperation, pk=pk).first()
    if item is None:
        raise Http404("Élément introuvable.")
    return cooperation, item
