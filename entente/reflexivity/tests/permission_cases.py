"""Permission matrix of reflexivity: every page and API operation of the app has its cases here.

The collective's reflexivity is for its members (never the public), coordinators open campaigns and
facilitate mirror sessions, those who take part in its work (coordinators, members, contributors)
answer campaigns; anyone with the code answers a mirror session.
"""

from entente.core.testing import Case, contributors, editors, everyone_in

# --- maturity and mirror (helper reflex-a) ---------------------------------------------------------

ANSWERERS = {
    "anonymous": 404,
    "outsider": 404,
    "observateur": 403,
    "contributeur": 200,
    "membre": 200,
    "coordinateur": 200,
    "operator": 403,
}
MEMBERS_ONLY_ON_PUBLIC = {**everyone_in(), "anonymous": 403, "outsider": 403}


def login(expect):
    return {**expect, "anonymous": 302}


def base(context):
    return f"/cooperations/{context.cooperation.slug}/reflexivite/"


def a_campaign(context, anonymous=True):
    from entente.reflexivity.maturity_models import MaturityCampaign

    return {
        "campaign": MaturityCampaign.objects.create(
            cooperation=context.cooperation, title="Campagne", anonymous=anonymous
        )
    }


def a_named_campaign(context):
    return a_campaign(context, anonymous=False)


def campaign_url(context, tail=""):
    return f"{base(context)}maturite/{context.campaign.pk}/{tail}"


def all_ratings():
    from entente.reflexivity.maturity_thresholds import THRESHOLD_CODES

    return dict.fromkeys(THRESHOLD_CODES, "en_cours")


def answered(context):
    from entente.reflexivity.maturity_models import MaturityResponse

    return MaturityResponse.objects.filter(campaign=context.campaign).exists()


def campaign_created(context):
    return context.cooperation.maturity_campaigns.filter(title="Nouvelle campagne").exists()


def campaign_renamed(context):
    context.campaign.refresh_from_db()
    return context.campaign.title == "Renommée"


def campaign_closed(context):
    context.campaign.refresh_from_db()
    return context.campaign.closed_at is not None


CASES = [
    Case("reflexivity:home", url=base, expect=everyone_in()),
    Case("reflexivity:home", url=base, expect=MEMBERS_ONLY_ON_PUBLIC, visibility="public"),
    Case("reflexivity:balance", url=lambda c: base(c) + "equilibre/", expect=everyone_in()),
    Case("reflexivity:campaign_create", url=lambda c: base(c) + "maturite/nouvelle/", expect=login(editors())),
    Case(
        "reflexivity:campaign_create",
        method="POST",
        url=lambda c: base(c) + "maturite/nouvelle/",
        data={"title": "Nouvelle campagne", "anonymous": "on"},
        expect=login(editors(302)),
        changed=campaign_created,
    ),
    Case("reflexivity:campaign", url=campaign_url, setup=a_campaign, expect=everyone_in()),
    Case(
        "reflexivity:campaign_export",
        url=lambda c: campaign_url(c, "resultats.csv"),
        setup=a_campaign,
        expect=everyone_in(),
    ),
    Case(
        "reflexivity:campaign_edit",
        url=lambda c: campaign_url(c, "modifier/"),
        setup=a_campaign,
        expect=login(editors()),
    ),
    Case(
        "reflexivity:campaign_edit",
        method="POST",
        url=lambda c: campaign_url(c, "modifier/"),
        setup=a_campaign,
        data={"title": "Renommée", "anonymous": "on"},
        expect=login(editors(302)),
        changed=campaign_renamed,
    ),
    Case(
        "reflexivity:campaign_answer",
        url=lambda c: campaign_url(c, "repondre/"),
        setup=a_campaign,
        expect=login(ANSWERERS),
    ),
    Case(
        "reflexivity:campaign_answer",
        method="POST",
        url=lambda c: campaign_url(c, "repondre/"),
        setup=a_campaign,
        data=lambda c: {f"rating_{k}": v for k, v in all_ratings().items()},
        expect=login({**ANSWERERS, "contributeur": 302, "membre": 302, "coordinateur": 302}),
        changed=answered,
    ),
    Case(
        "reflexivity:campaign_close",
        method="POST",
        url=lambda c: campaign_url(c, "cloture/"),
        setup=a_campaign,
        expect=login(editors(302)),
        changed=campaign_closed,
    ),
]


