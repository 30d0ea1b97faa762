from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.core.french import de

from . import open_data, services
from .context import space_context
from .forms import (
    CooperationCreateForm,
    CooperationEditForm,
    DirectoryFilterForm,
    MemberAddForm,
    MemberEditForm,
    OrganizationCreateForm,
    PartnerAddForm,
    PartnerEditForm,
    PartnerLeaveForm,
    TimelineStepForm,
    partner_reference,
)
from .history import entries_for_cooperation
from .models import Membership, PartnerRole, Partnership
from .rules import (
    abilities_for_many,
    get_cooperation_for_user,
    get_membership_for_user,
    get_partnership_for_user,
    get_timeline_step_for_user,
)
from .selectors import directory

DIRECTORY_PAGE_SIZE = 12


def _directory_filters(request) -> tuple[DirectoryFilterForm, dict]:
    form = DirectoryFilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


def _site_base_url(request) -> str:
    return settings.SITE_BASE_URL or request.build_absolute_uri("/")


def directory_page(request):
    form, filters = _directory_filters(request)
    # One load serves the page of cards and the sizes of the files the download links announce.
    cooperations = list(directory(filters))
    page = Paginator(cooperations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cooperations/directory.html", {
        "title": "Annuaire des coopérations", "nav": "directory", "form": form, "page": page,
        "query": query.urlencode(), "filtered": any(filters.values()), "page_links": _page_links(page),
        "downloads": open_data.downloads(cooperations, _site_base_url(request)),
        "schemas": open_data.TABLES, "breadcrumb": [("Annuaire des coopérations", None)],
    })


def _page_links(page) -> list[int | None]:
    """Page numbers around the current one, first and last always shown; None marks a gap."""
    last = page.paginator.num_pages
    wanted = sorted({1, last, *range(max(1, page.number - 1), min(last, page.number + 1) + 1)})
    links = []
    for number in wanted:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


