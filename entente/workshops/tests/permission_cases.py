"""The workshops' rows of the permission matrix: every page and API operation, per phase."""

from django.core.files.uploadedfile import SimpleUploadedFile

from entente.core.models import Job
from entente.core.testing import Case, contributors, editors, everyone_in, private_readers

ALL_ROLES = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]


def _workshop(ctx, phase="foisonnement", **extra):
    from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory

    workshop = WorkshopFactory(cooperation=ctx.cooperation, phase=phase, title="Atelier de la matrice", **extra)
    organization = ctx.world.partners[ctx.cooperation.pk][0].organization
    idea = IdeaFactory(workshop=workshop, title="Piste de la matrice", organization=organization)
    other = IdeaFactory(workshop=workshop, title="Piste jumelle", organization=organization)
    participant = ParticipantFactory(workshop=workshop, organization=organization)
    criterion = workshop.grid.criteria.first()
    return {
        "workshop": workshop,
        "idea": idea,
        "other_idea": other,
        "participant": participant,
        "criterion": criterion,
        "organization": organization,
    }


def domain_setup(ctx):
    from entente.workshops.models import Domain

    return {
        **_workshop(ctx, "foisonnement"),
        "domain": Domain.objects.create(cooperation=ctx.cooperation, label="Collèges"),
    }


def domain_url(name, with_domain=True):
    def build(ctx):
        from django.urls import reverse

        return reverse(f"workshops:{name}", args=[ctx.cooperation.slug] + ([ctx.domain.pk] if with_domain else []))

    return build


def criteria_labels(ctx):
    return list(ctx.workshop.grid.criteria.order_by("position", "pk").values_list("label", flat=True))


def renew_setup(ctx):
    objects = _workshop(ctx, "evaluation")
    return {**objects, "old_code": objects["workshop"].join_code}


def setup_for(phase):
    return lambda ctx: _workshop(ctx, phase)


def per_phase(name, url, expect_by_phase, **case):
    """The same request on a workshop in each given phase: one case a phase, labelled by it."""
    phases = expect_by_phase.items()
    return [Case(name, url, expect, setup=setup_for(phase), label=phase, **case) for phase, expect in phases]


def failed_import_job(ctx):
    """An import of pistes that failed (errors in the file): its report is for those who import."""
    objects = _workshop(ctx, "foisonnement")
    job = Job.objects.create(
        kind="workshops.import_ideas",
        key=f"{objects['workshop'].pk}:empreinte",
        label="Import de pistes",
        params={"workshop": objects["workshop"].pk, "file": "imports/pistes/absent.csv", "name": "pistes.csv"},
        cooperation=ctx.cooperation,
        status="echec",
        message="Aucune piste importée : 1 erreur dans le fichier.\n2\tdomaine\tDomaine inconnu : « Astronomie ».",
    )
    return {**objects, "job": job}


def copy_setup(ctx):
    from entente.workshops.factories import IdeaFactory, WorkshopFactory

    objects = _workshop(ctx, "foisonnement")
    source = WorkshopFactory(cooperation=ctx.cooperation, phase="clos", title="Atelier interne")
    IdeaFactory(workshop=source, title="Piste de l'atelier interne")
    return {**objects, "source": source}


def merged_setup(ctx):
    objects = _workshop(ctx, "evaluation")
    objects["other_idea"].merged_into = objects["idea"]
    objects["other_idea"].save()
    return objects


def url(name, *extra):
    def build(ctx):
        from django.urls import reverse

        args = [ctx.cooperation.slug, ctx.workshop.pk] + [getattr(ctx, e).pk for e in extra]
        return reverse(f"workshops:{name}", args=args)

    return build


def api(path):
    return lambda ctx: "/api/v1" + path.format(slug=ctx.cooperation.slug, workshop=ctx.workshop.pk)


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def score_stored(ctx):
    from entente.workshops.models import Score

    return Score.objects.filter(idea=ctx.idea).exists()


def idea_created(ctx):
    from entente.workshops.models import Idea

    return Idea.objects.filter(workshop=ctx.workshop, title="Nouvelle piste").exists()