def api(context, tail=""):
    return f"/api/v1/cooperations/{context.cooperation.slug}/{tail}"


CASES += [
    Case(
        "API GET /cooperations/{slug}/maturity-campaigns",
        url=lambda c: api(c, "maturity-campaigns"),
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/maturity-campaigns",
        method="POST",
        json=True,
        url=lambda c: api(c, "maturity-campaigns"),
        data={"title": "Nouvelle campagne"},
        expect=editors(201),
        changed=campaign_created,
    ),
    Case(
        "API GET /cooperations/{slug}/maturity-campaigns/{campaign_id}",
        setup=a_campaign,
        url=lambda c: api(c, f"maturity-campaigns/{c.campaign.pk}"),
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/maturity-campaigns/{campaign_id}/answers",
        method="POST",
        json=True,
        setup=a_campaign,
        url=lambda c: api(c, f"maturity-campaigns/{c.campaign.pk}/answers"),
        data=lambda c: {"ratings": all_ratings()},
        expect={**ANSWERERS, "contributeur": 201, "membre": 201, "coordinateur": 201},
        changed=answered,
    ),
    Case(
        "API GET /cooperations/{slug}/maturity-campaigns/{campaign_id}/answers",
        setup=a_named_campaign,
        url=lambda c: api(c, f"maturity-campaigns/{c.campaign.pk}/answers"),
        expect=everyone_in(),
    ),
]


# Mirror sessions: a "temps miroir" meeting of the cooperation and its questionnaire.


def a_mirror(context):
    from entente.governance.factories import BodyFactory, MeetingFactory
    from entente.reflexivity.mirror_services import create_session

    meeting = MeetingFactory(body=BodyFactory(cooperation=context.cooperation), format="temps_miroir")
    return {"session": create_session(meeting=meeting, user=None), "meeting": meeting}


def a_mirror_meeting(context):
    from entente.governance.factories import BodyFactory, MeetingFactory

    return {"meeting": MeetingFactory(body=BodyFactory(cooperation=context.cooperation), format="temps_miroir")}


def mirror_url(context, tail=""):
    return f"{base(context)}miroirs/{context.session.pk}/{tail}"


def mirror_answered(context):
    return context.session.responses.exists()


def mirror_created(context):
    from entente.reflexivity.mirror_models import MirrorSession

    return MirrorSession.objects.filter(meeting=context.meeting).exists()


def synthesis_saved(context):
    context.session.refresh_from_db()
    return context.session.synthesis == "Synthèse"


def mirror_closed(context):
    context.session.refresh_from_db()
    return not context.session.accepts_answers


def questions_changed(context):
    return context.session.questions.filter(text="Une seule question ?").exists()


def first_question(context):
    return {f"q{context.session.questions.filter(kind='texte').first().pk}": "Une réponse"}


