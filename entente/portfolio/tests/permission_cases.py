"""Every page and API operation of the portfolio, for every role, on its own and another cooperation."""

from decimal import Decimal

from entente.core.testing import Case, contributors, editors, everyone_in
from entente.portfolio.factories import ActionFactory, AxisFactory, WorkstreamFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.models import (
    Action,
    ActionEvent,
    ActionLink,
    ActionStatus,
    Axis,
    FinancingPlan,
    LinkKind,
    Milestone,
    ResultIndicator,
    Workstream,
)

ALL = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]
PUBLIC = dict.fromkeys(ALL, 200)


def runners(ok=302, denied=403):
    """Coordinators, members and operators run actions."""
    return {"anonymous": 404, "outsider": 404, "observateur": denied, "contributeur": denied, "membre": ok,
            "coordinateur": ok, "operator": ok}


def base(context):
    return f"/cooperations/{context.cooperation.slug}/portefeuille/"


def an_action(context):
    partners = context.world.partners[context.cooperation.pk]
    action = ActionFactory(cooperation=context.cooperation, title="Action témoin", partners=partners)
    other = ActionFactory(cooperation=context.cooperation, workstream=action.workstream, title="Autre action",
                          partners=partners[1:])
    save_financing(action, data=FinancingData(total=Decimal("1000.00"), key="parts_egales"))
    link = ActionLink.objects.create(source=action, target=other, kind=LinkKind.RELATES_TO)
    milestone = Milestone.objects.create(action=action, title="Jalon", due_on="2026-12-31")
    indicator = ResultIndicator.objects.create(action=action, label="Agents formés", target=100)
    return {"action": action, "other": other, "link": link, "milestone": milestone, "indicator": indicator,
            "workstream": action.workstream, "axis": action.workstream.axis, "partners": partners}


def a_structure(context):
    axis = AxisFactory(cooperation=context.cooperation)
    WorkstreamFactory(cooperation=context.cooperation, axis=axis, position=1)
    return {"axis": axis, "workstream": WorkstreamFactory(cooperation=context.cooperation, axis=axis, position=2)}


def action_url(context, suffix=""):
    return f"{base(context)}actions/{context.action.pk}/{suffix}"


def api(context, suffix=""):
    return f"/api/v1/cooperations/{context.cooperation.slug}/{suffix}"


def new_action_data(context):
    partners = context.partners
    return {"title": "Action créée", "workstream": context.workstream.pk, "participants": [p.pk for p in partners],
            "lead": partners[0].pk, "status": "idee", "progress": 0}


def action_created(context):
    return Action.objects.filter(cooperation=context.cooperation, title="Action créée").exists()


def financing_changed(context):
    return FinancingPlan.objects.filter(action=context.action, total=Decimal("5000.00")).exists()