def workshop_created(ctx):
    from entente.workshops.models import Workshop

    return Workshop.objects.filter(cooperation=ctx.cooperation, title="Atelier créé").exists()


def participant_joined(ctx):
    from entente.workshops.models import Participant

    return Participant.objects.filter(workshop=ctx.workshop, display_name="DGA Ressources").exists()


def arbitrated(ctx):
    return refreshed(ctx.idea).arbitration_status == "retenue"


def grid_data(ctx):
    data = {}
    for criterion in ctx.workshop.grid.criteria.all():
        data.update(
            {
                f"label-{criterion.pk}": criterion.label,
                f"weight-{criterion.pk}": "2",
                f"axis-{criterion.pk}": criterion.axis,
            }
        )
    return data


def score_data(ctx):
    return {"idea": ctx.idea.pk, f"score-{ctx.criterion.pk}": 3}


def api_score(ctx):
    return {"idea": ctx.idea.pk, "criterion": ctx.criterion.pk, "value": 3}


PUBLIC_READ = dict.fromkeys(ALL_ROLES, 200)

CASES = [
    Case(
        "workshops:list",
        lambda ctx: f"/cooperations/{ctx.cooperation.slug}/ateliers/",
        everyone_in(200),
        setup=setup_for("foisonnement"),
    ),
    Case(
        "workshops:list",
        lambda ctx: f"/cooperations/{ctx.cooperation.slug}/ateliers/",
        PUBLIC_READ,
        setup=setup_for("foisonnement"),
        visibility="public",
    ),
    Case("workshops:create", lambda ctx: f"/cooperations/{ctx.cooperation.slug}/ateliers/nouveau/", editors(200)),
    Case(
        "workshops:create",
        lambda ctx: f"/cooperations/{ctx.cooperation.slug}/ateliers/nouveau/",
        editors(302),
        method="POST",
        data={"title": "Atelier créé", "kind": "commun", "grid_preset": "plus_value_faisabilite"},
        changed=workshop_created,
    ),
    Case("workshops:detail", url("detail"), everyone_in(200), setup=setup_for("foisonnement")),
    Case("workshops:detail", url("detail"), PUBLIC_READ, setup=setup_for("foisonnement"), visibility="public"),
    Case("workshops:edit", url("edit"), editors(200), setup=setup_for("foisonnement")),
    Case(
        "workshops:edit",
        url("edit"),
        editors(302),
        method="POST",
        data={"title": "Atelier renommé", "kind": "commun", "place": "Blois"},
        setup=setup_for("evaluation"),
        changed=lambda ctx: refreshed(ctx.workshop).title == "Atelier renommé",
    ),
    Case("workshops:facilitate", url("facilitate"), editors(200), setup=setup_for("foisonnement")),
    Case("workshops:live_ideas", url("live_ideas"), editors(200), setup=setup_for("evaluation")),
    Case(
        "workshops:phase",
        url("phase"),
        editors(302),
        method="POST",
        data={"direction": "suivante"},
        setup=setup_for("foisonnement"),
        changed=lambda ctx: refreshed(ctx.workshop).phase == "evaluation",
    ),
    Case(
        "workshops:renew_code",
        url("renew_code"),
        editors(302),
        method="POST",
        setup=renew_setup,
        changed=lambda ctx: refreshed(ctx.workshop).join_code != ctx.old_code,
    ),
    Case(
        "workshops:copy_ideas",
        url("copy_ideas"),
        editors(302),
        method="POST",
        setup=copy_setup,
        data=lambda ctx: {"source": ctx.source.pk},
        changed=lambda ctx: ctx.workshop.ideas.filter(source__isnull=False).exists(),
    ),
    Case(
        "workshops:participant_access",
        url("participant_access", "participant"),
        editors(302),
        method="POST",
        data={"action": "revoquer"},
        setup=setup_for("evaluation"),
        changed=lambda ctx: refreshed(ctx.participant).revoked_at is not None,
    ),
    Case("workshops:join", lambda ctx: "/ateliers/rejoindre/", PUBLIC_READ, scoped=False),
    Case(
        "workshops:join_code",
        lambda ctx: f"/ateliers/rejoindre/{ctx.workshop.join_code}/",
        PUBLIC_READ,
        setup=setup_for("foisonnement"),
        scoped=False,
    ),
    *per_phase(
        "workshops:join_code",
        lambda ctx: f"/ateliers/rejoindre/{ctx.workshop.join_code}/",
        {"foisonnement": dict.fromkeys(ALL_ROLES, 302), "clos": dict.fromkeys(ALL_ROLES, 400)},
        method="POST",
        scoped=False,
        data=lambda ctx: {"display_name": "DGA Ressources", "organization": ctx.organization.pk},
        changed=participant_joined,
    ),
    Case("workshops:participate", url("participate"), contributors(200), setup=setup_for("foisonnement")),
    Case(
        "workshops:phase_state",
        lambda ctx: url("phase_state")(ctx) + "?phase=clos",
        contributors(200),
        setup=setup_for("evaluation"),
    ),
    *per_phase(
        "workshops:idea_create",
        url("idea_create"),
        {"foisonnement": contributors(302), "evaluation": contributors(403)},
        method="POST",
        data={"title": "Nouvelle piste"},
        changed=idea_created,
    ),
    Case("workshops:idea_edit", url("idea_edit", "idea"), editors(200), setup=setup_for("foisonnement")),
    *per_phase(
        "workshops:idea_edit",
        url("idea_edit", "idea"),
        {"foisonnement": editors(302), "evaluation": editors(403)},
        method="POST",
        data={"title": "Titre corrigé"},
        changed=lambda ctx: refreshed(ctx.idea).title == "Titre corrigé",
    ),
    *per_phase(
        "workshops:idea_delete",
        url("idea_delete", "idea"),
        {"foisonnement": editors(302), "evaluation": editors(403)},
        method="POST",
        changed=lambda ctx: not ctx.workshop.ideas.filter(pk=ctx.idea.pk).exists(),
    ),
    Case("workshops:score", url("score"), contributors(200), setup=setup_for("evaluation")),
    *per_phase(
        "workshops:score_submit",
        url("score_submit"),
        {"evaluation": contributors(302), "foisonnement": contributors(403), "clos": contributors(403)},
        method="POST",
        data=score_data,
        changed=score_stored,
    ),
    Case("workshops:results", url("results"), private_readers(200), setup=setup_for("evaluation")),
    Case("workshops:grid", url("grid"), editors(200), setup=setup_for("evaluation")),
    Case(
        "workshops:grid",
        url("grid"),
        editors(302),
        method="POST",
        setup=setup_for("evaluation"),
        data=lambda ctx: grid_data(ctx),
        changed=lambda ctx: float(refreshed(ctx.criterion).weight) == 2.0,
    ),
    Case(
        "workshops:criterion_add",
        url("criterion_add"),
        editors(302),
        method="POST",
        setup=setup_for("evaluation"),
        data={"label": "Coût", "kind": "oui_non", "weight": "1", "axis": ""},
        changed=lambda ctx: ctx.workshop.grid.criteria.filter(label="Coût").exists(),
    ),
    Case(
        "workshops:criterion_add",
        url("criterion_add"),
        editors(403),
        method="POST",
        setup=setup_for("clos"),
        data={"label": "Coût", "kind": "oui_non", "weight": "1", "axis": ""},
        changed=lambda ctx: ctx.workshop.grid.criteria.filter(label="Coût").exists(),
        label="clos",
    ),
    Case(
        "workshops:grid",
        url("grid"),
        editors(403),
        method="POST",
        setup=setup_for("clos"),
        data=lambda ctx: grid_data(ctx),
        changed=lambda ctx: float(refreshed(ctx.criterion).weight) == 2.0,
        label="clos",
    ),
    Case(
        "workshops:criterion_delete",
        url("criterion_delete", "criterion"),
        editors(302),
        method="POST",
        setup=setup_for("foisonnement"),
        changed=lambda ctx: not ctx.workshop.grid.criteria.filter(pk=ctx.criterion.pk).exists(),
    ),
    Case(
        "workshops:criterion_move",
        url("criterion_move", "criterion"),
        editors(302),
        method="POST",
        data={"direction": "descendre"},
        setup=setup_for("foisonnement"),
        changed=lambda ctx: criteria_labels(ctx)[0] != ctx.criterion.label,
    ),
    Case(
        "workshops:grid_preset",
        url("grid_preset"),
        editors(302),
        method="POST",
        data={"preset": "quatre_questions"},
        setup=setup_for("foisonnement"),
        changed=lambda ctx: len(criteria_labels(ctx)) == 4,
    ),
    Case(
        "workshops:matrix_bounds",
        url("matrix_bounds"),
        editors(302),
        method="POST",
        data={"value_threshold": "65", "feasibility_threshold": "40", "bound_rule": "au_dessus"},
        setup=setup_for("clos"),
        changed=lambda ctx: type(ctx.workshop).objects.get(pk=ctx.workshop.pk).value_threshold == 65,
    ),
    Case("workshops:domains", domain_url("domains", False), editors(200), setup=domain_setup),
    Case(
        "workshops:domains",
        domain_url("domains", False),
        editors(302),
        method="POST",
        data={"label": "Voirie"},
        setup=domain_setup,
        changed=lambda ctx: ctx.cooperation.idea_domains.filter(label="Voirie").exists(),
    ),
    Case(
        "workshops:domain_presets",
        domain_url("domain_presets", False),
        editors(302),
        method="POST",
        setup=domain_setup,
        changed=lambda ctx: ctx.cooperation.idea_domains.count() > 1,
    ),
    Case(
        "workshops:domain_edit",
        domain_url("domain_edit"),
        editors(302),
        method="POST",
        data={"label": "Collèges et éducation"},
        setup=domain_setup,
        changed=lambda ctx: refreshed(ctx.domain).label == "Collèges et éducation",
    ),
    Case(
        "workshops:domain_move",
        domain_url("domain_move"),
        editors(302),
        method="POST",
        data={"direction": "descendre"},
        setup=lambda ctx: {
            **domain_setup(ctx),
            "first": ctx.cooperation.idea_domains.create(label="Achats", position=1),
        },
        changed=lambda ctx: refreshed(ctx.domain).position == 1,
    ),
    Case(
        "workshops:domain_delete",
        domain_url("domain_delete"),
        editors(302),
        method="POST",
        setup=domain_setup,
        changed=lambda ctx: not ctx.cooperation.idea_domains.filter(pk=ctx.domain.pk).exists(),
    ),
    Case("workshops:similar", url("similar"), editors(200), setup=setup_for("evaluation")),
    Case(
        "workshops:merge",
        url("merge"),
        editors(302),
        method="POST",
        setup=setup_for("evaluation"),
        data=lambda ctx: {"ideas": [ctx.idea.pk, ctx.other_idea.pk], "target": ctx.idea.pk},
        changed=lambda ctx: refreshed(ctx.other_idea).merged_into_id == ctx.idea.pk,
    ),
    Case(
        "workshops:unmerge",
        url("unmerge", "other_idea"),
        editors(302),
        method="POST",
        setup=merged_setup,
        changed=lambda ctx: refreshed(ctx.other_idea).merged_into_id is None,
    ),
    Case("workshops:arbitrate", url("arbitrate"), editors(200), setup=setup_for("clos")),
    *per_phase(
        "workshops:arbitrate",
        url("arbitrate"),
        {"clos": editors(302), "evaluation": editors(403)},
        method="POST",
        data=lambda ctx: {"body": "Comité de pilotage", "decided_on": "2026-03-02", f"status-{ctx.idea.pk}": "retenue"},
        changed=arbitrated,
    ),
    Case("workshops:import", url("import"), editors(200), setup=setup_for("foisonnement")),
    Case(
        "workshops:import",
        url("import"),
        editors(400),
        method="POST",
        setup=setup_for("foisonnement"),
        changed=idea_created,
        label="sans fichier",
    ),
    Case(
        "workshops:import",
        url("import"),
        editors(302),
        method="POST",
        setup=setup_for("foisonnement"),
        data=lambda ctx: {"file": SimpleUploadedFile("pistes.csv", "intitulé\nPiste importée\n".encode())},
        changed=lambda ctx: Job.objects.filter(
            kind="workshops.import_ideas", params__workshop=ctx.workshop.pk
        ).exists(),
        label="fichier (import par le worker)",
    ),
    # The import's job page (entente/core) shows to those who may import, and nobody else.
    Case("core:job", lambda ctx: f"/taches/{ctx.job.pk}/", editors(200, 404), setup=failed_import_job),
    Case(
        "core:job_retry",
        lambda ctx: f"/taches/{ctx.job.pk}/relancer/",
        editors(302, 404),
        method="POST",
        setup=failed_import_job,
        changed=lambda ctx: Job.objects.get(pk=ctx.job.pk).status != "echec",
    ),
    Case(
        "workshops:export",
        lambda ctx: f"/cooperations/{ctx.cooperation.slug}/ateliers/{ctx.workshop.pk}/export/classement.csv",
        private_readers(200),
        setup=setup_for("evaluation"),
    ),
    # API
    Case(
        "API GET /cooperations/{slug}/workshops",
        api("/cooperations/{slug}/workshops"),
        everyone_in(200),
        setup=setup_for("foisonnement"),
    ),
    Case(
        "API POST /cooperations/{slug}/workshops",
        api("/cooperations/{slug}/workshops"),
        editors(201),
        method="POST",
        json=True,
        data={"title": "Atelier créé"},
        setup=setup_for("foisonnement"),
        changed=workshop_created,
    ),
    Case(
        "API GET /cooperations/{slug}/workshops/{workshop_id}",
        api("/cooperations/{slug}/workshops/{workshop}"),
        everyone_in(200),
        setup=setup_for("foisonnement"),
    ),
    Case(
        "API PUT /cooperations/{slug}/workshops/{workshop_id}/phase",
        api("/cooperations/{slug}/workshops/{workshop}/phase"),
        editors(200),
        method="PUT",
        json=True,
        data={"phase": "evaluation"},
        setup=setup_for("foisonnement"),
        changed=lambda ctx: refreshed(ctx.workshop).phase == "evaluation",
    ),
    Case(
        "API GET /cooperations/{slug}/workshops/{workshop_id}/ideas",
        api("/cooperations/{slug}/workshops/{workshop}/ideas"),
        everyone_in(200),
        setup=setup_for("evaluation"),
    ),
    *per_phase(
        "API POST /cooperations/{slug}/workshops/{workshop_id}/ideas",
        api("/cooperations/{slug}/workshops/{workshop}/ideas"),
        {"foisonnement": contributors(201), "clos": contributors(403)},
        method="POST",
        json=True,
        data={"title": "Nouvelle piste"},
        changed=idea_created,
    ),
    *per_phase(
        "API POST /cooperations/{slug}/workshops/{workshop_id}/scores",
        api("/cooperations/{slug}/workshops/{workshop}/scores"),
        {"evaluation": contributors(200), "foisonnement": contributors(403), "clos": contributors(403)},
        method="POST",
        json=True,
        data=api_score,
        changed=score_stored,
    ),
    Case(
        "API GET /cooperations/{slug}/workshops/{workshop_id}/results",
        api("/cooperations/{slug}/workshops/{workshop}/results"),
        private_readers(200),
        setup=setup_for("evaluation"),
    ),
    Case(
        "API POST /workshops/join",
        lambda ctx: "/api/v1/workshops/join",
        dict.fromkeys(ALL_ROLES, 201),
        method="POST",
        json=True,
        scoped=False,
        setup=setup_for("foisonnement"),
        data=lambda ctx: {
            "code": ctx.workshop.join_code,
            "display_name": "DGA Ressources",
            "organization_id": ctx.organization.pk,
        },
        changed=participant_joined,
    ),
]