CASES += [
    Case("reflexivity:mirror_create", url=lambda c: base(c) + "miroirs/nouveau/", expect=login(editors())),
    Case(
        "reflexivity:mirror_create",
        method="POST",
        url=lambda c: base(c) + "miroirs/nouveau/",
        setup=a_mirror_meeting,
        data=lambda c: {"meeting": c.meeting.pk},
        expect=login(editors(302)),
        changed=mirror_created,
    ),
    Case("reflexivity:mirror", url=mirror_url, setup=a_mirror, expect=everyone_in()),
    Case("reflexivity:mirror_results", url=lambda c: mirror_url(c, "reponses/"), setup=a_mirror, expect=editors()),
    Case("reflexivity:mirror_export", url=lambda c: mirror_url(c, "reponses.csv"), setup=a_mirror, expect=editors()),
    Case(
        "reflexivity:mirror_questions",
        url=lambda c: mirror_url(c, "questions/"),
        setup=a_mirror,
        expect=login(editors()),
    ),
    Case(
        "reflexivity:mirror_questions",
        method="POST",
        url=lambda c: mirror_url(c, "questions/"),
        setup=a_mirror,
        data={"text_1": "Une seule question ?", "kind_1": "texte", **{f"kind_{i}": "texte" for i in range(2, 13)}},
        expect=login(editors(302)),
        changed=questions_changed,
    ),
    Case(
        "reflexivity:mirror_synthesis",
        method="POST",
        url=lambda c: mirror_url(c, "synthese/"),
        setup=a_mirror,
        data={"synthesis": "Synthèse"},
        expect=login(editors(302)),
        changed=synthesis_saved,
    ),
    Case(
        "reflexivity:mirror_settings",
        method="POST",
        url=lambda c: mirror_url(c, "reglages/"),
        setup=a_mirror,
        data={"action": "close"},
        expect=login(editors(302)),
        changed=mirror_closed,
    ),
    Case(
        "reflexivity:mirror_answer",
        url=lambda c: mirror_url(c, "repondre/"),
        setup=a_mirror,
        expect=login(everyone_in()),
    ),
    Case(
        "reflexivity:mirror_answer",
        method="POST",
        url=lambda c: mirror_url(c, "repondre/"),
        setup=a_mirror,
        data=first_question,
        expect=login(everyone_in(302)),
        changed=mirror_answered,
    ),
]

EVERYONE = dict.fromkeys(
    ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"], 200
)
CASES += [
    Case("reflexivity:mirror_join", url=lambda c: "/miroir/", expect=EVERYONE, scoped=False),
    Case(
        "reflexivity:mirror_join_code",
        url=lambda c: f"/miroir/{c.session.join_code}/",
        setup=a_mirror,
        expect=EVERYONE,
        scoped=False,
    ),
    Case(
        "reflexivity:mirror_join_code",
        method="POST",
        label="réponse",
        setup=a_mirror,
        url=lambda c: f"/miroir/{c.session.join_code}/",
        data=first_question,
        expect=dict.fromkeys(EVERYONE, 302),
        scoped=False,
        changed=mirror_answered,
    ),
    Case("API GET /cooperations/{slug}/mirror-sessions", url=lambda c: api(c, "mirror-sessions"), expect=everyone_in()),
    Case(
        "API GET /cooperations/{slug}/mirror-sessions/{session_id}",
        setup=a_mirror,
        url=lambda c: api(c, f"mirror-sessions/{c.session.pk}"),
        expect=editors(),
    ),
    Case(
        "API POST /cooperations/{slug}/mirror-sessions/{session_id}/answers",
        method="POST",
        json=True,
        setup=a_mirror,
        url=lambda c: api(c, f"mirror-sessions/{c.session.pk}/answers"),
        data=lambda c: {"answers": {k[1:]: v for k, v in first_question(c).items()}},
        expect=everyone_in(201),
        changed=mirror_answered,
    ),
]

# Functions and formats of meetings: read by the members, tagged by the coordinators.


def tagged(context):
    context.meeting.refresh_from_db()
    return context.meeting.format == "exploration_strategique" and context.meeting.functions == ["relationnelle"]


CASES += [
    Case("reflexivity:tags", url=lambda c: base(c) + "formats/", expect=login(editors())),
    Case(
        "reflexivity:tag_meeting",
        method="POST",
        setup=a_mirror_meeting,
        url=lambda c: base(c) + f"formats/reunions/{c.meeting.pk}/",
        data={"format": "exploration_strategique", "functions": ["relationnelle"]},
        expect=login(editors(302)),
        changed=tagged,
    ),
    Case("API GET /cooperations/{slug}/meeting-tags", url=lambda c: api(c, "meeting-tags"), expect=everyone_in()),
    Case(
        "API PUT /cooperations/{slug}/meeting-tags/{meeting_id}",
        method="PUT",
        json=True,
        setup=a_mirror_meeting,
        url=lambda c: api(c, f"meeting-tags/{c.meeting.pk}"),
        data={"format": "exploration_strategique", "functions": ["relationnelle"]},
        expect=editors(),
        changed=tagged,
    ),
    Case("API GET /cooperations/{slug}/meeting-balance", url=lambda c: api(c, "meeting-balance"), expect=everyone_in()),
]