CASES = [
    # pages that read
    Case("portfolio:list", url=base, setup=an_action, expect=everyone_in()),
    Case("portfolio:list", url=base, setup=an_action, expect=PUBLIC, visibility="public"),
    Case("portfolio:board", url=lambda c: base(c) + "tableau/", setup=an_action, expect=everyone_in()),
    Case("portfolio:structure", url=lambda c: base(c) + "structure/", setup=an_action, expect=everyone_in()),
    Case("portfolio:links", url=lambda c: base(c) + "liens/", setup=an_action, expect=everyone_in()),
    Case("portfolio:rotation", url=lambda c: base(c) + "chefs-de-file/", setup=an_action, expect=everyone_in()),
    Case("portfolio:accountability", url=lambda c: base(c) + "rendre-compte/", setup=an_action,
         expect=everyone_in()),
    Case("portfolio:accountability", url=lambda c: base(c) + "rendre-compte/", setup=an_action, expect=PUBLIC,
         visibility="public"),
    Case("portfolio:export_csv", url=lambda c: base(c) + "export.csv", setup=an_action, expect=everyone_in()),
    Case("portfolio:export_xlsx", url=lambda c: base(c) + "export.xlsx", setup=an_action, expect=everyone_in()),
    Case("portfolio:action_detail", url=action_url, setup=an_action, expect=everyone_in()),
    Case("portfolio:action_detail", url=action_url, setup=an_action, expect=PUBLIC, visibility="public"),
    Case("portfolio:partner", url=lambda c: f"/organisations/{c.partners[0].organization_id}/actions/",
         setup=an_action, expect=PUBLIC, scoped=False),
    # forms
    Case("portfolio:action_create", url=lambda c: base(c) + "actions/nouvelle/", expect=runners(200)),
    Case("portfolio:action_create", method="POST", url=lambda c: base(c) + "actions/nouvelle/", label="création",
         setup=an_action, data=new_action_data, expect=runners(), changed=action_created),
    Case("portfolio:action_create", method="POST", url=lambda c: base(c) + "actions/nouvelle/",
         label="création publique", setup=an_action, data=new_action_data, visibility="public",
         expect={**runners(), "anonymous": 403, "outsider": 403}, changed=action_created),
    Case("portfolio:action_edit", url=lambda c: action_url(c, "modifier/"), setup=an_action, expect=runners(200)),
    Case("portfolio:action_edit", method="POST", url=lambda c: action_url(c, "modifier/"), label="enregistrement",
         setup=an_action, data=lambda c: {**new_action_data(c), "title": "Titre modifié"}, expect=runners(),
         changed=lambda c: Action.objects.filter(pk=c.action.pk, title="Titre modifié").exists()),
    Case("portfolio:financing_edit", url=lambda c: action_url(c, "financement/"), setup=an_action,
         expect=runners(200)),
    Case("portfolio:financing_edit", method="POST", url=lambda c: action_url(c, "financement/"),
         label="enregistrement", setup=an_action, data={"total": "5000", "key": "population"},
         expect=runners(), changed=financing_changed),
    Case("portfolio:financing_delete", method="POST", url=lambda c: action_url(c, "financement/supprimer/"),
         setup=an_action, expect=runners(),
         changed=lambda c: not FinancingPlan.objects.filter(action=c.action).exists()),
    Case("portfolio:financing_preview", url=lambda c: action_url(c, "financement/apercu/"), setup=an_action,
         data={"total": "5000", "key": "parts_egales"}, expect=runners(200)),
    # journal and sub-objects
    Case("portfolio:action_status", method="POST", url=lambda c: action_url(c, "statut/"), setup=an_action,
         data={"status": "realisee", "progress": "100"}, expect=runners(),
         changed=lambda c: Action.objects.filter(pk=c.action.pk, status=ActionStatus.DONE).exists()),
    Case("portfolio:action_comment", method="POST", url=lambda c: action_url(c, "commentaire/"), setup=an_action,
         data={"text": "Point d'étape en comité"}, expect=contributors(302),
         changed=lambda c: ActionEvent.objects.filter(action=c.action, text="Point d'étape en comité").exists()),
    Case("portfolio:action_delete", method="POST", url=lambda c: action_url(c, "supprimer/"), setup=an_action,
         expect=editors(302), changed=lambda c: not Action.objects.filter(pk=c.action.pk).exists()),
    Case("portfolio:action_move", method="POST", url=lambda c: action_url(c, "deplacer/"), setup=an_action,
         data={"sens": "down"}, expect=editors(302),
         changed=lambda c: Action.objects.get(pk=c.action.pk).position
         > Action.objects.get(pk=c.other.pk).position),
    Case("portfolio:milestone_add", method="POST", url=lambda c: action_url(c, "jalons/"), setup=an_action,
         data={"title": "Comité de pilotage", "due_on": "2027-01-15"}, expect=runners(),
         changed=lambda c: Milestone.objects.filter(action=c.action, title="Comité de pilotage").exists()),
    Case("portfolio:milestone_toggle", method="POST", setup=an_action,
         url=lambda c: action_url(c, f"jalons/{c.milestone.pk}/basculer/"), expect=runners(),
         changed=lambda c: Milestone.objects.filter(pk=c.milestone.pk, done_on__isnull=False).exists()),
    Case("portfolio:milestone_edit", method="POST", setup=an_action,
         url=lambda c: action_url(c, f"jalons/{c.milestone.pk}/modifier/"),
         data=lambda c: {f"jalon-{c.milestone.pk}-title": "Jalon reporté",
                         f"jalon-{c.milestone.pk}-due_on": "2027-03-31"}, expect=runners(),
         changed=lambda c: Milestone.objects.filter(pk=c.milestone.pk, title="Jalon reporté").exists()),
    Case("portfolio:milestone_delete", method="POST", setup=an_action,
         url=lambda c: action_url(c, f"jalons/{c.milestone.pk}/supprimer/"), expect=runners(),
         changed=lambda c: not Milestone.objects.filter(pk=c.milestone.pk).exists()),
    Case("portfolio:indicator_add", method="POST", url=lambda c: action_url(c, "indicateurs/"), setup=an_action,
         data={"label": "Stagiaires", "target": "40"}, expect=runners(),
         changed=lambda c: ResultIndicator.objects.filter(action=c.action, label="Stagiaires").exists()),
    Case("portfolio:indicator_update", method="POST", setup=an_action,
         url=lambda c: action_url(c, f"indicateurs/{c.indicator.pk}/"), data={"current": "55"}, expect=runners(),
         changed=lambda c: ResultIndicator.objects.filter(pk=c.indicator.pk, current=55).exists()),
    Case("portfolio:indicator_edit", method="POST", setup=an_action,
         url=lambda c: action_url(c, f"indicateurs/{c.indicator.pk}/modifier/"),
         data=lambda c: {f"indicateur-{c.indicator.pk}-label": "Agents formés au numérique",
                         f"indicateur-{c.indicator.pk}-target": "120", f"indicateur-{c.indicator.pk}-current": "30"},
         expect=runners(),
         changed=lambda c: ResultIndicator.objects.filter(pk=c.indicator.pk, target=120).exists()),
    Case("portfolio:indicator_delete", method="POST", setup=an_action,
         url=lambda c: action_url(c, f"indicateurs/{c.indicator.pk}/supprimer/"), expect=runners(),
         changed=lambda c: not ResultIndicator.objects.filter(pk=c.indicator.pk).exists()),
    Case("portfolio:link_add", method="POST", url=lambda c: action_url(c, "liens/"), setup=an_action,
         data=lambda c: {"kind": "depend_de", "target": c.other.pk}, expect=runners(),
         changed=lambda c: ActionLink.objects.filter(source=c.action, kind="depend_de").exists()),
    Case("portfolio:link_delete", method="POST", url=lambda c: action_url(c, f"liens/{c.link.pk}/supprimer/"),
         setup=an_action, expect=runners(),
         changed=lambda c: not ActionLink.objects.filter(pk=c.link.pk).exists()),
    # structure
    Case("portfolio:axis_create", method="POST", url=lambda c: base(c) + "structure/axes/",
         data={"title": "Axe créé"}, expect=editors(302),
         changed=lambda c: Axis.objects.filter(cooperation=c.cooperation, title="Axe créé").exists()),
    Case("portfolio:workstream_create", method="POST", url=lambda c: base(c) + "structure/chantiers/",
         data={"title": "Chantier créé"}, expect=editors(302),
         changed=lambda c: Workstream.objects.filter(cooperation=c.cooperation, title="Chantier créé").exists()),
    Case("portfolio:structure_move", method="POST", setup=a_structure, data={"sens": "up"},
         url=lambda c: base(c) + f"structure/chantier/{c.workstream.pk}/deplacer/", expect=editors(302),
         changed=lambda c: Workstream.objects.filter(pk=c.workstream.pk, position=1).exists()),
    Case("portfolio:structure_edit", method="POST", setup=a_structure, data={"title": "Axe renommé"},
         url=lambda c: base(c) + f"structure/axe/{c.axis.pk}/modifier/", expect=editors(302),
         changed=lambda c: Axis.objects.filter(pk=c.axis.pk, title="Axe renommé").exists()),
    Case("portfolio:structure_delete", method="POST", setup=a_structure,
         url=lambda c: base(c) + f"structure/chantier/{c.workstream.pk}/supprimer/", expect=editors(302),
         changed=lambda c: not Workstream.objects.filter(pk=c.workstream.pk).exists()),
    # API
    Case("API GET /cooperations/{slug}/axes", url=lambda c: api(c, "axes"), setup=an_action, expect=everyone_in()),
    Case("API GET /cooperations/{slug}/axes", url=lambda c: api(c, "axes"), setup=an_action, expect=PUBLIC,
         visibility="public"),
    Case("API POST /cooperations/{slug}/axes", method="POST", json=True, url=lambda c: api(c, "axes"),
         data={"title": "Axe par l'API"}, expect=editors(201),
         changed=lambda c: Axis.objects.filter(cooperation=c.cooperation, title="Axe par l'API").exists()),
    Case("API PATCH /cooperations/{slug}/axes/{axis_id}", method="PATCH", json=True, setup=a_structure,
         url=lambda c: api(c, f"axes/{c.axis.pk}"), data={"title": "Axe renommé par l'API"}, expect=editors(200),
         changed=lambda c: Axis.objects.filter(pk=c.axis.pk, title="Axe renommé par l'API").exists()),
    Case("API DELETE /cooperations/{slug}/axes/{axis_id}", method="DELETE", json=True,
         setup=lambda c: {"axis": AxisFactory(cooperation=c.cooperation)},
         url=lambda c: api(c, f"axes/{c.axis.pk}"), expect=editors(204),
         changed=lambda c: not Axis.objects.filter(pk=c.axis.pk).exists()),
    Case("API PATCH /cooperations/{slug}/workstreams/{workstream_id}", method="PATCH", json=True, setup=a_structure,
         url=lambda c: api(c, f"workstreams/{c.workstream.pk}"), data={"move": "up"}, expect=editors(200),
         changed=lambda c: Workstream.objects.filter(pk=c.workstream.pk, position=1).exists()),
    Case("API DELETE /cooperations/{slug}/workstreams/{workstream_id}", method="DELETE", json=True,
         setup=a_structure, url=lambda c: api(c, f"workstreams/{c.workstream.pk}"), expect=editors(204),
         changed=lambda c: not Workstream.objects.filter(pk=c.workstream.pk).exists()),
    Case("API GET /cooperations/{slug}/workstreams", url=lambda c: api(c, "workstreams"), setup=an_action,
         expect=everyone_in()),
    Case("API POST /cooperations/{slug}/workstreams", method="POST", json=True, url=lambda c: api(c, "workstreams"),
         data={"title": "Chantier par l'API"}, expect=editors(201),
         changed=lambda c: Workstream.objects.filter(cooperation=c.cooperation, title="Chantier par l'API").exists()),
    Case("API GET /cooperations/{slug}/actions", url=lambda c: api(c, "actions"), setup=an_action,
         expect=everyone_in()),
    Case("API POST /cooperations/{slug}/actions", method="POST", json=True, url=lambda c: api(c, "actions"),
         setup=an_action, expect=runners(201), changed=action_created,
         data=lambda c: {"title": "Action créée", "workstream_id": c.workstream.pk,
                         "participant_ids": [p.pk for p in c.partners], "lead_partner_id": c.partners[0].pk}),
    Case("API GET /cooperations/{slug}/actions/{action_id}", url=lambda c: api(c, f"actions/{c.action.pk}"),
         setup=an_action, expect=everyone_in()),
    Case("API PATCH /cooperations/{slug}/actions/{action_id}", method="PATCH", json=True,
         url=lambda c: api(c, f"actions/{c.action.pk}"), setup=an_action, data={"progress": 40},
         expect=runners(200), changed=lambda c: Action.objects.filter(pk=c.action.pk, progress=40).exists()),
    Case("API DELETE /cooperations/{slug}/actions/{action_id}", method="DELETE", json=True,
         url=lambda c: api(c, f"actions/{c.action.pk}"), setup=an_action, expect=editors(204),
         changed=lambda c: not Action.objects.filter(pk=c.action.pk).exists()),
    Case("API GET /cooperations/{slug}/actions/{action_id}/financing",
         url=lambda c: api(c, f"actions/{c.action.pk}/financing"), setup=an_action, expect=everyone_in()),
    Case("API DELETE /cooperations/{slug}/actions/{action_id}/financing", method="DELETE", json=True,
         url=lambda c: api(c, f"actions/{c.action.pk}/financing"), setup=an_action, expect=runners(204),
         changed=lambda c: not FinancingPlan.objects.filter(action=c.action).exists()),
    Case("API PUT /cooperations/{slug}/actions/{action_id}/financing", method="PUT", json=True,
         url=lambda c: api(c, f"actions/{c.action.pk}/financing"), setup=an_action,
         data={"total": "5000.00", "key": "population"}, expect=runners(200), changed=financing_changed),
]
