"""Pages of the cross portrait: read by everyone who sees the cooperation, written by its coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_abilities, get_cooperation_for_user
from entente.core.forms import save_valid
from entente.core.history import Source, history_entries

from . import portrait_exports
from . import portrait_services as services
from .portrait import cross_portrait
from .portrait_forms import ChallengeForm, FoundationForm
from .portrait_models import PortraitChallenge, PortraitFoundation
from .rules import get_portrait_item_for_user

TITLE = "Portrait croisé"
FOUNDATION, CHALLENGE = "fondement", "defi"
KINDS = {
    FOUNDATION: (PortraitFoundation, FoundationForm, "Nouveau fondement partagé", "Fondement enregistré."),
    CHALLENGE: (PortraitChallenge, ChallengeForm, "Nouveau défi commun", "Défi enregistré."),
}


def _crumbs(cooperation, title):
    if title == TITLE:
        return [(TITLE, None)]
    return [(TITLE, reverse("insights:portrait", args=[cooperation.slug])), (title, None)]


def _portrait_for(request, cooperation):
    abilities = get_abilities(request.user, cooperation)
    return cross_portrait(cooperation, with_indicators=abilities["insights_view_indicators"])


def portrait_page(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_portrait")
    context = space_context(
        request,
        cooperation,
        page_title=TITLE,
        crumbs=_crumbs(cooperation, TITLE),
        portrait=_portrait_for(request, cooperation),
    )
    return render(request, "insights/portrait/page.html", context)


@login_required
def portrait_item_edit(request, slug, kind, pk=None):
    model, form_class, new_title, saved = KINDS[kind]
    if pk is None:
        cooperation = get_cooperation_for_user(request.user, slug, "insights_edit_portrait")
        item = None
    else:
        item = get_portrait_item_for_user(request.user, slug, model, pk)
        cooperation = item.cooperation
    extra = {"cooperation": cooperation} if kind == CHALLENGE else {}
    form = form_class(request.POST or None, instance=item, **extra)
    save_item = services.save_challenge if kind == CHALLENGE else services.save_foundation

    def save(data):
        save_item(cooperation=cooperation, user=request.user, **{kind_field(kind): item}, **data)

    if request.method == "POST" and save_valid(form, save):
        messages.success(request, saved)
        return redirect(reverse("insights:portrait", args=[cooperation.slug]) + f"#{kind}s")
    title = f"Modifier « {item.title} »" if item else new_title
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(cooperation, title),
        heading=title,
        form=form,
        item=item,
        kind=kind,
        history=item.history.select_related("history_user")[:10] if item else [],
    )
    return render(request, "insights/portrait/item_form.html", context, status=400 if form.errors else 200)


def kind_field(kind: str) -> str:
    return "challenge" if kind == CHALLENGE else "foundation"


@login_required
@require_POST
def portrait_item_delete(request, slug, kind, pk):
    item = get_portrait_item_for_user(request.user, slug, KINDS[kind][0], pk)
    services.delete_portrait_item(item=item, user=request.user)
    messages.success(request, f"« {item.title} » retiré du portrait croisé.")
    return redirect(reverse("insights:portrait", args=[item.cooperation.slug]) + f"#{kind}s")


@login_required
@require_POST
def portrait_item_move(request, slug, kind, pk):
    item = get_portrait_item_for_user(request.user, slug, KINDS[kind][0], pk)
    direction = request.POST.get("sens", "")
    if direction not in (services.UP, services.DOWN):
        raise Http404("Sens de déplacement inconnu.")
    services.move_portrait_item(item=item, user=request.user, direction=direction)
    return redirect(reverse("insights:portrait", args=[item.cooperation.slug]) + f"#{kind}-{item.pk}")


def portrait_export(request, slug, fmt):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_portrait")
    if fmt not in portrait_exports.FORMATS:
        raise Http404("Format inconnu.")
    content_type, render_document = portrait_exports.FORMATS[fmt]
    response = HttpResponse(
        render_document(cooperation, _portrait_for(request, cooperation)), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="portrait-croise-{cooperation.slug}.{fmt}"'
    return response


def portrait_history(request, slug):
    """Every change to the foundations and challenges, deleted ones included, with who made it and when."""
    cooperation = get_cooperation_for_user(request.user, slug, "view_history")
    sources = [
        Source("Fondement partagé", PortraitFoundation.history.filter(cooperation_id=cooperation.pk), _title),
        Source("Défi commun", PortraitChallenge.history.filter(cooperation_id=cooperation.pk), _title),
    ]
    title = "Historique du portrait croisé"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(cooperation, title),
        entries=history_entries(sources, untracked={"updated_by"}),
    )
    return render(request, "insights/portrait/history.html", context)


def _title(record) -> str:
    return record.title