# --- learning boards, Vis ma vie exchanges, the actor network (helper reflex-b) ---------------------

# Learning boards: read by the cooperation's members, cards written by those who contribute, boards run
# (created, grouped, closed, cards converted) by members and coordinators.

RUNNERS = {
    "anonymous": 302,
    "outsider": 404,
    "observateur": 403,
    "contributeur": 403,
    "membre": 200,
    "coordinateur": 200,
    "operator": 200,
}
RUNNERS_POST = {**RUNNERS, "membre": 302, "coordinateur": 302, "operator": 302}
WRITERS_POST = {**contributors(302), "anonymous": 302}


def a_board(context):
    from entente.reflexivity import board_services
    from entente.reflexivity.board_models import CardColumn

    author = context.world.users["coordinateur"]
    board = board_services.create_board(cooperation=context.cooperation, user=author, title="Séminaire")
    card = board_services.add_card(board=board, user=author, column=CardColumn.OBSTACLE, text="Le temps")
    return {"board": board, "card": card}


def a_board_and_a_meeting(context):
    from entente.governance.factories import MeetingFactory

    return {**a_board(context), "meeting": MeetingFactory(body__cooperation=context.cooperation)}


def boards(context):
    return f"/cooperations/{context.cooperation.slug}/reflexivite/tableaux/"


def board(context):
    return f"{boards(context)}{context.board.pk}/"


def card(context):
    return f"{board(context)}cartes/{context.card.pk}/"


def _card_exists(text):
    def changed(context):
        from entente.reflexivity.board_models import Card

        return Card.objects.filter(board__cooperation=context.cooperation, text=text).exists()

    return changed


def _board_titled(title):
    def changed(context):
        from entente.reflexivity.board_models import LearningBoard

        return LearningBoard.objects.filter(cooperation=context.cooperation, title=title).exists()

    return changed


def _dotted(context):
    return context.card.dots.exists()


def _card_gone(context):
    from entente.reflexivity.board_models import Card

    return not Card.objects.filter(pk=context.card.pk).exists()


def _moved(context):
    context.card.refresh_from_db()
    return context.card.column == "questionnement"


def _grouped(context):
    return context.board.groups.filter(title="Confiance").exists()


def _converted(context):
    return context.card.conversions.exists()


