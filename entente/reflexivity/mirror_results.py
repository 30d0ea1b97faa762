"""What the facilitator reads of a mirror session: nothing under three answers, then each question's
answers shuffled (free text) or counted (scales), never with an author or a time."""

import random
from dataclasses import dataclass, field

from .mirror_models import MIN_MIRROR_ANSWERS, SCALE, SCALE_LABELS, MirrorResponse, QuestionKind


@dataclass
class QuestionResult:
    question: object
    texts: list[str] = field(default_factory=list)
    counts: list[tuple[int, str, int]] = field(default_factory=list)  # (value, label, count)
    mean: float | None = None
    answered: int = 0


@dataclass
class MirrorResults:
    answers: int
    shown: bool
    questions: list[QuestionResult]


def mirror_results(session, *, rng: random.Random | None = None) -> MirrorResults:
    rows = list(MirrorResponse.objects.filter(session=session).values_list("answers", flat=True))
    questions = list(session.questions.all())
    shown = len(rows) >= MIN_MIRROR_ANSWERS
    if not shown:
        return MirrorResults(len(rows), False, [QuestionResult(q) for q in questions])
    rng = rng or random.SystemRandom()
    results = []
    for question in questions:
        values = [row[str(question.pk)] for row in rows if str(question.pk) in row]
        result = QuestionResult(question, answered=len(values))
        if question.kind == QuestionKind.SCALE:
            result.counts = [(v, SCALE_LABELS[v], values.count(v)) for v in SCALE]
            result.mean = round(sum(values) / len(values), 1) if values else None
        else:
            result.texts = list(values)
            rng.shuffle(result.texts)  # the order of arrival would tell who wrote what
        results.append(result)
    return MirrorResults(len(rows), True, results)