def open_data_file(request, table, fmt):
    if table not in open_data.TABLES or fmt not in open_data.FORMATS:
        raise Http404
    _, filters = _directory_filters(request)
    rows = open_data.table_rows(table, directory(filters), _site_base_url(request))
    response = HttpResponse(open_data.render(table, fmt, rows), content_type=open_data.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{table}-entente.{fmt}"'
    return response


def open_data_schema(request, table):
    if table not in open_data.TABLES:
        raise Http404
    return JsonResponse(open_data.table_schema(table), json_dumps_params={"ensure_ascii": False, "indent": 2})


def former_export(request, fmt):
    """The single-file export of earlier versions now lives in the cooperations table."""
    if fmt not in open_data.FORMATS:
        raise Http404
    target = reverse("cooperations:open_data_file", args=["cooperations", fmt])
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


def open_data_documentation(request):
    files = open_data.downloads(list(directory({})), _site_base_url(request))
    tables = [
        (table, label, open_data.table_schema(table), [file for file in files if file.table == table])
        for table, label in open_data.TABLES.items()
    ]
    return render(request, "cooperations/open_data.html", {
        "title": "Données ouvertes des coopérations", "nav": "directory", "tables": tables,
        "breadcrumb": [("Annuaire des coopérations", "/cooperations/"), ("Données ouvertes", None)],
    })


@login_required
def create(request):
    form = CooperationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cooperation = services.create_cooperation(
                user=request.user, name=data["name"], kind=data["kind"], description=data["description"],
                visibility=data["visibility"], started_on=data["started_on"], purposes=data["purposes"],
                forms=data["forms"], partners=form.partner_choices, represents=form.represents,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La coopération « {cooperation.name} » est créée.")
            return redirect(cooperation)
    return render(request, "cooperations/form.html", {
        "title": "Créer une coopération", "form": form, "creating": True, "partner_roles": PartnerRole.choices,
        "picked_partners": _picked_partners(request), "represents": _represents(request),
        "breadcrumb": [("Mes coopérations", "/tableau-de-bord/"), ("Créer une coopération", None)],
    })


def _represents(request) -> dict:
    """The partner the creator represents: as chosen, or by default their profile's organization."""
    user_organization = request.user.organization
    default = partner_reference(user_organization) if user_organization else ""
    return {"default": default, "chosen": request.POST.get("represents", default)}


def _picked_partners(request):
    """Re-show the partners already picked when the form comes back with errors."""
    if request.method != "POST":
        return []
    references = request.POST.getlist("partner")
    labels = request.POST.getlist("partner_label")
    roles = request.POST.getlist("partner_role")
    return [
        {"reference": ref, "label": labels[i] if i < len(labels) else ref,
         "role": roles[i] if i < len(roles) else PartnerRole.SIGNATORY}
        for i, ref in enumerate(references)
    ]


def detail(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    partnerships = list(
        cooperation.partnerships.active()
        .select_related("organization__territory").order_by("role", "organization__name")
    )
    timeline = _with_abilities(request.user, cooperation, cooperation.timeline.all())
    context = space_context(
        request, cooperation, partnerships=partnerships,
        purposes=cooperation.purposes.all(), forms=cooperation.forms.all(),
        timeline=timeline, timeline_form=TimelineStepForm(),
    )
    context["home_blocks"] = _home_blocks(request, cooperation, context["abilities"])
    return render(request, "cooperations/detail.html", context)


def _with_abilities(user, cooperation, objects) -> list:
    """The objects, each carrying `.abilities` (what the user may do with it) for the template."""
    objects = list(objects)
    for obj in objects:
        obj.cooperation = cooperation
    allowed = abilities_for_many(user, objects, cooperation=cooperation)
    for obj in objects:
        obj.abilities = allowed[obj.pk]
    return objects


def _home_blocks(request, cooperation, abilities):
    """Blocks other apps add to the home page (e.g. follow-ups due), when they provide one."""
    from django.template.loader import render_to_string

    from entente.core.sections import home_blocks

    return [
        render_to_string(block.template, block.context(request, cooperation), request=request)
        for block in home_blocks() if abilities.get(block.ability)
    ]


@login_required
def edit(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "edit")
    form = CooperationEditForm(request.POST or None, instance=cooperation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.update_cooperation(cooperation, purposes=data.pop("purposes"), forms=data.pop("forms"), **data)
        messages.success(request, "Les modifications sont enregistrées.")
        return redirect(cooperation)
    return render(request, "cooperations/form.html", space_context(
        request, cooperation, page_title="Modifier", form=form, creating=False,
    ))


def partners(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    add_form = PartnerAddForm(request.POST or None)
    if request.method == "POST":
        get_cooperation_for_user(request.user, slug, "edit")
        if add_form.is_valid():
            try:
                added = services.add_partners(cooperation=cooperation, choices=add_form.partner_choices,
                                              joined_on=add_form.cleaned_data["joined_on"])
            except ValidationError as error:
                add_form.add_error(None, error)
            else:
                names = ", ".join(str(p.organization) for p in added)
                messages.success(request, f"Partenaire(s) ajouté(s) : {names}.")
                return redirect("cooperations:partners", slug)
    rows = _with_abilities(request.user, cooperation, (
        Partnership.objects.filter(cooperation=cooperation)
        .select_related("organization__territory").order_by("left_on", "organization__name")
    ))
    return render(request, "cooperations/partners.html", space_context(
        request, cooperation, page_title="Partenaires", partnerships=rows, add_form=add_form,
        organization_form=OrganizationCreateForm(), partner_roles=PartnerRole.choices,
    ), status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def partner_edit(request, slug, pk):
    partnership = get_partnership_for_user(request.user, slug, pk, "edit")
    if "left_on" in request.POST:
        form = PartnerLeaveForm(request.POST)
        if form.is_valid():
            try:
                services.remove_partner(partnership, left_on=form.cleaned_data["left_on"])
            except ValidationError as error:
                return _refuse(request, slug, error.messages[0])
            messages.success(request, f"{partnership.organization} a quitté la coopération.")
            return redirect("cooperations:partners", slug)
        return _refuse(request, slug, "Indiquez une date de sortie valide.")
    form = PartnerEditForm(request.POST)
    if not form.is_valid():
        return _refuse(request, slug, "Rôle de partenaire inconnu.")
    services.change_partner_role(partnership, form.cleaned_data["role"])
    messages.success(request, f"Le rôle {de(partnership.organization)} est mis à jour.")
    return redirect("cooperations:partners", slug)


def _refuse(request, slug, message, target="cooperations:partners"):
    return _error_page(request, slug, message, target)


def _error_page(request, slug, message, target):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    return render(request, "cooperations/error.html", space_context(
        request, cooperation, page_title="Demande refusée", message=message,
        back_url=reverse(target, args=[cooperation.slug]),
    ), status=400)


@require_POST
@login_required
def organization_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "edit")
    form = OrganizationCreateForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label if f in form.fields else ''} : {' '.join(e)}"
                           for f, e in form.errors.items())
        return _error_page(request, slug, f"Organisation non créée — {errors}", "cooperations:partners")
    role = form.cleaned_data.pop("role")
    organization = form.save()
    services.add_partner(cooperation=cooperation, organization=organization, role=role)
    messages.success(request, f"{organization} est créée et rejoint la coopération.")
    return redirect("cooperations:partners", slug)


def members(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view_members")
    form = MemberAddForm(request.POST or None, cooperation=cooperation)
    status = 200
    if request.method == "POST":
        get_cooperation_for_user(request.user, slug, "manage_members")
        if form.is_valid():
            services.set_membership(cooperation=cooperation, user=form.user, role=form.cleaned_data["role"],
                                    partner=form.cleaned_data["partner"])
            messages.success(request, f"{form.user.public_name} rejoint la coopération.")
            return redirect("cooperations:members", slug)
        status = 400
    rows = _with_abilities(request.user, cooperation, (
        Membership.objects.filter(cooperation=cooperation)
        .select_related("user__organization", "partner__organization").order_by("role", "user__display_name")
    ))
    edit_form = MemberEditForm(cooperation=cooperation)
    return render(request, "cooperations/members.html", space_context(
        request, cooperation, page_title="Membres", memberships=rows, form=form, edit_form=edit_form,
        partner_options=list(edit_form.fields["partner"].queryset),
        unrepresented=[m for m in rows if m.partner_id is None],
    ), status=status)


@require_POST
@login_required
def member_edit(request, slug, pk):
    removing = request.POST.get("action") == "remove"
    membership = get_membership_for_user(request.user, slug, pk, "remove" if removing else "edit")
    cooperation = membership.cooperation
    try:
        if removing:
            services.remove_membership(membership)
            messages.success(request, f"{membership.user.public_name} ne fait plus partie de la coopération.")
        else:
            form = MemberEditForm(request.POST, cooperation=cooperation)
            if not form.is_valid():
                return _error_page(request, slug, "Rôle ou partenaire invalide.", "cooperations:members")
            services.set_membership(cooperation=cooperation, user=membership.user, role=form.cleaned_data["role"],
                                    partner=form.cleaned_data["partner"])
            messages.success(request, f"Le rôle de {membership.user.public_name} est mis à jour.")
    except ValidationError as error:
        return _error_page(request, slug, error.messages[0], "cooperations:members")
    return redirect("cooperations:members", slug)


@require_POST
@login_required
def timeline_add(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "edit")
    form = TimelineStepForm(request.POST)
    if not form.is_valid():
        errors = " ".join(" ".join(e) for e in form.errors.values())
        return _error_page(request, slug, f"Étape non ajoutée : {errors}", "cooperations:detail")
    services.add_timeline_step(cooperation=cooperation, **form.cleaned_data)
    messages.success(request, "L'étape est ajoutée à la chronologie.")
    return redirect(cooperation)


@require_POST
@login_required
def timeline_delete(request, slug, pk):
    step = get_timeline_step_for_user(request.user, slug, pk, "delete")
    services.delete_timeline_step(step)
    messages.success(request, "L'étape est retirée de la chronologie.")
    return redirect(step.cooperation)


def history(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view_history")
    entries = entries_for_cooperation(cooperation)
    return render(request, "cooperations/history.html", space_context(
        request, cooperation, page_title="Historique", entries=entries,
    ))