CASES += [
    Case("reflexivity:boards", url=boards, expect=everyone_in()),
    Case("reflexivity:boards", url=boards, expect=MEMBERS_ONLY_ON_PUBLIC, visibility="public"),
    Case("reflexivity:board_create", url=lambda c: boards(c) + "nouveau/", expect=RUNNERS),
    Case(
        "reflexivity:board_create",
        method="POST",
        url=lambda c: boards(c) + "nouveau/",
        label="ouverture",
        data={"title": "Retour du séminaire", "dots_per_person": "3"},
        expect=RUNNERS_POST,
        changed=_board_titled("Retour du séminaire"),
    ),
    Case("reflexivity:board", url=board, setup=a_board, expect=everyone_in()),
    Case("reflexivity:board", url=board, setup=a_board, expect=MEMBERS_ONLY_ON_PUBLIC, visibility="public"),
    Case("reflexivity:board_live", url=lambda c: board(c) + "direct/", setup=a_board, expect=everyone_in()),
    Case("reflexivity:board_edit", url=lambda c: board(c) + "modifier/", setup=a_board, expect=RUNNERS),
    Case(
        "reflexivity:board_edit",
        method="POST",
        url=lambda c: board(c) + "modifier/",
        setup=a_board,
        label="enregistrement",
        data={"title": "Séminaire clos", "dots_per_person": "5"},
        expect=RUNNERS_POST,
        changed=_board_titled("Séminaire clos"),
    ),
    Case(
        "reflexivity:board_export",
        url=lambda c: board(c) + "export.csv",
        setup=a_board,
        expect=everyone_in(),
        label="csv",
    ),
    Case(
        "reflexivity:board_export",
        url=lambda c: board(c) + "export.xlsx",
        setup=a_board,
        expect=everyone_in(),
        label="xlsx",
    ),
    Case(
        "reflexivity:card_add",
        method="POST",
        url=lambda c: board(c) + "cartes/",
        setup=a_board,
        data={"column": "facteur_reussite", "text": "Faire confiance a priori"},
        expect=WRITERS_POST,
        changed=_card_exists("Faire confiance a priori"),
    ),
    Case(
        "reflexivity:group_add",
        method="POST",
        url=lambda c: board(c) + "regroupements/",
        setup=a_board,
        data={"column": "obstacle", "title": "Confiance"},
        expect=RUNNERS_POST,
        changed=_grouped,
    ),
    Case("reflexivity:card_edit", url=lambda c: card(c) + "modifier/", setup=a_board, expect=RUNNERS),
    Case(
        "reflexivity:card_edit",
        method="POST",
        url=lambda c: card(c) + "modifier/",
        setup=a_board,
        label="enregistrement",
        data={"column": "obstacle", "text": "Le temps à consacrer"},
        expect=RUNNERS_POST,
        changed=_card_exists("Le temps à consacrer"),
    ),
    Case(
        "reflexivity:card_delete",
        method="POST",
        url=lambda c: card(c) + "supprimer/",
        setup=a_board,
        expect=RUNNERS_POST,
        changed=_card_gone,
    ),
    Case(
        "reflexivity:card_dot",
        method="POST",
        url=lambda c: card(c) + "gommettes/",
        setup=a_board,
        data={"sens": "ajouter"},
        expect=WRITERS_POST,
        changed=_dotted,
    ),
    Case(
        "reflexivity:card_move",
        method="POST",
        url=lambda c: card(c) + "deplacer/",
        setup=a_board,
        data={"column": "questionnement"},
        expect=RUNNERS_POST,
        changed=_moved,
    ),
    Case(
        "reflexivity:card_convert", url=lambda c: card(c) + "transformer/ordre-du-jour/", setup=a_board, expect=RUNNERS
    ),
    Case(
        "reflexivity:card_convert",
        method="POST",
        url=lambda c: card(c) + "transformer/ordre-du-jour/",
        setup=a_board_and_a_meeting,
        label="ordre du jour",
        data=lambda c: {"meeting": c.meeting.pk, "title": "Le temps à consacrer à la coopération"},
        expect=RUNNERS_POST,
        changed=_converted,
    ),
]

# "Vis ma vie" exchanges: seen by the cooperation's members, recorded by members and coordinators, changed by
# the two people involved (or whoever recorded it) and by coordinators.

RECORDERS = RUNNERS
RECORDERS_POST = RUNNERS_POST
# The exchange below is between the coordinator and the observer, recorded by the coordinator: the member
# may record exchanges but not change one that is not theirs; the observer, involved, only reads.
CHANGERS = {**RUNNERS, "membre": 403}
CHANGERS_POST = {**RUNNERS_POST, "membre": 403}


def exchanges(context):
    return f"/cooperations/{context.cooperation.slug}/reflexivite/vis-ma-vie/"


def _two_members(context):
    from entente.accounts.factories import UserFactory
    from entente.cooperations.factories import MembershipFactory
    from entente.cooperations.models import Membership

    if context.cooperation == context.world.own:
        return context.world.users["coordinateur"], context.world.users["observateur"]
    people = [m.user for m in Membership.objects.filter(cooperation=context.cooperation)[:1]]
    other = UserFactory()
    MembershipFactory(cooperation=context.cooperation, user=other)
    return people[0], other


def an_exchange(context):
    import datetime

    from entente.reflexivity.exchange_services import record_exchange

    host, visitor = _two_members(context)
    exchange = record_exchange(
        cooperation=context.cooperation,
        user=host,
        host=host,
        visitor=visitor,
        starts_on=datetime.date(2026, 3, 12),
        ends_on=datetime.date(2026, 3, 12),
        topic="Une journée en mairie",
    )
    return {"exchange": exchange, "host": host, "visitor": visitor}


