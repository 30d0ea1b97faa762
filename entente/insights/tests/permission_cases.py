"""Permission matrix of observation: health is for the cooperation's members, its thresholds for coordinators."""

from entente.core.testing import Case, contributors, editors, everyone_in, private_readers
from entente.insights.models import HealthThresholds


def base(context):
    return f"/cooperations/{context.cooperation.slug}/sante/"


def thresholds_saved(context):
    return HealthThresholds.objects.filter(cooperation=context.cooperation, agenda_on_time_min=55).exists()


THRESHOLDS = {
    "agenda_on_time_min": "55",
    "attendance_min": "60",
    "absences_max": "3",
    "host_share_max": "60",
    "followups_done_min": "50",
    "followups_late_max": "20",
    "followup_delay_max_days": "90",
}
MEMBERS_ONLY_ON_PUBLIC = {**everyone_in(), "anonymous": 403, "outsider": 403}

CASES = [
    Case("insights:health", url=base, expect=everyone_in()),
    Case("insights:health", url=base, expect=MEMBERS_ONLY_ON_PUBLIC, visibility="public"),
    Case("insights:thresholds", url=lambda c: base(c) + "seuils/", expect={**editors(), "anonymous": 302}),
    Case(
        "insights:thresholds",
        method="POST",
        url=lambda c: base(c) + "seuils/",
        label="enregistrement",
        data=THRESHOLDS,
        expect={**editors(302), "anonymous": 302},
        changed=thresholds_saved,
    ),
    Case(
        "API GET /cooperations/{slug}/health",
        url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}/health",
        expect=everyone_in(),
    ),
    Case(
        "API GET /cooperations/{slug}/health",
        url=lambda c: f"/api/v1/cooperations/{c.cooperation.slug}/health",
        expect=MEMBERS_ONLY_ON_PUBLIC,
        visibility="public",
    ),
]

PUBLIC = dict.fromkeys(
    ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"], 200
)
N = "/cooperations/donnees-ouvertes/vue-nationale/"
CASES += [
    Case("insights:national", url=lambda c: N, expect=PUBLIC, scoped=False),
    Case("insights:national_file", url=lambda c: N + "statistiques.csv", expect=PUBLIC, scoped=False),
    Case("insights:national_file", url=lambda c: N + "statistiques.json", expect=PUBLIC, scoped=False),
    Case("insights:national_schema", url=lambda c: N + "statistiques/schema.json", expect=PUBLIC, scoped=False),
]
CASES.append(
    Case("API GET /directory/statistics", url=lambda c: "/api/v1/directory/statistics", expect=PUBLIC, scoped=False)
)

# Shared indicators: read by the cooperation's members, catalogue kept by coordinators, values typed by members
# for the territory they represent (coordinators and operators for every partner).


def indicators_base(context):
    return f"/cooperations/{context.cooperation.slug}/indicateurs/"


def an_indicator(context):
    from entente.insights.models import Indicator

    return {"indicator": Indicator.objects.create(cooperation=context.cooperation, code="epargne", name="Épargne")}


def partner_territory(context, index):
    return context.world.partners[context.cooperation.pk][index].organization.territory


def value_data(index):
    def data(context):
        return {
            "indicator": context.indicator.pk,
            "territory": partner_territory(context, index).pk,
            "year": "2024",
            "value": "12,5",
        }

    return data


def value_written(index):
    def changed(context):
        from entente.insights.models import IndicatorValue

        return IndicatorValue.objects.filter(
            indicator=context.indicator, territory=partner_territory(context, index)
        ).exists()

    return changed


def indicator_named(name):
    def changed(context):
        from entente.insights.models import Indicator

        return Indicator.objects.filter(cooperation=context.cooperation, name=name).exists()

    return changed


INDICATOR_FORM = {"name": "Dette", "code": "dette", "theme": "finances", "direction": "plus_haut"}
VALUE_WRITERS = {
    "anonymous": 302,
    "outsider": 404,
    "observateur": 403,
    "contributeur": 403,
    "membre": 200,
    "coordinateur": 200,
    "operator": 200,
}
CATALOGUE_KEEPERS = {**editors(), "anonymous": 302}
KEPT = {**editors(302), "anonymous": 302}

