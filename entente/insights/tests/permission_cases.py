"""Permission matrix of observation: health is for the cooperation's members, its thresholds for coordinators."""

from entente.core.testing import Case, editors, everyone_in
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