def _exchange_topic(topic):
    def changed(context):
        from entente.reflexivity.exchange_models import Exchange

        return Exchange.objects.filter(cooperation=context.cooperation, topic=topic).exists()

    return changed


def _exchange_form(topic):
    def data(context):
        host, visitor = context.host, context.visitor
        return {
            "host": host.pk,
            "visitor": visitor.pk,
            "starts_on": "2026-04-02",
            "ends_on": "2026-04-03",
            "topic": topic,
            "learned": "La proximité avant les grands projets.",
        }

    return data


def _exchange_gone(context):
    from entente.reflexivity.exchange_models import Exchange

    return not Exchange.objects.filter(pk=context.exchange.pk).exists()


CASES += [
    Case("reflexivity:exchanges", url=exchanges, setup=an_exchange, expect=everyone_in()),
    Case("reflexivity:exchanges", url=exchanges, expect=MEMBERS_ONLY_ON_PUBLIC, visibility="public"),
    Case("reflexivity:exchange_create", url=lambda c: exchanges(c) + "nouveau/", expect=RECORDERS),
    Case(
        "reflexivity:exchange_create",
        method="POST",
        url=lambda c: exchanges(c) + "nouveau/",
        setup=an_exchange,
        label="enregistrement",
        data=_exchange_form("Marchés groupés"),
        expect=RECORDERS_POST,
        changed=_exchange_topic("Marchés groupés"),
    ),
    Case(
        "reflexivity:exchange_edit",
        url=lambda c: f"{exchanges(c)}{c.exchange.pk}/modifier/",
        setup=an_exchange,
        expect=CHANGERS,
    ),
    Case(
        "reflexivity:exchange_edit",
        method="POST",
        url=lambda c: f"{exchanges(c)}{c.exchange.pk}/modifier/",
        setup=an_exchange,
        label="enregistrement",
        data=_exchange_form("Accueil des usagers"),
        expect=CHANGERS_POST,
        changed=_exchange_topic("Accueil des usagers"),
    ),
    Case(
        "reflexivity:exchange_delete",
        method="POST",
        url=lambda c: f"{exchanges(c)}{c.exchange.pk}/supprimer/",
        setup=an_exchange,
        expect=CHANGERS_POST,
        changed=_exchange_gone,
    ),
]

# The actor network: organizations for whoever sees the cooperation (the public too), people for its members.
PUBLIC_ALL = dict.fromkeys(
    ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"], 200
)


def network(context):
    return f"/cooperations/{context.cooperation.slug}/reflexivite/reseau/"


CASES += [
    Case("reflexivity:network", url=network, expect=everyone_in()),
    Case("reflexivity:network", url=network, expect=PUBLIC_ALL, visibility="public"),
    Case("reflexivity:network_export", url=lambda c: network(c) + "export.gexf", expect=everyone_in(), label="gexf"),
    Case(
        "reflexivity:network_export",
        url=lambda c: network(c) + "export.graphml",
        expect=PUBLIC_ALL,
        visibility="public",
        label="graphml",
    ),
    Case("reflexivity:network_export", url=lambda c: network(c) + "export.csv", expect=everyone_in(), label="csv"),
]


# API of learning boards, exchanges and the network.
def api_of(context, path):
    return f"/api/v1/cooperations/{context.cooperation.slug}/{path}"


API_RUNNERS = {**RUNNERS, "anonymous": 404}
API_WRITERS = contributors()


def _api_meeting_id(context):
    return {"meeting_id": context.meeting.pk, "kind": "point_odj", "title": "Les petites communes"}


def _exchange_json(topic):
    def data(context):
        return {
            "host_id": context.host.pk,
            "visitor_id": context.visitor.pk,
            "starts_on": "2026-04-02",
            "ends_on": "2026-04-02",
            "topic": topic,
        }

    return data