CASES += [
    Case("insights:indicators", url=indicators_base, setup=an_indicator, expect=everyone_in()),
    Case(
        "insights:indicators",
        url=indicators_base,
        setup=an_indicator,
        expect=MEMBERS_ONLY_ON_PUBLIC,
        visibility="public",
    ),
    Case(
        "insights:indicators_catalogue",
        url=lambda c: indicators_base(c) + "catalogue/",
        setup=an_indicator,
        expect=CATALOGUE_KEEPERS,
    ),
    Case(
        "insights:indicators_presets",
        method="POST",
        url=lambda c: indicators_base(c) + "catalogue/propositions/",
        expect=KEPT,
        changed=lambda c: c.cooperation.indicators.filter(code="population").exists(),
    ),
    Case(
        "insights:indicator_create", url=lambda c: indicators_base(c) + "catalogue/nouveau/", expect=CATALOGUE_KEEPERS
    ),
    Case(
        "insights:indicator_create",
        method="POST",
        url=lambda c: indicators_base(c) + "catalogue/nouveau/",
        label="création",
        data=INDICATOR_FORM,
        expect=KEPT,
        changed=indicator_named("Dette"),
    ),
    Case(
        "insights:indicator_edit",
        url=lambda c: indicators_base(c) + f"catalogue/{c.indicator.pk}/",
        setup=an_indicator,
        expect=CATALOGUE_KEEPERS,
    ),
    Case(
        "insights:indicator_edit",
        method="POST",
        url=lambda c: indicators_base(c) + f"catalogue/{c.indicator.pk}/",
        label="enregistrement",
        setup=an_indicator,
        data={**INDICATOR_FORM, "code": "epargne"},
        expect=KEPT,
        changed=indicator_named("Dette"),
    ),
    Case(
        "insights:indicator_delete",
        method="POST",
        url=lambda c: indicators_base(c) + f"catalogue/{c.indicator.pk}/supprimer/",
        setup=an_indicator,
        expect=KEPT,
        changed=lambda c: not c.cooperation.indicators.filter(pk=c.indicator.pk).exists(),
    ),
    Case(
        "insights:indicator_values",
        url=lambda c: indicators_base(c) + "valeurs/",
        setup=an_indicator,
        expect=VALUE_WRITERS,
    ),
    Case(
        "insights:indicator_values",
        method="POST",
        url=lambda c: indicators_base(c) + "valeurs/",
        label="son territoire",
        setup=an_indicator,
        data=value_data(0),
        expect={**VALUE_WRITERS, "membre": 302, "coordinateur": 302, "operator": 302},
        changed=value_written(0),
    ),
    # The member represents the first partner: the second partner's territory is not among its choices.
    Case(
        "insights:indicator_values",
        method="POST",
        url=lambda c: indicators_base(c) + "valeurs/",
        label="territoire d'un autre partenaire",
        setup=an_indicator,
        data=value_data(1),
        expect={**VALUE_WRITERS, "membre": 400, "coordinateur": 302, "operator": 302},
        changed=value_written(1),
    ),
]


def import_file(context):
    from django.core.files.uploadedfile import SimpleUploadedFile

    code = partner_territory(context, 0).code
    content = f"Code;Année;Indicateur;Valeur\n{code};2024;epargne;12,5\n".encode()
    return {
        "file": SimpleUploadedFile("valeurs.csv", content),
        "code_column": "Code",
        "code_kind": "insee",
        "year_column": "Année",
        "indicator_column": "Indicateur",
        "value_column": "Valeur",
    }


def import_queued(context):
    """The request only queues the import (the worker writes the values: its own tests)."""
    from entente.core.models import Job

    return Job.objects.filter(kind="insights.import_values", cooperation=context.cooperation).exists()


CASES += [
    Case("insights:indicators_import", url=lambda c: indicators_base(c) + "import/", expect=CATALOGUE_KEEPERS),
    Case(
        "insights:indicators_import",
        method="POST",
        url=lambda c: indicators_base(c) + "import/",
        label="import",
        setup=an_indicator,
        data=import_file,
        expect=KEPT,
        changed=import_queued,
    ),
]


def api_base(context):
    return f"/api/v1/cooperations/{context.cooperation.slug}/"


def api_value(index):
    def data(context):
        territory = partner_territory(context, index)
        return {"territory_code": territory.code, "year": 2024, "value": "12,5"}

    return data


