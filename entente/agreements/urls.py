from django.urls import path

from . import agreement_views, charter_views, drafting_views, signature_views, views

app_name = "agreements"

BASE = "cooperations/<slug:slug>/chartes-et-conventions/"
AGREEMENT = BASE + "conventions/<int:pk>/"
CHARTER = BASE + "chartes/<int:pk>/"

urlpatterns = [
    path(BASE, views.agreement_list, name="list"),
    path(BASE + "conventions/nouvelle/", agreement_views.agreement_create, name="create"),
    path(AGREEMENT, agreement_views.agreement_detail, name="detail"),
    path(AGREEMENT + "modifier/", agreement_views.agreement_edit, name="edit"),
    path(AGREEMENT + "articles/", drafting_views.article_add, name="article_add"),
    path(AGREEMENT + "articles/<int:article_pk>/", drafting_views.article_edit, name="article_edit"),
    path(AGREEMENT + "articles/<int:article_pk>/supprimer/", drafting_views.article_delete, name="article_delete"),
    path(AGREEMENT + "annexes/generer/", drafting_views.annexes_generate, name="annexes_generate"),
    path(AGREEMENT + "annexes/<int:annex_pk>/supprimer/", drafting_views.annex_delete, name="annex_delete"),
    path(AGREEMENT + "annexes/<int:annex_pk>/articles/", drafting_views.annex_article_add, name="annex_article_add"),
    path(
        AGREEMENT + "annexes/<int:annex_pk>/articles/<int:article_pk>/",
        drafting_views.annex_article_edit,
        name="annex_article_edit",
    ),
    path(
        AGREEMENT + "annexes/<int:annex_pk>/articles/<int:article_pk>/supprimer/",
        drafting_views.annex_article_delete,
        name="annex_article_delete",
    ),
    path(AGREEMENT + "signataires/", signature_views.signatory_add, name="signatory_add"),
    path(
        AGREEMENT + "signataires/<int:signatory_pk>/retirer/", signature_views.signatory_remove, name="signatory_remove"
    ),
    path(AGREEMENT + "signataires/<int:signatory_pk>/signer/", signature_views.sign, name="sign"),
    path(AGREEMENT + "signataires/<int:signatory_pk>/refus/", signature_views.refusal, name="refusal"),
    path(
        AGREEMENT + "signatures/<int:signature_pk>/exemplaire/", signature_views.signature_scan, name="signature_scan"
    ),
    path(
        AGREEMENT + "signatures/<int:signature_pk>/exemplaire/deposer/", signature_views.scan_upload, name="scan_upload"
    ),
    path(AGREEMENT + "soumettre/", signature_views.submit, name="submit"),
    path(AGREEMENT + "rouvrir/", signature_views.reopen, name="reopen"),
    path(AGREEMENT + "adopter/", signature_views.adopt, name="adopt"),
    path(AGREEMENT + "versions/", agreement_views.versions, name="versions"),
    path(AGREEMENT + "versions/enregistrer/", agreement_views.version_create, name="version_create"),
    path(AGREEMENT + "commentaires/", drafting_views.comment_add, name="comment_add"),
    path(AGREEMENT + "commentaires/<int:comment_pk>/resoudre/", drafting_views.comment_resolve, name="comment_resolve"),
    path(AGREEMENT + "commentaires/<int:comment_pk>/retenir/", drafting_views.comment_apply, name="comment_apply"),
    path(AGREEMENT + "avenant/", agreement_views.amendment_create, name="amendment_create"),
    path(AGREEMENT + "decliner/", drafting_views.derive, name="derive"),
    path(AGREEMENT + "decliner/reporter/", drafting_views.propagate, name="propagate"),
    path(AGREEMENT + "decliner/documents-<str:fmt>.zip", agreement_views.derived_documents, name="derived_documents"),
    path(AGREEMENT + "document.<str:fmt>", agreement_views.document, name="document"),
    path(AGREEMENT + "texte/", agreement_views.text, name="text"),
    path(AGREEMENT + "historique/", agreement_views.history, name="history"),
    path(BASE + "chartes/nouvelle/", charter_views.charter_create, name="charter_create"),
    path(CHARTER, charter_views.charter_detail, name="charter_detail"),
    path(CHARTER + "rubriques/", charter_views.section_add, name="section_add"),
    path(CHARTER + "rubriques/modele/", charter_views.section_preset_add, name="section_preset_add"),
    path(CHARTER + "rubriques/<int:section_pk>/", charter_views.section_edit, name="section_edit"),
    path(CHARTER + "rubriques/<int:section_pk>/supprimer/", charter_views.section_delete, name="section_delete"),
    path(CHARTER + "mettre-en-vigueur/", charter_views.charter_publish, name="charter_publish"),
    path(CHARTER + "nouvelle-version/", charter_views.charter_new_version, name="charter_new_version"),
    path(CHARTER + "adopter/", charter_views.charter_adopt, name="charter_adopt"),
    path(CHARTER + "instances/", charter_views.charter_bodies, name="charter_bodies"),
    path(CHARTER + "comparer/", charter_views.charter_diff, name="charter_diff"),
    path(CHARTER + "document.<str:fmt>", charter_views.charter_download, name="charter_document"),
]
