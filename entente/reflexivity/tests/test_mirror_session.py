"""Mirror sessions: anonymous answers, shown to the facilitator from the third one, shuffled, without times."""

import io
import random

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from entente.core.documents import render_pdf
from entente.governance import meeting_services
from entente.governance.factories import BodyFactory, MeetingFactory
from entente.governance.minutes_document import MinutesDocument
from entente.reflexivity import mirror_services as services
from entente.reflexivity.mirror_models import MirrorResponse, QuestionKind
from entente.reflexivity.mirror_results import mirror_results

from .factories import mirror_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    return services.create_session(meeting=mirror_meeting(world.own), user=world.users["coordinateur"])


def text_question(session):
    return session.questions.filter(kind=QuestionKind.TEXT).first()


def scale_question(session):
    return session.questions.filter(kind=QuestionKind.SCALE).first()


def test_a_session_starts_with_the_nine_mirror_questions(session):
    texts = list(session.questions.values_list("text", flat=True))
    assert len(texts) == 9
    assert texts[-1] == "Que changer ?"


def test_only_a_mirror_meeting_gets_a_questionnaire(world):
    meeting = MeetingFactory(body=BodyFactory(cooperation=world.own), format="reunion_travail")
    with pytest.raises(ValidationError, match="temps miroir"):
        services.create_session(meeting=meeting, user=world.users["coordinateur"])


def test_answering_twice_keeps_the_last_answer(session):
    question = text_question(session)
    services.submit_answers(session, who="seat:abc", answers={str(question.pk): "Premier"})
    services.submit_answers(session, who="seat:abc", answers={str(question.pk): "Second"})
    assert list(MirrorResponse.objects.values_list("answers", flat=True)) == [{str(question.pk): "Second"}]


def test_a_scale_answer_outside_one_to_five_is_refused(session):
    with pytest.raises(ValidationError, match="hors de l'échelle"):
        services.submit_answers(session, who="seat:x", answers={str(scale_question(session).pk): 9})
    assert not MirrorResponse.objects.exists()


def test_an_answer_to_another_sessions_question_is_refused(session, world):
    other = services.create_session(meeting=mirror_meeting(world.own), user=None)
    with pytest.raises(ValidationError, match="question inconnue"):
        services.submit_answers(session, who="seat:x", answers={str(text_question(other).pk): "Intrus"})


def test_a_closed_session_refuses_answers(session, world):
    services.set_accepting(session, user=world.users["coordinateur"], accepts=False)
    with pytest.raises(ValidationError, match="ne recueille plus"):
        services.submit_answers(session, who="seat:x", answers={str(text_question(session).pk): "Tard"})


def test_nothing_is_shown_before_three_answers(session):
    question = text_question(session)
    for seat in ("a", "b"):
        services.submit_answers(session, who=f"seat:{seat}", answers={str(question.pk): f"Réponse {seat}"})
    results = mirror_results(session)
    assert not results.shown and results.answers == 2
    assert all(not r.texts and not r.counts for r in results.questions)


def test_from_three_answers_texts_are_shuffled_and_scales_counted(session):
    question, scale = text_question(session), scale_question(session)
    for index, seat in enumerate("abcd"):
        services.submit_answers(
            session, who=f"seat:{seat}", answers={str(question.pk): f"Réponse {seat}", str(scale.pk): index + 1}
        )
    orders = {tuple(mirror_results(session, rng=random.Random(seed)).questions[1].texts) for seed in range(6)}
    assert len(orders) > 1  # shuffled, not in the order of arrival
    results = mirror_results(session, rng=random.Random(1))
    by_question = {r.question.pk: r for r in results.questions}
    assert sorted(by_question[question.pk].texts) == ["Réponse a", "Réponse b", "Réponse c", "Réponse d"]
    assert [c for _v, _l, c in by_question[scale.pk].counts] == [1, 1, 1, 1, 0]
    assert by_question[scale.pk].mean == 2.5


def test_an_answer_keeps_no_author_and_no_time(session):
    services.submit_answers(session, who="user:1", answers={str(text_question(session).pk): "Texte"})
    fields = {field.name for field in MirrorResponse._meta.get_fields()}
    assert fields == {"id", "session", "respondent_key", "answers"}