CASES += [
    Case(
        "API GET /cooperations/{slug}/learning-boards",
        url=lambda c: api_of(c, "learning-boards"),
        setup=a_board,
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/learning-boards",
        method="POST",
        json=True,
        url=lambda c: api_of(c, "learning-boards"),
        data={"title": "Retour du séminaire", "dots_per_person": 3},
        expect={**API_RUNNERS, "membre": 201, "coordinateur": 201, "operator": 201},
        changed=_board_titled("Retour du séminaire"),
    ),
    Case(
        "API GET /cooperations/{slug}/learning-boards/{board_id}",
        setup=a_board,
        url=lambda c: api_of(c, f"learning-boards/{c.board.pk}"),
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/learning-boards/{board_id}/cards",
        method="POST",
        json=True,
        setup=a_board,
        url=lambda c: api_of(c, f"learning-boards/{c.board.pk}/cards"),
        data={"column": "facteur_reussite", "text": "Faire confiance a priori"},
        expect=contributors(201),
        changed=_card_exists("Faire confiance a priori"),
    ),
    Case(
        "API POST /cooperations/{slug}/learning-boards/{board_id}/cards/{card_id}/dots",
        method="POST",
        json=True,
        setup=a_board,
        url=lambda c: api_of(c, f"learning-boards/{c.board.pk}/cards/{c.card.pk}/dots"),
        expect=API_WRITERS,
        changed=_dotted,
    ),
    Case(
        "API DELETE /cooperations/{slug}/learning-boards/{board_id}/cards/{card_id}/dots",
        method="DELETE",
        json=True,
        setup=a_board,
        url=lambda c: api_of(c, f"learning-boards/{c.board.pk}/cards/{c.card.pk}/dots"),
        expect={**API_WRITERS, "contributeur": 400, "membre": 400, "coordinateur": 400, "operator": 400},
        label="sans gommette posée",
    ),
    Case(
        "API POST /cooperations/{slug}/learning-boards/{board_id}/cards/{card_id}/conversions",
        method="POST",
        json=True,
        setup=a_board_and_a_meeting,
        url=lambda c: api_of(c, f"learning-boards/{c.board.pk}/cards/{c.card.pk}/conversions"),
        data=_api_meeting_id,
        expect={**API_RUNNERS, "membre": 201, "coordinateur": 201, "operator": 201},
        changed=_converted,
    ),
    Case(
        "API GET /cooperations/{slug}/exchanges",
        url=lambda c: api_of(c, "exchanges"),
        setup=an_exchange,
        expect=everyone_in(),
    ),
    Case(
        "API POST /cooperations/{slug}/exchanges",
        method="POST",
        json=True,
        setup=an_exchange,
        url=lambda c: api_of(c, "exchanges"),
        data=_exchange_json("Marchés groupés"),
        expect={**API_RUNNERS, "membre": 201, "coordinateur": 201, "operator": 201},
        changed=_exchange_topic("Marchés groupés"),
    ),
    Case(
        "API PUT /cooperations/{slug}/exchanges/{exchange_id}",
        method="PUT",
        json=True,
        setup=an_exchange,
        url=lambda c: api_of(c, f"exchanges/{c.exchange.pk}"),
        data=_exchange_json("Accueil des usagers"),
        expect={**API_RUNNERS, "membre": 403},
        changed=_exchange_topic("Accueil des usagers"),
    ),
    Case(
        "API DELETE /cooperations/{slug}/exchanges/{exchange_id}",
        method="DELETE",
        json=True,
        setup=an_exchange,
        url=lambda c: api_of(c, f"exchanges/{c.exchange.pk}"),
        expect={**API_RUNNERS, "membre": 403, "coordinateur": 204, "operator": 204},
        changed=_exchange_gone,
    ),
    Case("API GET /cooperations/{slug}/network", url=lambda c: api_of(c, "network"), expect=everyone_in()),
    Case(
        "API GET /cooperations/{slug}/network",
        url=lambda c: api_of(c, "network"),
        expect=PUBLIC_ALL,
        visibility="public",
    ),
]