READERS = everyone_in()
CASES += [
    Case(
        "insights:indicators_export",
        url=lambda c: indicators_base(c) + "valeurs.csv",
        setup=an_indicator,
        expect=READERS,
    ),
    Case(
        "insights:indicators_export",
        url=lambda c: indicators_base(c) + "valeurs.xlsx",
        setup=an_indicator,
        expect=READERS,
    ),
    Case(
        "API GET /cooperations/{slug}/indicators",
        url=lambda c: api_base(c) + "indicators",
        setup=an_indicator,
        expect=READERS,
    ),
    Case(
        "API GET /cooperations/{slug}/indicators",
        url=lambda c: api_base(c) + "indicators",
        setup=an_indicator,
        expect=MEMBERS_ONLY_ON_PUBLIC,
        visibility="public",
    ),
    Case(
        "API POST /cooperations/{slug}/indicators",
        method="POST",
        url=lambda c: api_base(c) + "indicators",
        json=True,
        data={"code": "dette", "name": "Dette"},
        expect={**editors(201), "anonymous": 404},
        changed=indicator_named("Dette"),
    ),
    Case(
        "API GET /cooperations/{slug}/indicator-values",
        url=lambda c: api_base(c) + "indicator-values",
        setup=an_indicator,
        expect=READERS,
    ),
    Case(
        "API PUT /cooperations/{slug}/indicators/{indicator_id}/values",
        method="PUT",
        url=lambda c: api_base(c) + f"indicators/{c.indicator.pk}/values",
        label="son territoire",
        setup=an_indicator,
        json=True,
        data=api_value(0),
        expect={**contributors(), "contributeur": 403},
        changed=value_written(0),
    ),
    Case(
        "API PUT /cooperations/{slug}/indicators/{indicator_id}/values",
        method="PUT",
        url=lambda c: api_base(c) + f"indicators/{c.indicator.pk}/values",
        label="territoire d'un autre partenaire",
        setup=an_indicator,
        json=True,
        data=api_value(1),
        expect={**contributors(), "contributeur": 403, "membre": 403},
        changed=value_written(1),
    ),
    Case(
        "API GET /cooperations/{slug}/indicator-imports",
        url=lambda c: api_base(c) + "indicator-imports",
        expect=editors(),
    ),
]


def api_import(context):
    code = partner_territory(context, 0).code
    return {
        "file_name": "valeurs.csv",
        "content": f"Code;Année;Indicateur;Valeur\n{code};2024;epargne;12,5\n",
        "code_column": "Code",
        "year_column": "Année",
        "indicator_column": "Indicateur",
        "value_column": "Valeur",
    }


CASES.append(
    Case(
        "API POST /cooperations/{slug}/indicator-imports",
        method="POST",
        url=lambda c: api_base(c) + "indicator-imports",
        setup=an_indicator,
        json=True,
        data=api_import,
        expect={**editors(202), "anonymous": 404},
        changed=import_queued,
    )
)

# Health tables as files: the same readers as the page.
CASES += [
    Case("insights:health_export", url=lambda c: base(c) + "tableaux/presence.csv", expect=everyone_in()),
    Case(
        "insights:health_export",
        url=lambda c: base(c) + "tableaux/tout.xlsx?periode=2026",
        expect=MEMBERS_ONLY_ON_PUBLIC,
        visibility="public",
    ),
]

# The cross portrait: read by everyone who sees the cooperation (the public too when it is public), written by
# coordinators and operators.


def portrait_base(context):
    return f"/cooperations/{context.cooperation.slug}/portrait-croise/"


def a_foundation(context):
    from entente.insights.portrait_models import PortraitFoundation

    return {"foundation": PortraitFoundation.objects.create(cooperation=context.cooperation, title="Fondement")}


def a_challenge(context):
    from entente.insights.portrait_models import PortraitChallenge

    return {"challenge": PortraitChallenge.objects.create(cooperation=context.cooperation, title="Défi")}


def two_foundations(context):
    from entente.insights.portrait_models import PortraitFoundation

    PortraitFoundation.objects.create(cooperation=context.cooperation, title="Premier", position=0)
    return {
        "foundation": PortraitFoundation.objects.create(cooperation=context.cooperation, title="Second", position=1)
    }


def two_challenges(context):
    from entente.insights.portrait_models import PortraitChallenge

    PortraitChallenge.objects.create(cooperation=context.cooperation, title="Premier", position=0)
    return {"challenge": PortraitChallenge.objects.create(cooperation=context.cooperation, title="Second", position=1)}


def titled(model_name, title):
    def changed(context):
        from entente.insights import portrait_models

        return (
            getattr(portrait_models, model_name).objects.filter(cooperation=context.cooperation, title=title).exists()
        )

    return changed


def gone(attribute):
    def changed(context):
        item = getattr(context, attribute)
        return not type(item).objects.filter(pk=item.pk).exists()

    return changed