def test_questions_are_locked_once_an_answer_is_in(session, world):
    services.set_questions(session, user=world.users["coordinateur"], questions=[("Une seule ?", "texte")])
    assert session.questions.count() == 1
    services.submit_answers(session, who="seat:a", answers={str(session.questions.get().pk): "Oui"})
    with pytest.raises(ValidationError, match="ne changent plus"):
        services.set_questions(session, user=world.users["coordinateur"], questions=[("Autre ?", "texte")])


def test_someone_with_the_code_answers_without_an_account(client, session):
    question = text_question(session)
    url = f"/miroir/{session.join_code}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {f"q{question.pk}": "Sans compte"})
    assert response.status_code == 302
    client.post(url, {f"q{question.pk}": "Sans compte, corrigé"})
    assert list(MirrorResponse.objects.values_list("answers", flat=True)) == [
        {str(question.pk): "Sans compte, corrigé"}
    ]


def test_a_wrong_code_is_refused_in_french(client, session):
    response = client.post("/miroir/", {"code": "ZZZZZZ"})
    assert response.status_code == 400
    assert "Ce code ne permet pas" in response.content.decode()


def test_the_facilitator_page_shows_answers_only_from_three(client, session, world):
    question = text_question(session)
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/reflexivite/miroirs/{session.pk}/"
    for seat in "ab":
        services.submit_answers(session, who=f"seat:{seat}", answers={str(question.pk): f"Avis-{seat}"})
    html = client.get(url).content.decode()
    assert "data-waiting" in html and "Avis-a" not in html
    services.submit_answers(session, who="seat:c", answers={str(question.pk): "Avis-c"})
    html = client.get(url).content.decode()
    assert "data-synthesis-view" in html and "Avis-a" in html


def test_a_member_who_is_not_facilitator_never_reads_the_answers(client, session, world):
    question = text_question(session)
    for seat in "abc":
        services.submit_answers(session, who=f"seat:{seat}", answers={str(question.pk): f"Avis-{seat}"})
    client.force_login(world.users["membre"])
    html = client.get(f"/cooperations/{world.own.slug}/reflexivite/miroirs/{session.pk}/").content.decode()
    assert "Avis-a" not in html and "3 réponses anonymes" in html


def test_the_synthesis_is_kept_with_the_meetings_minutes(client, session, world):
    services.save_synthesis(session, user=world.users["coordinateur"], synthesis="Nous parlons plus librement.")
    client.force_login(world.users["observateur"])
    html = client.get(session.meeting.get_absolute_url()).content.decode()
    assert "data-mirror-synthesis" in html and "Nous parlons plus librement." in html
    assert html.index('id="compte-rendu"') < html.index("data-mirror-synthesis")


def test_a_mirror_meeting_without_questionnaire_offers_to_prepare_one(client, world):
    meeting = mirror_meeting(world.own)
    client.force_login(world.users["coordinateur"])
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert f"?reunion={meeting.pk}" in html


def _minutes_html(meeting, *, members=True) -> str:
    minutes, _new = meeting_services.save_minutes(meeting=meeting, text="## Tour de table\n\nChacun s'exprime.")
    return MinutesDocument(meeting, private=members, people=members).html(minutes)


def _minutes_pdf_text(meeting) -> str:
    html = _minutes_html(meeting)
    reader = PdfReader(io.BytesIO(render_pdf(html)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_synthesis_is_in_the_minutes_pdf_for_the_members(session, world):
    services.save_synthesis(
        session, user=world.users["coordinateur"], synthesis="Nous parlons plus librement.\n\nÀ refaire en juin."
    )
    text = _minutes_pdf_text(session.meeting)
    assert "Synthèse du temps miroir" in text
    assert "Nous parlons plus librement." in text and "À refaire en juin." in text
    assert text.index("Chacun s'exprime") < text.index("Synthèse du temps miroir")


def test_the_public_minutes_pdf_carries_no_synthesis(session, world):
    services.save_synthesis(session, user=world.users["coordinateur"], synthesis="Nous parlons plus librement.")
    assert "Synthèse du temps miroir" not in _minutes_html(session.meeting, members=False)


def test_a_meeting_without_mirror_session_keeps_its_minutes_pdf(world):
    meeting = MeetingFactory(body=BodyFactory(cooperation=world.own))
    text = _minutes_pdf_text(meeting)
    assert "Chacun s'exprime" in text and "Synthèse du temps miroir" not in text


def test_a_session_without_synthesis_adds_nothing_to_the_minutes_pdf(session):
    assert "Synthèse du temps miroir" not in _minutes_pdf_text(session.meeting)
