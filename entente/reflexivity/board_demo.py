"""Demo: the learning board the CoDir of the Pays de Mortagne filled after the seminar, in the words of
seeds 001 and 004, grouped, dot-voted, two cards already turned into a follow-up and an agenda item."""

import datetime

from entente.governance.decision_models import Decision
from entente.governance.meeting_models import Meeting, MeetingStatus

from . import board_services
from .board_models import CardColumn, LearningBoard

SLUG = "codir-pays-de-mortagne"
TITLE = "Séminaire « CoDir de territoire » : ce qui ressort des expériences"
INSTRUCTION = (
    "À l'écoute des expérimentations et suite à vos débats croisés, ce qui vous semble être un obstacle à lever, "
    "un facteur de réussite, un écho à votre propre pratique ou un enseignement, et ce qui reste un questionnement."
)
# (column, group or "", text, author role, dots by role)
CARDS = [
    (
        CardColumn.OBSTACLE,
        "Le temps et les moyens",
        "Le temps à consacrer à la coopération.",
        "membre",
        {"coordinateur": 1, "membre": 1, "contributeur": 1},
    ),
    (CardColumn.OBSTACLE, "Le temps et les moyens", "Les contraintes budgétaires.", "contributeur", {}),
    (
        CardColumn.OBSTACLE,
        "Communes et interco",
        "Le fossé entre petites communes et interco : sentiment de "
        "dépossession des petites communes et de leurs maires.",
        "coordinateur",
        {"membre": 1, "contributeur": 1},
    ),
    (
        CardColumn.OBSTACLE,
        "Communes et interco",
        "Les différentiels d'attentes et d'expertise, ressentis parfois comme du mépris.",
        "membre",
        {"coordinateur": 1},
    ),
    (CardColumn.OBSTACLE, "", "La force de la verticalité et de la culture hiérarchique.", "contributeur", {}),
    (
        CardColumn.SUCCESS,
        "",
        "Faire confiance a priori : c'est l'ingrédient premier de l'alchimie du CoDir.",
        "coordinateur",
        {"membre": 1, "contributeur": 2},
    ),
    (
        CardColumn.SUCCESS,
        "",
        "Une réunion DGS calée en amont des conseils communautaires, ordre du jour envoyé 48 h à l'avance.",
        "membre",
        {"coordinateur": 1},
    ),
    (
        CardColumn.SUCCESS,
        "",
        "Se doter d'une charte de fonctionnement : qui vient, quelle fréquence, quels lieux, "
        "compte rendu ou relevé de décisions.",
        "coordinateur",
        {},
    ),
    (
        CardColumn.SUCCESS,
        "",
        "La circulation de l'information et la transparence : c'est un liant, un fluide de la relation.",
        "contributeur",
        {"membre": 1},
    ),
    (
        CardColumn.LESSON,
        "",
        "Visez l'assentiment des élus plus que leur adhésion : celle-ci viendra plus tard.",
        "membre",
        {"coordinateur": 1},
    ),
    (
        CardColumn.LESSON,
        "",
        "S'autoriser à exprimer ses désaccords : ce n'est pas trahir le groupe, c'est le faire vivre.",
        "coordinateur",
        {},
    ),
    (
        CardColumn.LESSON,
        "",
        "Prise de conscience de l'hétérogénéité des attentes selon la taille des communes : un nouvel enjeu.",
        "contributeur",
        {"contributeur": 1},
    ),
    (
        CardColumn.QUESTION,
        "",
        "Et moi, DGS ou secrétaire de mairie, en quoi suis-je légitime à m'engager au-delà "
        "de mes frontières traditionnelles ?",
        "contributeur",
        {"membre": 1},
    ),
    (
        CardColumn.QUESTION,
        "",
        "Que deviennent les plus petites communes dans le processus de décision communautaire ?",
        "membre",
        {"coordinateur": 1},
    ),
    (
        CardColumn.QUESTION,
        "",
        "Quelle articulation entre la gouvernance technique et la gouvernance politique ?",
        "coordinateur",
        {},
    ),
]


def load_mortagne(cooperation, users, today) -> LearningBoard | None:
    if LearningBoard.objects.filter(cooperation=cooperation).exists():
        return None
    held = Meeting.objects.filter(body__cooperation=cooperation, status=MeetingStatus.HELD).order_by("-starts_at")
    board = board_services.create_board(
        cooperation=cooperation,
        user=users["coordinateur"],
        title=TITLE,
        description=INSTRUCTION,
        meeting=held.first(),
        dots_per_person=5,
    )
    groups, cards = {}, []
    for column, group_title, text, author, dots in CARDS:
        card = board_services.add_card(board=board, user=users[author], column=column, text=text)
        if group_title:
            key = (column, group_title)
            if key not in groups:
                groups[key] = board_services.create_group(board=board, column=column, title=group_title)
            board_services.move_card(card, column=column, group=groups[key])
        for role, count in dots.items():
            for _ in range(count):
                board_services.add_dot(card, user=users[role])
        cards.append(card)
    _convert(cooperation, cards, users, today)
    return board


def _convert(cooperation, cards, users, today) -> None:
    """The most voted obstacle becomes a follow-up of the "Vis ma vie" decision; the question on the smallest
    communes goes on the agenda of the next CoDir."""
    decision = Decision.objects.filter(cooperation=cooperation).order_by("-decided_on", "-number").first()
    if decision is not None:
        board_services.convert_to_followup(
            cards[0],
            user=users["coordinateur"],
            decision=decision,
            owner=users["membre"],
            title="Bloquer une demi-journée par trimestre pour le collectif dans l'agenda de chaque DGS",
            due_on=today + datetime.timedelta(days=60),
        )
    upcoming = board_services.upcoming_meetings(cooperation).first()
    if upcoming is not None:
        board_services.convert_to_agenda_item(cards[13], user=users["coordinateur"], meeting=upcoming)
