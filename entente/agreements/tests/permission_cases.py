"""Every page and API operation of charters and agreements, for every role (see entente/core/testing.py)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from entente.agreements import (
    agreement_services,
    annex_services,
    charter_services,
    comment_services,
    signature_services,
    trunk_services,
)
from entente.agreements.charter_models import (
    Charter,
    CharterAdoption,
    CharterKind,
    CharterSection,
    CharterVersionStatus,
)
from entente.agreements.models import Agreement, AgreementStatus, Article, Comment, SignatoryStatus
from entente.core.models import Job, JobStatus
from entente.core.testing import Case, contributors, editors, everyone_in, private_readers, roles

ALL = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]
PUBLIC = dict.fromkeys(ALL, 200)
ADOPTERS = roles({201: ["members"], 403: ["operator"], 404: ["anonymous", "outsider"]})
ADOPTERS_PAGE = roles({302: ["members"], 403: ["operator"], 404: ["anonymous", "outsider"]})


def partners(ctx):
    return ctx.world.partners[ctx.cooperation.pk]


def coordinator(ctx):
    return ctx.world.users["coordinateur"]


def draft(ctx):
    agreement = agreement_services.create_agreement(cooperation=ctx.cooperation, user=None, title="Convention témoin")
    annex = annex_services.add_annex(agreement=agreement, partnership=partners(ctx)[0])
    annex_article = annex_services.add_annex_article(annex=annex, title="Engagement", body="Texte de l'engagement.")
    signatory = signature_services.add_signatory(agreement=agreement, organization=partners(ctx)[0].organization)
    return {
        "agreement": agreement,
        "article": agreement.articles.first(),
        "annex": annex,
        "annex_article": annex_article,
        "signatory": signatory,
    }


def in_signature(ctx):
    objects = draft(ctx)
    agreement_services.submit_for_signature(agreement=objects["agreement"], user=None)
    return objects


def signed(ctx):
    objects = in_signature(ctx)
    signature = signature_services.record_signature(
        agreement=objects["agreement"],
        organization=objects["signatory"].organization,
        signed_on=timezone.localdate(),
        user=None,
        deliberation_reference="DEL-1",
    )
    signature.scan.save("scan.pdf", ContentFile(b"%PDF-1.4 exemplaire"), save=True)
    return {**objects, "signature": signature}


def two_versions(ctx):
    objects = draft(ctx)
    agreement_services.save_version(agreement=objects["agreement"], user=None)
    agreement_services.update_article(article=objects["article"], title="Objet", body="Nouvelle rédaction.")
    agreement_services.save_version(agreement=objects["agreement"], user=None)
    return objects


def with_comment(ctx):
    objects = draft(ctx)
    comment = comment_services.add_comment(user=coordinator(ctx), body="À préciser.", article=objects["article"])
    return {**objects, "comment": comment}


def with_proposal(ctx):
    objects = draft(ctx)
    comment = comment_services.add_comment(
        user=ctx.world.users["membre"],
        body="Je propose de préciser.",
        proposed_body="Rédaction proposée par un membre.",
        article=objects["article"],
    )
    return {**objects, "comment": comment}


def proposal_retained(ctx):
    return Article.objects.filter(pk=ctx.article.pk, body="Rédaction proposée par un membre.").exists()


def with_derived(ctx):
    objects = draft(ctx)
    contract = trunk_services.derive_contract(trunk=objects["agreement"], partnership=partners(ctx)[1], user=None)
    agreement_services.update_article(article=objects["article"], title="Objet", body="Objet revu après le comité.")
    return {**objects, "contract": contract}


def document_job(ctx):
    """A draft agreement's PDF waiting in the queue: its page is for whoever sees the draft."""
    objects = draft(ctx)
    job = Job.objects.create(
        kind="agreements.agreement_document",
        key=f"{objects['agreement'].pk}:pdf:empreinte",
        label="Convention",
        params={"agreement": objects["agreement"].pk, "format": "pdf"},
        cooperation=ctx.cooperation,
    )
    return {**objects, "job": job}


