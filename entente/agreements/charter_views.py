"""Pages of charters: editor by headings, versions, adoption by members, documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from entente.cooperations.context import space_context
from entente.cooperations.models import Membership
from entente.cooperations.rules import can, get_cooperation_for_user
from entente.core.job_views import document_or_preparation
from entente.governance.body_models import Body

from . import charter_services
from .charter_models import CharterVersion, CharterVersionStatus, SectionKind
from .diff import diff_contents, summary
from .documents import CONTENT_TYPES, DocumentError
from .forms import CharterBodiesForm, CharterForm, DiffForm, PresetSectionForm, SectionForm
from .jobs import CHARTER_DOCUMENT, CharterDocument, charter_version_with_details
from .rules import charter_version_verbs, get_charter_for_user, get_charter_section_for_user, visible_charter_versions
from .views import form_message, form_status, refuse


def charter_context(request, cooperation, page_title, charter=None, **extra):
    crumbs = [("Chartes et conventions", reverse("agreements:list", args=[cooperation.slug]))]
    if charter is not None and page_title != charter.title:
        crumbs.append((charter.title, charter.get_absolute_url()))
    return space_context(
        request, cooperation, page_title=page_title, crumbs=[*crumbs, (page_title, None)], charter=charter, **extra
    )


def _version(request, charter, number=None) -> CharterVersion:
    """The version asked for (?version=n), else the draft for editors, else the text in force."""
    versions = visible_charter_versions(request.user, charter)
    if number is not None:
        version = versions.filter(number=number).first()
        if version is None:
            raise Http404("Version introuvable.")
        return version
    if can(request.user, "agreements_manage", charter.cooperation):
        draft = versions.filter(status=CharterVersionStatus.DRAFT).first()
        if draft:
            return draft
    return versions.exclude(status=CharterVersionStatus.DRAFT).order_by("-number").first() or versions.first()


def _number(request) -> int | None:
    raw = request.GET.get("version", "")
    return int(raw) if raw.isdigit() else None


def charter_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "agreements_manage")
    form = CharterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        charter = charter_services.create_charter(cooperation=cooperation, user=request.user, **form.cleaned_data)
        messages.success(request, "La charte est créée en brouillon : complétez-la puis mettez-la en vigueur.")
        return redirect(charter)
    return render(
        request,
        "agreements/charter_form.html",
        {
            **charter_context(request, cooperation, "Nouvelle charte"),
            "form": form,
        },
        status=form_status(form),
    )


def charter_detail(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "view")
    version = _version(request, charter, _number(request))
    cooperation = charter.cooperation
    context = charter_context(request, cooperation, charter.title, charter)
    adoptions = list(version.adoptions.select_related("user", "partner__organization"))
    member_count = Membership.objects.filter(cooperation=cooperation).count()
    bodies = charter.bodies.all()
    bodies_form = CharterBodiesForm(
        queryset=Body.objects.filter(cooperation=cooperation),
        initial={"bodies": list(bodies)},
    )
    return render(
        request,
        "agreements/charter_detail.html",
        {
            **context,
            "version": version,
            "charter_abilities": charter_version_verbs(
                version, context["abilities"], adopted=any(a.user_id == request.user.pk for a in adoptions)
            ),
            "section_groups": section_groups(version),
            "adoptions": adoptions,
            "member_count": member_count,
            # A charter in force reads either adopted (every member) or proposed for adoption, never both.
            "adopted_by_all": bool(member_count) and len(adoptions) >= member_count,
            "versions": visible_charter_versions(request.user, charter)
            .select_related("created_by")
            .annotate(adoption_count=Count("adoptions")),
            "section_form": SectionForm(),
            "bodies": bodies,
            "bodies_form": bodies_form,
            "preset_form": PresetSectionForm(version=version) if version.is_draft else None,
            "has_draft": charter.versions.filter(status=CharterVersionStatus.DRAFT).exists(),
        },
    )


GROUP_TITLES = [
    (SectionKind.HEADING, "Charte de fonctionnement"),
    (SectionKind.MORAL_RULE, "Contrat moral"),
    (SectionKind.FREE, "Autres dispositions"),
]


def section_groups(version) -> list[tuple[str, list]]:
    sections = list(version.sections.all())
    groups = [(title, [s for s in sections if s.kind == kind]) for kind, title in GROUP_TITLES]
    return [(title, chosen) for title, chosen in groups if chosen]


def _charter_apply(request, charter, change, success, back=None):
    back = back or charter.get_absolute_url()
    try:
        result = change()
    except ValidationError as error:
        return refuse(request, charter.cooperation, " ".join(error.messages), back)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(back)


def _draft(charter) -> CharterVersion:
    draft = charter.versions.filter(status=CharterVersionStatus.DRAFT).first()
    if draft is None:
        raise ValidationError("La charte n'a pas de brouillon ouvert : ouvrez une nouvelle version pour la modifier.")
    return draft


@require_POST
def section_add(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "agreements_manage")
    form = SectionForm(request.POST)
    if not form.is_valid():
        return refuse(request, charter.cooperation, form_message(form), charter.get_absolute_url())
    return _charter_apply(
        request,
        charter,
        lambda: charter_services.add_charter_section(
            version=_draft(charter),
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        ),
        lambda section: f"La rubrique « {section.title} » est ajoutée.",
    )


@require_POST
def section_preset_add(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "agreements_manage")
    return _charter_apply(
        request,
        charter,
        lambda: charter_services.add_preset_section(
            version=_draft(charter),
            code=request.POST.get("code", ""),
        ),
        lambda section: f"La rubrique type « {section.title} » est ajoutée : adaptez son contenu.",
    )


def section_edit(request, slug, pk, section_pk):
    section = get_charter_section_for_user(request.user, slug, pk, section_pk)
    charter = section.version.charter
    if not section.version.is_draft:
        return refuse(
            request,
            charter.cooperation,
            "Cette version de la charte n'est plus un brouillon : elle ne "
            "peut plus être modifiée. Ouvrez une nouvelle version.",
            charter.get_absolute_url(),
        )
    form = SectionForm(
        request.POST or None,
        initial={
            "title": section.title,
            "body": section.body,
            "position": section.position,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            charter_services.update_charter_section(section=section, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La rubrique « {section.title} » est enregistrée.")
            return redirect(f"{charter.get_absolute_url()}#rubrique-{section.pk}")
    return render(
        request,
        "agreements/section_form.html",
        {
            **charter_context(request, charter.cooperation, f"Modifier « {section.title} »", charter),
            "form": form,
            "section": section,
        },
        status=form_status(form),
    )


@require_POST
def section_delete(request, slug, pk, section_pk):
    section = get_charter_section_for_user(request.user, slug, pk, section_pk)
    charter = section.version.charter
    return _charter_apply(
        request,
        charter,
        lambda: charter_services.delete_charter_section(section=section),
        f"La rubrique « {section.title} » est retirée.",
    )


@require_POST
def charter_publish(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "agreements_manage")
    return _charter_apply(
        request,
        charter,
        lambda: charter_services.publish_charter_version(
            version=_draft(charter),
            user=request.user,
        ),
        lambda version: f"La version {version.number} de la charte est en vigueur : les membres peuvent l'adopter.",
    )


@require_POST
def charter_new_version(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "agreements_manage")
    return _charter_apply(
        request,
        charter,
        lambda: charter_services.open_charter_draft(
            charter=charter,
            user=request.user,
            note=request.POST.get("note", "")[:255],
        ),
        lambda version: f"La version {version.number} est ouverte en brouillon.",
    )


@require_POST
def charter_adopt(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "agreements_adopt_charters")
    version = charter.versions.filter(status=CharterVersionStatus.PUBLISHED).first()
    if version is None:
        return refuse(
            request,
            charter.cooperation,
            "Cette charte n'a pas encore de version en vigueur à adopter.",
            charter.get_absolute_url(),
        )
    return _charter_apply(
        request,
        charter,
        lambda: charter_services.adopt_charter(version=version, user=request.user),
        lambda adoption: f"Vous avez adopté la version {version.number} de la charte.",
    )


@require_POST
def charter_bodies(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "agreements_manage")
    form = CharterBodiesForm(request.POST, queryset=Body.objects.filter(cooperation=charter.cooperation))
    if not form.is_valid():
        return refuse(request, charter.cooperation, form_message(form), charter.get_absolute_url())
    return _charter_apply(
        request,
        charter,
        lambda: charter_services.set_charter_bodies(
            charter=charter,
            bodies=form.cleaned_data["bodies"],
        ),
        "Les instances régies par la charte sont enregistrées.",
    )


def charter_content(version) -> dict:
    """A charter version in the shape the diff reads (articles = sections)."""
    return {
        "title": version.charter.title,
        "articles": [{"title": s.title, "body": s.body} for s in version.sections.all()],
    }


def charter_diff(request, slug, pk):
    charter = get_charter_for_user(request.user, slug, pk, "view")
    versions = list(visible_charter_versions(request.user, charter).prefetch_related("sections"))
    form = DiffForm(request.GET or None)
    blocks = counts = None
    if form.is_valid():
        by_number = {v.number: v for v in versions}
        old, new = by_number.get(form.cleaned_data["de"]), by_number.get(form.cleaned_data["a"])
        if old is None or new is None:
            form.add_error(None, "Ces numéros de version n'existent pas pour cette charte.")
        else:
            blocks = diff_contents(charter_content(old), charter_content(new))
            counts = summary(blocks)
    elif not request.GET and len(versions) >= 2:
        form = DiffForm(initial={"de": versions[1].number, "a": versions[0].number})
    return render(
        request,
        "agreements/charter_diff.html",
        {
            **charter_context(request, charter.cooperation, "Comparer les versions", charter),
            "versions": versions,
            "form": form,
            "blocks": blocks,
            "counts": counts,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def charter_download(request, slug, pk, fmt):
    """A version's document, served from storage once made; else prepared by the worker."""
    charter = get_charter_for_user(request.user, slug, pk, "view")
    if fmt not in CONTENT_TYPES:
        raise Http404("Format de document inconnu.")
    version = charter_version_with_details(_version(request, charter, _number(request)))
    try:
        wanted = CharterDocument(version, fmt)
    except DocumentError as error:
        return refuse(request, charter.cooperation, str(error), charter.get_absolute_url(), status=422)
    return document_or_preparation(
        request,
        ready=wanted.stored(),
        filename=wanted.filename,
        content_type=CONTENT_TYPES[fmt],
        kind=CHARTER_DOCUMENT,
        key=wanted.key,
        start=lambda: wanted.start(request.user),
        title=f"{charter.title}, version {version.number} ({fmt.upper()})",
        back=(charter.title, charter.get_absolute_url()),
    )
