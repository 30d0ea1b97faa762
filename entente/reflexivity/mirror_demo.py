"""Demo: the last "temps miroir" of the Mortagne CoDir, with its anonymous answers and its synthesis."""

from entente.governance import meeting_services
from entente.governance.meeting_models import Meeting, MeetingFormat, MeetingStatus

from . import mirror_services as services
from .keys import respondent_key
from .mirror_models import MirrorResponse, QuestionKind

SLUG = "codir-pays-de-mortagne"

# Free answers, by question position (the nine questions of seed 004), then the scales' values.
TEXTS = {
    2: [
        "La préparation des conseils fonctionne ; le suivi des décisions, beaucoup moins.",
        "Les réunions démarrent à l'heure et l'ordre du jour arrive à temps.",
        "On manque de temps pour les sujets de fond.",
    ],
    5: [
        "Des solutions toutes faites à des problèmes que je croyais propres à ma commune.",
        "Un regard extérieur sur mes projets.",
        "Du soutien quand un dossier se tend avec les élus.",
    ],
    6: ["Ma connaissance des marchés publics.", "Je ne sais pas trop, c'est à eux de le dire."],
    7: [
        "Quand je n'ai pas relayé l'information à mes collègues de mairie.",
        "J'ai gardé pour moi un désaccord sur le schéma de mutualisation.",
    ],
    8: ["Qu'on me prévienne plus tôt des sujets qui concernent ma commune.", "Plus de franchise dans les désaccords."],
    9: [
        "Tourner l'animation.",
        "Un point de suivi des décisions à chaque réunion.",
        "Se réunir une fois dans chaque commune.",
    ],
}
SCALES = [[3, 4, 2], [4, 4, 3], [3, 2, 4], [4, 3, 3], [2, 3, 4], [4, 4, 4]]
SYNTHESIS = (
    "Le collectif se sent plus à l'aise qu'il y a un an ; la préparation des conseils communautaires fonctionne.\n\n"
    "Ce qui ne fonctionne pas : le suivi des décisions et les sujets de fond, faute de temps.\n\n"
    "Que changer : un point « suivi des décisions » à chaque réunion, une animation tournante, une réunion par an "
    "dans chaque commune."
)


MINUTES = (
    "## Temps miroir\n\n"
    "Les réponses anonymes au questionnaire miroir ont été lues ensemble, sans chercher qui avait écrit quoi. "
    "Le collectif en a tiré la synthèse jointe à ce compte rendu."
)


def load_mortagne(cooperation, users, today):
    meeting = (
        Meeting.objects.filter(body__cooperation=cooperation, format=MeetingFormat.MIRROR, status=MeetingStatus.HELD)
        .order_by("-starts_at")
        .first()
    )
    if meeting is None:
        return
    session = services.create_session(meeting=meeting, user=users["coordinateur"])
    questions = list(session.questions.all())
    scales = [q for q in questions if q.kind == QuestionKind.SCALE]
    responses = []
    for index, values in enumerate(SCALES):
        answers = {str(q.pk): value for q, value in zip(scales, values, strict=False)}
        for position, texts in TEXTS.items():
            if index < len(texts):
                answers[str(questions[position - 1].pk)] = texts[index]
        responses.append(
            MirrorResponse(
                session=session, respondent_key=respondent_key(session.salt, f"demo:{index}"), answers=answers
            )
        )
    MirrorResponse.objects.bulk_create(responses)
    services.set_accepting(session, user=users["coordinateur"], accepts=False)
    services.save_synthesis(session, user=users["coordinateur"], synthesis=SYNTHESIS)
    if not meeting.minutes_versions.exists():
        # Proposed minutes, so that the members' minutes PDF shows the synthesis kept with them.
        meeting_services.save_minutes(meeting=meeting, text=MINUTES, user=users["coordinateur"])