def zip_job(status):
    """A job gathering the contracts of a trunk (with drafts), in the given state."""

    def setup(ctx):
        from django.core.files.base import ContentFile

        objects = with_derived(ctx)
        job = Job.objects.create(
            kind="agreements.contracts_zip",
            key=f"{objects['agreement'].pk}:pdf:brouillons",
            label="Contrats",
            params={"agreement": objects["agreement"].pk, "format": "pdf", "drafts": True},
            cooperation=ctx.cooperation,
            status=status,
            message="Le modèle est illisible.",
        )
        if status == JobStatus.DONE:
            job.result.save("contrats.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
            job.result_name = "contrats.zip"
            job.save()
        return {**objects, "job": job}

    return setup


def trunk_carried_over(ctx):
    return ctx.contract.articles.filter(body="Objet revu après le comité.").exists()


def charter_draft(ctx):
    charter = charter_services.create_charter(
        cooperation=ctx.cooperation, user=None, kind=CharterKind.FUNCTIONING, title="Charte témoin"
    )
    version = charter.versions.get()
    return {"charter": charter, "version": version, "section": version.sections.first()}


def charter_published(ctx):
    objects = charter_draft(ctx)
    charter_services.publish_charter_version(version=objects["version"])
    return objects


def charter_two_versions(ctx):
    objects = charter_published(ctx)
    draft_version = charter_services.open_charter_draft(charter=objects["charter"], user=None)
    charter_services.update_charter_section(section=draft_version.sections.first(), title="Qui vient ?", body="Tous.")
    charter_services.publish_charter_version(version=draft_version)
    return objects


def charter_with_body(ctx):
    from entente.governance.body_models import Body

    objects = charter_draft(ctx)
    body = Body.objects.create(cooperation=ctx.cooperation, name="CODIRI témoin", kind="codiri")
    return {**objects, "body": body}


def base(ctx):
    return f"/cooperations/{ctx.cooperation.slug}/chartes-et-conventions/"


def agreement_url(suffix=""):
    return lambda ctx: f"{base(ctx)}conventions/{ctx.agreement.pk}/{suffix}"


def charter_url(suffix=""):
    return lambda ctx: f"{base(ctx)}chartes/{ctx.charter.pk}/{suffix}"


def api(ctx, suffix=""):
    return f"/api/v1/cooperations/{ctx.cooperation.slug}/{suffix}"


def fresh(obj):
    """The row as the request left it in the database (the context keeps the copy made by the setup)."""
    return type(obj).objects.get(pk=obj.pk)


def gone(name):
    """A deletion case's check: the context's object `name` no longer exists."""
    return lambda ctx: not type(getattr(ctx, name)).objects.filter(pk=getattr(ctx, name).pk).exists()


def status_is(expected):
    return lambda ctx: fresh(ctx.agreement).status == expected


AGREEMENT_FORM = {
    "kind": "convention",
    "title": "Convention créée",
    "preamble": "",
    "duration_months": "36",
    "starts_on": "",
    "ends_on": "",
    "place": "Tours",
}

CASES = [
    Case("agreements:list", url=base, expect=everyone_in(200)),
    Case("agreements:list", url=base, expect=PUBLIC, visibility="public"),
    Case("agreements:create", url=lambda c: f"{base(c)}conventions/nouvelle/", expect=editors(200)),
    Case(
        "agreements:create",
        url=lambda c: f"{base(c)}conventions/nouvelle/",
        expect=editors(302),
        method="POST",
        data=AGREEMENT_FORM,
        changed=lambda c: Agreement.objects.filter(title="Convention créée").exists(),
    ),
    Case("agreements:detail", url=agreement_url(), setup=draft, expect=everyone_in(200), label="brouillon"),
    Case(
        "agreements:detail",
        url=agreement_url(),
        setup=draft,
        visibility="public",
        label="brouillon",
        expect={**everyone_in(200)},
    ),
    Case(
        "agreements:detail",
        url=agreement_url(),
        setup=in_signature,
        visibility="public",
        label="en signature",
        expect=PUBLIC,
    ),
    Case("agreements:edit", url=agreement_url("modifier/"), setup=draft, expect=editors(200)),
    Case(
        "agreements:edit",
        url=agreement_url("modifier/"),
        setup=draft,
        expect=editors(302),
        method="POST",
        data={**AGREEMENT_FORM, "title": "Convention renommée"},
        changed=lambda c: Agreement.objects.filter(pk=c.agreement.pk, title="Convention renommée").exists(),
    ),
    Case(
        "agreements:edit",
        url=agreement_url("modifier/"),
        setup=signed,
        expect=editors(400),
        method="POST",
        label="signée",
        data={**AGREEMENT_FORM, "title": "Convention renommée"},
        changed=lambda c: Agreement.objects.filter(pk=c.agreement.pk, title="Convention renommée").exists(),
    ),
    Case(
        "agreements:article_add",
        url=agreement_url("articles/"),
        setup=draft,
        expect=editors(302),
        method="POST",
        data={"title": "Article ajouté", "body": "Texte."},
        changed=lambda c: Article.objects.filter(title="Article ajouté").exists(),
    ),
    Case(
        "agreements:article_add",
        url=agreement_url("articles/"),
        setup=signed,
        expect=editors(400),
        method="POST",
        label="signée",
        data={"title": "Article ajouté", "body": "Texte."},
        changed=lambda c: Article.objects.filter(title="Article ajouté").exists(),
    ),
    Case(
        "agreements:article_edit",
        url=lambda c: agreement_url(f"articles/{c.article.pk}/")(c),
        setup=draft,
        expect=editors(200),
    ),
    Case(
        "agreements:article_edit",
        url=lambda c: agreement_url(f"articles/{c.article.pk}/")(c),
        setup=draft,
        expect=editors(302),
        method="POST",
        data={"title": "Objet modifié", "body": "Nouveau texte."},
        changed=lambda c: Article.objects.filter(pk=c.article.pk, title="Objet modifié").exists(),
    ),
    Case(
        "agreements:article_delete",
        url=lambda c: agreement_url(f"articles/{c.article.pk}/supprimer/")(c),
        setup=draft,
        expect=editors(302),
        method="POST",
        changed=gone("article"),
    ),
    Case(
        "agreements:annexes_generate",
        url=agreement_url("annexes/generer/"),
        setup=draft,
        expect=editors(302),
        method="POST",
        data={"partnership": ""},
        changed=lambda c: c.agreement.annexes.count() == 2,
    ),
    Case(
        "agreements:annex_delete",
        url=lambda c: agreement_url(f"annexes/{c.annex.pk}/supprimer/")(c),
        setup=draft,
        expect=editors(302),
        method="POST",
        changed=gone("annex"),
    ),
    Case(
        "agreements:annex_article_add",
        url=lambda c: agreement_url(f"annexes/{c.annex.pk}/articles/")(c),
        setup=draft,
        expect=editors(302),
        method="POST",
        data={"title": "Ajout d'annexe", "body": "Texte."},
        changed=lambda c: c.annex.articles.filter(title="Ajout d'annexe").exists(),
    ),
    Case(
        "agreements:annex_article_edit",
        url=lambda c: agreement_url(f"annexes/{c.annex.pk}/articles/{c.annex_article.pk}/")(c),
        setup=draft,
        expect=editors(200),
    ),
    Case(
        "agreements:annex_article_delete",
        url=lambda c: agreement_url(f"annexes/{c.annex.pk}/articles/{c.annex_article.pk}/supprimer/")(c),
        setup=draft,
        expect=editors(302),
        method="POST",
        changed=gone("annex_article"),
    ),
    Case(
        "agreements:signatory_add",
        url=agreement_url("signataires/"),
        setup=draft,
        expect=editors(302),
        method="POST",
        data=lambda c: {"partner": partners(c)[1].organization_id, "signer_title": "Le Président"},
        changed=lambda c: c.agreement.signatories.count() == 2,
    ),
    Case(
        "agreements:signatory_remove",
        url=lambda c: agreement_url(f"signataires/{c.signatory.pk}/retirer/")(c),
        setup=draft,
        expect=editors(302),
        method="POST",
        changed=gone("signatory"),
    ),
    Case(
        "agreements:sign",
        url=lambda c: agreement_url(f"signataires/{c.signatory.pk}/signer/")(c),
        setup=in_signature,
        expect=editors(200),
    ),
    Case(
        "agreements:sign",
        url=lambda c: agreement_url(f"signataires/{c.signatory.pk}/signer/")(c),
        setup=in_signature,
        expect=editors(302),
        method="POST",
        data=lambda c: {"signed_on": timezone.localdate().isoformat(), "deliberation_reference": "DEL-2"},
        changed=lambda c: c.signatory.signatures.exists(),
    ),
    Case(
        "agreements:refusal",
        url=lambda c: agreement_url(f"signataires/{c.signatory.pk}/refus/")(c),
        setup=in_signature,
        expect=editors(302),
        method="POST",
        changed=lambda c: fresh(c.signatory).status == SignatoryStatus.REFUSED,
    ),
    Case(
        "agreements:signature_scan",
        url=lambda c: agreement_url(f"signatures/{c.signature.pk}/exemplaire/")(c),
        setup=signed,
        expect=private_readers(200),
    ),
    Case(
        "agreements:scan_upload",
        url=lambda c: agreement_url(f"signatures/{c.signature.pk}/exemplaire/deposer/")(c),
        setup=signed,
        # The matrix posts url-encoded forms, so no file arrives: editors get the French refusal (400), the
        # others are turned away before; the upload itself is tested in test_agreement_pages.
        expect=editors(400),
        method="POST",
        data={"scan": ""},
        changed=lambda c: fresh(c.signature).scan.name != c.signature.scan.name,
    ),
    Case(
        "agreements:submit",
        url=agreement_url("soumettre/"),
        setup=draft,
        expect=editors(302),
        method="POST",
        changed=status_is(AgreementStatus.IN_SIGNATURE),
    ),
    Case(
        "agreements:reopen",
        url=agreement_url("rouvrir/"),
        setup=in_signature,
        expect=editors(302),
        method="POST",
        changed=status_is(AgreementStatus.DRAFT),
    ),
    Case(
        "agreements:adopt",
        url=agreement_url("adopter/"),
        setup=with_derived,
        expect=editors(302),
        method="POST",
        changed=status_is(AgreementStatus.ADOPTED),
    ),
    Case("agreements:versions", url=agreement_url("versions/"), setup=two_versions, expect=everyone_in(200)),
    Case(
        "agreements:versions",
        url=lambda c: agreement_url("versions/")(c) + "?de=1&a=2",
        setup=two_versions,
        expect=everyone_in(200),
        label="comparaison",
    ),
    Case(
        "agreements:version_create",
        url=agreement_url("versions/enregistrer/"),
        setup=draft,
        expect=editors(302),
        method="POST",
        data={"note": "Après le comité"},
        changed=lambda c: c.agreement.versions.filter(note="Après le comité").exists(),
    ),
    Case(
        "agreements:comment_add",
        url=agreement_url("commentaires/"),
        setup=draft,
        expect=contributors(302),
        method="POST",
        data=lambda c: {"target": f"article:{c.article.pk}", "body": "Une remarque."},
        changed=lambda c: Comment.objects.filter(body="Une remarque.").exists(),
    ),
    Case(
        "agreements:comment_resolve",
        url=lambda c: agreement_url(f"commentaires/{c.comment.pk}/resoudre/")(c),
        setup=with_comment,
        expect=editors(302),
        method="POST",
        changed=lambda c: fresh(c.comment).resolved_at is not None,
    ),
    Case(
        "agreements:comment_apply",
        url=lambda c: agreement_url(f"commentaires/{c.comment.pk}/retenir/")(c),
        setup=with_proposal,
        expect=editors(302),
        method="POST",
        changed=proposal_retained,
    ),
    Case(
        "agreements:amendment_create",
        url=agreement_url("avenant/"),
        setup=signed,
        expect=editors(302),
        method="POST",
        changed=lambda c: Agreement.objects.filter(parent=c.agreement).exists(),
    ),
    Case(
        "agreements:derive",
        url=agreement_url("decliner/"),
        setup=draft,
        expect=editors(302),
        method="POST",
        data=lambda c: {"partnerships": [p.pk for p in partners(c)], "contract_signer_title": "Le Président"},
        changed=lambda c: Agreement.objects.filter(cooperation=c.cooperation).count() == 3,
    ),
    Case(
        "agreements:propagate",
        url=agreement_url("decliner/reporter/"),
        setup=with_derived,
        expect=editors(302),
        method="POST",
        changed=trunk_carried_over,
    ),
    Case(
        "agreements:derived_documents",
        url=agreement_url("decliner/documents-docx.zip"),
        setup=with_derived,
        method="POST",
        expect=everyone_in(302),
        changed=lambda c: Job.objects.filter(
            kind="agreements.contracts_zip", params__agreement=c.agreement.pk
        ).exists(),
    ),
    # The job's pages (entente/core) show to whoever sees the result: here a ZIP with drafts.
    Case("core:job", url=lambda c: f"/taches/{c.job.pk}/", setup=zip_job(JobStatus.RUNNING), expect=everyone_in(200)),
    Case(
        "core:job_download",
        url=lambda c: f"/taches/{c.job.pk}/fichier/",
        setup=zip_job(JobStatus.DONE),
        expect=everyone_in(200),
    ),
    Case(
        "core:job_retry",
        url=lambda c: f"/taches/{c.job.pk}/relancer/",
        setup=zip_job(JobStatus.FAILED),
        method="POST",
        expect=everyone_in(302),
        changed=lambda c: Job.objects.get(pk=c.job.pk).status != JobStatus.FAILED,
    ),
    # The same job through the API (entente/core/job_api.py): seen exactly by those who see its page.
    Case(
        "API GET /jobs/{id}",
        url=lambda c: f"/api/v1/jobs/{c.job.pk}",
        setup=zip_job(JobStatus.RUNNING),
        expect=everyone_in(200),
    ),
    Case(
        "API GET /jobs/{id}/file",
        url=lambda c: f"/api/v1/jobs/{c.job.pk}/file",
        setup=zip_job(JobStatus.DONE),
        expect=everyone_in(200),
    ),
    Case("agreements:document", url=agreement_url("document.docx"), setup=draft, expect=everyone_in(200)),
    Case(
        "agreements:document",
        url=agreement_url("document.pdf"),
        setup=signed,
        expect=PUBLIC,
        visibility="public",
        label="signée",
    ),
    Case(
        "core:job", url=lambda c: f"/taches/{c.job.pk}/", setup=document_job, expect=everyone_in(200), label="document"
    ),
    Case(
        "core:job",
        url=lambda c: f"/taches/{c.job.pk}/",
        setup=document_job,
        expect=everyone_in(200),
        visibility="public",
        label="document d'un brouillon",
    ),
    # A document not made yet is prepared by the worker: the POST queues it (then the job's page).
    Case(
        "agreements:document",
        url=agreement_url("document.docx"),
        setup=draft,
        method="POST",
        expect=everyone_in(302),
        label="préparer",
        changed=lambda c: Job.objects.filter(
            kind="agreements.agreement_document", params__agreement=c.agreement.pk
        ).exists(),
    ),
    Case(
        "agreements:document",
        url=agreement_url("document.pdf"),
        setup=signed,
        method="POST",
        expect=dict.fromkeys(ALL, 302),
        visibility="public",
        label="signée, préparer",
        changed=lambda c: Job.objects.filter(
            kind="agreements.agreement_document", params__agreement=c.agreement.pk
        ).exists(),
    ),
    Case("agreements:text", url=agreement_url("texte/"), setup=draft, expect=everyone_in(200)),
    Case(
        "agreements:text", url=agreement_url("texte/"), setup=signed, expect=PUBLIC, visibility="public", label="signée"
    ),
    Case("agreements:history", url=agreement_url("historique/"), setup=draft, expect=everyone_in(200)),
    Case(
        "agreements:history",
        url=agreement_url("historique/"),
        setup=signed,
        visibility="public",
        label="signée",
        expect={**everyone_in(200), "anonymous": 403, "outsider": 403},
    ),
    # Charters
    Case("agreements:charter_create", url=lambda c: f"{base(c)}chartes/nouvelle/", expect=editors(200)),
    Case(
        "agreements:charter_create",
        url=lambda c: f"{base(c)}chartes/nouvelle/",
        expect=editors(302),
        method="POST",
        data={"kind": "contrat_moral", "title": "Contrat moral créé", "with_presets": "on"},
        changed=lambda c: Charter.objects.filter(title="Contrat moral créé").exists(),
    ),
    Case(
        "agreements:charter_detail", url=charter_url(), setup=charter_draft, expect=everyone_in(200), label="brouillon"
    ),
    Case(
        "agreements:charter_detail",
        url=charter_url(),
        setup=charter_draft,
        visibility="public",
        label="brouillon",
        expect=everyone_in(200),
    ),
    Case(
        "agreements:charter_detail",
        url=charter_url(),
        setup=charter_published,
        visibility="public",
        label="en vigueur",
        expect=PUBLIC,
    ),
    Case(
        "agreements:section_preset_add",
        url=charter_url("rubriques/modele/"),
        setup=charter_draft,
        expect=editors(302),
        method="POST",
        data={"code": "parite_parole"},
        changed=lambda c: CharterSection.objects.filter(version__charter=c.charter, code="parite_parole").exists(),
    ),
    Case(
        "agreements:section_add",
        url=charter_url("rubriques/"),
        setup=charter_draft,
        expect=editors(302),
        method="POST",
        data={"title": "Vis ma vie", "body": "Échanges de postes."},
        changed=lambda c: CharterSection.objects.filter(title="Vis ma vie").exists(),
    ),
    Case(
        "agreements:section_add",
        url=charter_url("rubriques/"),
        setup=charter_published,
        expect=editors(400),
        method="POST",
        label="en vigueur",
        data={"title": "Vis ma vie", "body": "Échanges de postes."},
        changed=lambda c: CharterSection.objects.filter(title="Vis ma vie").exists(),
    ),
    Case(
        "agreements:section_edit",
        url=lambda c: charter_url(f"rubriques/{c.section.pk}/")(c),
        setup=charter_draft,
        expect=editors(200),
    ),
    Case(
        "agreements:section_edit",
        url=lambda c: charter_url(f"rubriques/{c.section.pk}/")(c),
        setup=charter_draft,
        expect=editors(302),
        method="POST",
        data={"title": "Qui vient ?", "body": "Les DGS."},
        changed=lambda c: CharterSection.objects.filter(pk=c.section.pk, body="Les DGS.").exists(),
    ),
    Case(
        "agreements:section_edit",
        url=lambda c: charter_url(f"rubriques/{c.section.pk}/")(c),
        setup=charter_published,
        expect=editors(400),
        method="POST",
        label="en vigueur",
        data={"title": "Qui vient ?", "body": "Les DGS."},
        changed=lambda c: CharterSection.objects.filter(pk=c.section.pk, body="Les DGS.").exists(),
    ),
    Case(
        "agreements:section_delete",
        url=lambda c: charter_url(f"rubriques/{c.section.pk}/supprimer/")(c),
        setup=charter_draft,
        expect=editors(302),
        method="POST",
        changed=lambda c: not CharterSection.objects.filter(pk=c.section.pk).exists(),
    ),
    Case(
        "agreements:charter_publish",
        url=charter_url("mettre-en-vigueur/"),
        setup=charter_draft,
        expect=editors(302),
        method="POST",
        changed=lambda c: c.charter.versions.filter(status=CharterVersionStatus.PUBLISHED).exists(),
    ),
    Case(
        "agreements:charter_new_version",
        url=charter_url("nouvelle-version/"),
        setup=charter_published,
        expect=editors(302),
        method="POST",
        changed=lambda c: c.charter.versions.count() == 2,
    ),
    Case(
        "agreements:charter_adopt",
        url=charter_url("adopter/"),
        setup=charter_published,
        expect=ADOPTERS_PAGE,
        method="POST",
        changed=lambda c: CharterAdoption.objects.exists(),
    ),
    Case(
        "agreements:charter_bodies",
        url=charter_url("instances/"),
        setup=charter_with_body,
        expect=editors(302),
        method="POST",
        data=lambda c: {"bodies": [c.body.pk]},
        changed=lambda c: c.charter.bodies.filter(pk=c.body.pk).exists(),
    ),
    Case("agreements:charter_diff", url=charter_url("comparer/"), setup=charter_two_versions, expect=everyone_in(200)),
    Case(
        "agreements:charter_diff",
        url=lambda c: charter_url("comparer/")(c) + "?de=1&a=2",
        setup=charter_two_versions,
        expect=PUBLIC,
        visibility="public",
        label="comparaison",
    ),
    Case("agreements:charter_document", url=charter_url("document.docx"), setup=charter_draft, expect=everyone_in(200)),
    Case(
        "agreements:charter_document",
        url=charter_url("document.pdf"),
        setup=charter_published,
        expect=PUBLIC,
        visibility="public",
        label="en vigueur",
    ),
    Case(
        "agreements:charter_document",
        url=charter_url("document.docx"),
        setup=charter_draft,
        method="POST",
        expect=everyone_in(302),
        label="préparer",
        changed=lambda c: Job.objects.filter(kind="agreements.charter_document", params__charter=c.charter.pk).exists(),
    ),
    # API
    Case(
        "API GET /cooperations/{slug}/agreements",
        url=lambda c: api(c, "agreements"),
        setup=draft,
        expect=everyone_in(200),
    ),
    Case(
        "API GET /cooperations/{slug}/agreements",
        url=lambda c: api(c, "agreements"),
        setup=draft,
        expect=PUBLIC,
        visibility="public",
    ),
    Case(
        "API POST /cooperations/{slug}/agreements",
        url=lambda c: api(c, "agreements"),
        expect=editors(201),
        method="POST",
        json=True,
        data={"title": "Convention par l'API", "duration_months": 36},
        changed=lambda c: Agreement.objects.filter(title="Convention par l'API").exists(),
    ),
    Case(
        "API GET /cooperations/{slug}/agreements/{agreement_id}",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}"),
        setup=draft,
        expect=everyone_in(200),
    ),
    Case(
        "API GET /cooperations/{slug}/agreements/{agreement_id}",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}"),
        setup=in_signature,
        expect=PUBLIC,
        visibility="public",
        label="en signature",
    ),
    Case(
        "API PATCH /cooperations/{slug}/agreements/{agreement_id}",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}"),
        setup=draft,
        expect=editors(200),
        method="PATCH",
        json=True,
        data={"title": "Titre par l'API"},
        changed=lambda c: Agreement.objects.filter(pk=c.agreement.pk, title="Titre par l'API").exists(),
    ),
    Case(
        "API PATCH /cooperations/{slug}/agreements/{agreement_id}",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}"),
        setup=signed,
        expect=editors(400),
        method="PATCH",
        json=True,
        data={"title": "Titre par l'API"},
        label="signée",
        changed=lambda c: Agreement.objects.filter(pk=c.agreement.pk, title="Titre par l'API").exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/articles",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/articles"),
        setup=draft,
        expect=editors(201),
        method="POST",
        json=True,
        data={"title": "Article API", "body": "Texte."},
        changed=lambda c: Article.objects.filter(title="Article API").exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/annexes",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/annexes"),
        setup=draft,
        expect=editors(201),
        method="POST",
        json=True,
        data={},
        changed=lambda c: c.agreement.annexes.count() == 2,
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/signatories",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/signatories"),
        setup=draft,
        expect=editors(201),
        method="POST",
        json=True,
        data=lambda c: {"organization_id": partners(c)[1].organization_id},
        changed=lambda c: c.agreement.signatories.count() == 2,
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/submit",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/submit"),
        setup=draft,
        expect=editors(200),
        method="POST",
        json=True,
        changed=status_is(AgreementStatus.IN_SIGNATURE),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/adopt",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/adopt"),
        setup=with_derived,
        expect=editors(200),
        method="POST",
        json=True,
        changed=status_is(AgreementStatus.ADOPTED),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/signatures",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/signatures"),
        setup=in_signature,
        expect=editors(201),
        method="POST",
        json=True,
        data=lambda c: {"organization_id": partners(c)[0].organization_id, "signed_on": timezone.localdate()},
        changed=lambda c: c.signatory.signatures.exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/signatures",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/signatures"),
        setup=in_signature,
        expect=editors(400),
        method="POST",
        json=True,
        label="avant la version",
        data=lambda c: {"organization_id": partners(c)[0].organization_id, "signed_on": datetime.date(2019, 1, 1)},
        changed=lambda c: c.signatory.signatures.exists(),
    ),
    Case(
        "API GET /cooperations/{slug}/agreements/{agreement_id}/versions",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/versions"),
        setup=two_versions,
        expect=everyone_in(200),
    ),
    Case(
        "API GET /cooperations/{slug}/agreements/{agreement_id}/diff",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/diff?from_version=1&to_version=2"),
        setup=two_versions,
        expect=everyone_in(200),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/comments",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/comments"),
        setup=draft,
        expect=contributors(201),
        method="POST",
        json=True,
        data=lambda c: {"article_id": c.article.pk, "body": "Remarque API."},
        changed=lambda c: Comment.objects.filter(body="Remarque API.").exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/comments/{comment_id}/apply",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/comments/{c.comment.pk}/apply"),
        setup=with_proposal,
        expect=editors(200),
        method="POST",
        json=True,
        data={},
        changed=proposal_retained,
    ),
    Case(
        "API GET /cooperations/{slug}/charters",
        url=lambda c: api(c, "charters"),
        setup=charter_published,
        expect=everyone_in(200),
    ),
    Case(
        "API GET /cooperations/{slug}/charters",
        url=lambda c: api(c, "charters"),
        setup=charter_published,
        expect=PUBLIC,
        visibility="public",
    ),
    Case(
        "API POST /cooperations/{slug}/charters",
        url=lambda c: api(c, "charters"),
        expect=editors(201),
        method="POST",
        json=True,
        data={"title": "Charte par l'API", "kind": "charte_fonctionnement"},
        changed=lambda c: Charter.objects.filter(title="Charte par l'API").exists(),
    ),
    Case(
        "API GET /cooperations/{slug}/charters/{charter_id}",
        url=lambda c: api(c, f"charters/{c.charter.pk}"),
        setup=charter_published,
        expect=everyone_in(200),
    ),
    Case(
        "API GET /cooperations/{slug}/charters/{charter_id}",
        url=lambda c: api(c, f"charters/{c.charter.pk}"),
        setup=charter_draft,
        visibility="public",
        label="brouillon",
        expect=everyone_in(200),
    ),
    Case(
        "API POST /cooperations/{slug}/charters/{charter_id}/adoptions",
        url=lambda c: api(c, f"charters/{c.charter.pk}/adoptions"),
        setup=charter_published,
        expect=ADOPTERS,
        method="POST",
        json=True,
        changed=lambda c: CharterAdoption.objects.exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/amendments",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/amendments"),
        setup=signed,
        expect=editors(201),
        method="POST",
        json=True,
        changed=lambda c: Agreement.objects.filter(parent=c.agreement).exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/agreements/{agreement_id}/amendments",
        url=lambda c: api(c, f"agreements/{c.agreement.pk}/amendments"),
        setup=draft,
        expect=editors(400),
        method="POST",
        json=True,
        label="brouillon",
        changed=lambda c: Agreement.objects.filter(parent=c.agreement).exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/charters/{charter_id}/sections",
        url=lambda c: api(c, f"charters/{c.charter.pk}/sections"),
        setup=charter_draft,
        expect=editors(201),
        method="POST",
        json=True,
        data={"title": "Vis ma vie", "body": "Échanges."},
        changed=lambda c: CharterSection.objects.filter(title="Vis ma vie").exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/charters/{charter_id}/sections",
        url=lambda c: api(c, f"charters/{c.charter.pk}/sections"),
        setup=charter_published,
        expect=editors(409),
        method="POST",
        json=True,
        data={"title": "Vis ma vie"},
        label="en vigueur",
        changed=lambda c: CharterSection.objects.filter(title="Vis ma vie").exists(),
    ),
    Case(
        "API POST /cooperations/{slug}/charters/{charter_id}/publish",
        url=lambda c: api(c, f"charters/{c.charter.pk}/publish"),
        setup=charter_draft,
        expect=editors(200),
        method="POST",
        json=True,
        changed=lambda c: c.charter.versions.filter(status=CharterVersionStatus.PUBLISHED).exists(),
    ),
]