def moved_up(attribute):
    def changed(context):
        item = getattr(context, attribute)
        item.refresh_from_db()
        return item.position == 0

    return changed


EVERYONE = dict.fromkeys(
    ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"], 200
)
CASES += [
    Case("insights:portrait", url=portrait_base, setup=a_challenge, expect=everyone_in()),
    Case("insights:portrait", url=portrait_base, setup=a_challenge, expect=EVERYONE, visibility="public"),
    Case("insights:portrait_export", url=lambda c: portrait_base(c) + "portrait-croise.pdf", expect=everyone_in()),
    Case(
        "insights:portrait_export",
        url=lambda c: portrait_base(c) + "portrait-croise.docx",
        setup=a_challenge,
        expect=EVERYONE,
        visibility="public",
    ),
]
for kind, model, one, two, segment in (
    ("foundation", "PortraitFoundation", a_foundation, two_foundations, "fondements"),
    ("challenge", "PortraitChallenge", a_challenge, two_challenges, "defis"),
):
    CASES += [
        Case(
            f"insights:portrait_{kind}_create",
            url=lambda c, s=segment: portrait_base(c) + f"{s}/nouveau/",
            expect=CATALOGUE_KEEPERS,
        ),
        Case(
            f"insights:portrait_{kind}_create",
            method="POST",
            url=lambda c, s=segment: portrait_base(c) + f"{s}/nouveau/",
            label="création",
            data={"title": "Nouveau", "text": "Texte"},
            expect=KEPT,
            changed=titled(model, "Nouveau"),
        ),
        Case(
            f"insights:portrait_{kind}_edit",
            url=lambda c, s=segment, k=kind: portrait_base(c) + f"{s}/{getattr(c, k).pk}/",
            setup=one,
            expect=CATALOGUE_KEEPERS,
        ),
        Case(
            f"insights:portrait_{kind}_edit",
            method="POST",
            url=lambda c, s=segment, k=kind: portrait_base(c) + f"{s}/{getattr(c, k).pk}/",
            label="enregistrement",
            setup=one,
            data={"title": "Renommé"},
            expect=KEPT,
            changed=titled(model, "Renommé"),
        ),
        Case(
            f"insights:portrait_{kind}_delete",
            method="POST",
            url=lambda c, s=segment, k=kind: portrait_base(c) + f"{s}/{getattr(c, k).pk}/supprimer/",
            setup=one,
            expect=KEPT,
            changed=gone(kind),
        ),
        Case(
            f"insights:portrait_{kind}_move",
            method="POST",
            url=lambda c, s=segment, k=kind: portrait_base(c) + f"{s}/{getattr(c, k).pk}/deplacer/",
            setup=two,
            data={"sens": "monter"},
            expect=KEPT,
            changed=moved_up(kind),
        ),
    ]

PORTRAIT_API = "API {} /cooperations/{{slug}}/portrait{}"
CASES += [
    Case(PORTRAIT_API.format("GET", ""), url=lambda c: api_base(c) + "portrait", setup=a_challenge, expect=READERS),
    Case(
        PORTRAIT_API.format("GET", ""),
        url=lambda c: api_base(c) + "portrait",
        setup=a_challenge,
        expect=EVERYONE,
        visibility="public",
    ),
    Case(
        PORTRAIT_API.format("POST", "/foundations"),
        method="POST",
        url=lambda c: api_base(c) + "portrait/foundations",
        json=True,
        data={"title": "Nouveau"},
        expect={**editors(201), "anonymous": 404},
        changed=titled("PortraitFoundation", "Nouveau"),
    ),
    Case(
        PORTRAIT_API.format("PUT", "/foundations/{foundation_id}"),
        method="PUT",
        url=lambda c: api_base(c) + f"portrait/foundations/{c.foundation.pk}",
        setup=a_foundation,
        json=True,
        data={"title": "Renommé"},
        expect={**editors(), "anonymous": 404},
        changed=titled("PortraitFoundation", "Renommé"),
    ),
    Case(
        PORTRAIT_API.format("DELETE", "/foundations/{foundation_id}"),
        method="DELETE",
        url=lambda c: api_base(c) + f"portrait/foundations/{c.foundation.pk}",
        setup=a_foundation,
        expect={**editors(204), "anonymous": 404},
        changed=gone("foundation"),
    ),
    Case(
        PORTRAIT_API.format("POST", "/challenges"),
        method="POST",
        url=lambda c: api_base(c) + "portrait/challenges",
        json=True,
        data={"title": "Nouveau"},
        expect={**editors(201), "anonymous": 404},
        changed=titled("PortraitChallenge", "Nouveau"),
    ),
    Case(
        PORTRAIT_API.format("PUT", "/challenges/{challenge_id}"),
        method="PUT",
        url=lambda c: api_base(c) + f"portrait/challenges/{c.challenge.pk}",
        setup=a_challenge,
        json=True,
        data={"title": "Renommé"},
        expect={**editors(), "anonymous": 404},
        changed=titled("PortraitChallenge", "Renommé"),
    ),
    Case(
        PORTRAIT_API.format("DELETE", "/challenges/{challenge_id}"),
        method="DELETE",
        url=lambda c: api_base(c) + f"portrait/challenges/{c.challenge.pk}",
        setup=a_challenge,
        expect={**editors(204), "anonymous": 404},
        changed=gone("challenge"),
    ),
]

# The annual activity report: read like health (the cooperation's members), its foreword and conclusion
# written by coordinators, its PDF and DOCX queued for the worker by whoever reads it.


def report_base(context):
    from entente.governance.schedule import paris_today

    return f"/cooperations/{context.cooperation.slug}/rapport-annuel/{paris_today().year}/"


def report_api(context):
    from entente.governance.schedule import paris_today

    return f"/api/v1/cooperations/{context.cooperation.slug}/annual-reports/{paris_today().year}"


def foreword_saved(context):
    from entente.insights.report_models import AnnualReport

    return AnnualReport.objects.filter(cooperation=context.cooperation, foreword="Une année de rodage.").exists()


def report_job_queued(fmt):
    def changed(context):
        from entente.core.models import Job

        return Job.objects.filter(
            kind="insights.annual_report_document", cooperation=context.cooperation, params__format=fmt
        ).exists()

    return changed


REPORT_TEXTS = {"foreword": "Une année de rodage.", "conclusion": "Et la suite."}
CASES += [
    Case(
        "insights:annual_report_latest",
        url=lambda c: f"/cooperations/{c.cooperation.slug}/rapport-annuel/",
        expect=everyone_in(302),
    ),
    Case("insights:annual_report", url=report_base, expect=everyone_in()),
    Case("insights:annual_report", url=report_base, expect=MEMBERS_ONLY_ON_PUBLIC, visibility="public"),
    Case("insights:annual_report_texts", url=lambda c: report_base(c) + "textes/", expect=CATALOGUE_KEEPERS),
    Case(
        "insights:annual_report_texts",
        method="POST",
        url=lambda c: report_base(c) + "textes/",
        label="enregistrement",
        data=REPORT_TEXTS,
        expect=KEPT,
        changed=foreword_saved,
    ),
    # GET never queues anything: it serves the file made for this content, or a page offering to prepare it.
    Case("insights:annual_report_document", url=lambda c: report_base(c) + "rapport.pdf", expect=everyone_in()),
    Case(
        "insights:annual_report_document",
        method="POST",
        url=lambda c: report_base(c) + "rapport.docx",
        label="préparer",
        expect=everyone_in(302),
        changed=report_job_queued("docx"),
    ),
    Case("API GET /cooperations/{slug}/annual-reports/{year}", url=report_api, expect=everyone_in()),
    Case(
        "API GET /cooperations/{slug}/annual-reports/{year}",
        url=report_api,
        expect=MEMBERS_ONLY_ON_PUBLIC,
        visibility="public",
    ),
    Case(
        "API PUT /cooperations/{slug}/annual-reports/{year}",
        method="PUT",
        url=report_api,
        json=True,
        data=REPORT_TEXTS,
        expect=editors(),
        changed=foreword_saved,
    ),
    Case(
        "API POST /cooperations/{slug}/annual-reports/{year}/documents",
        method="POST",
        url=lambda c: report_api(c) + "/documents",
        json=True,
        data={"format": "pdf"},
        expect=everyone_in(202),
        changed=report_job_queued("pdf"),
    ),
]

CASES += [
    Case(
        "insights:portrait_history",
        url=lambda c: portrait_base(c) + "historique/",
        setup=a_challenge,
        expect=private_readers(),
    ),
    Case(
        "insights:portrait_history",
        url=lambda c: portrait_base(c) + "historique/",
        setup=a_challenge,
        expect={**private_readers(), "anonymous": 403, "outsider": 403},
        visibility="public",
    ),
]
