"""Follow-up states, "Mes suites à donner", and reminder e-mails."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entente.governance import (
    agenda_services,
    body_services,
    decision_services,
    decision_states,
    meeting_services,
    schedule,
    selectors,
)
from entente.governance.factories import FollowUpFactory

D = datetime.date
TODAY = D(2030, 4, 1)


def test_followup_states():
    assert decision_states.followup_state("a_faire", D(2030, 3, 31), TODAY) == "en_retard"
    assert decision_states.followup_state("en_cours", D(2030, 4, 10), TODAY) == "echeance_proche"
    assert decision_states.followup_state("a_faire", D(2030, 6, 1), TODAY) == "dans_les_temps"
    assert decision_states.followup_state("faite", D(2020, 1, 1), TODAY) == "faite"


@pytest.mark.django_db
def test_user_sees_own_and_partner_followups_due_soon_or_overdue(world, decision):
    membre = world.users["membre"]
    partner = world.partners[world.own.pk][0]  # membre represents partner 0
    mine = decision_services.add_followup(decision=decision, title="À moi", due_on=D(2030, 3, 20), owner=membre)
    ours = decision_services.add_followup(
        decision=decision, title="À mon partenaire", due_on=D(2030, 4, 5), owner_partner=partner
    )
    decision_services.add_followup(decision=decision, title="Plus tard", due_on=D(2030, 9, 1), owner=membre)
    decision_services.add_followup(
        decision=decision,
        title="À l'autre partenaire",
        due_on=D(2030, 4, 2),
        owner_partner=world.partners[world.own.pk][1],
    )
    overdue, soon = selectors.split_by_state(selectors.followups_of_user(membre, today=TODAY), TODAY)
    assert overdue == [mine] and soon == [ours]


@pytest.mark.django_db
def test_my_followups_page_has_a_constant_number_of_queries(client, world, decision):
    membre = world.users["membre"]
    client.force_login(membre)
    today = schedule.paris_today()
    FollowUpFactory(decision=decision, owner=membre, due_on=today)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("governance:my_followups"))
    FollowUpFactory.create_batch(30, decision=decision, owner=membre, due_on=today - datetime.timedelta(days=3))
    FollowUpFactory.create_batch(30, decision=decision, owner_partner=world.partners[world.own.pk][0], due_on=today)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("governance:my_followups"))
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_reminders_group_followups_per_person_once_a_day(world, decision, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    membre = world.users["membre"]
    decision_services.add_followup(decision=decision, title="Envoyer la note", due_on=D(2030, 3, 25), owner=membre)
    decision_services.add_followup(
        decision=decision, title="Réunir les DRH", due_on=D(2030, 4, 8), owner_partner=world.partners[world.own.pk][1]
    )
    decision_services.add_followup(decision=decision, title="Lointaine", due_on=D(2031, 1, 1), owner=membre)
    sent = decision_services.send_followup_reminders(today=TODAY)
    assert sent == len(mail.outbox) == 1  # partner 1 has no representative among the members
    message = mail.outbox[0]
    assert message.to == [membre.email]
    assert "1 en retard" in message.subject
    assert "Envoyer la note" in message.body and "Lointaine" not in message.body
    assert decision_services.send_followup_reminders(today=TODAY) == 0  # once a day
    assert decision_services.send_followup_reminders(today=TODAY + datetime.timedelta(days=1)) == 1


@pytest.mark.django_db
def test_partner_followup_reminds_the_members_representing_the_partner(world, decision, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    decision_services.add_followup(
        decision=decision, title="Délibérer", due_on=D(2030, 3, 30), owner_partner=world.partners[world.own.pk][0]
    )
    decision_services.send_followup_reminders(today=TODAY)
    recipients = sorted(message.to[0] for message in mail.outbox)
    expected = sorted(world.users[role].email for role in ("coordinateur", "membre", "contributeur", "observateur"))
    assert recipients == expected


@pytest.mark.django_db
def test_closed_followups_are_not_reminded(world, decision, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    followup = decision_services.add_followup(
        decision=decision, title="Fait", due_on=D(2030, 3, 1), owner=world.users["membre"]
    )
    decision_services.update_followup(followup, status="faite", evidence="Courrier du 2 mars", today=D(2030, 3, 2))
    assert decision_services.send_followup_reminders(today=TODAY) == 0


@pytest.mark.django_db
def test_send_followup_reminders_command(world, decision, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    decision_services.add_followup(
        decision=decision, title="Relancer", due_on=schedule.paris_today(), owner=world.users["membre"]
    )
    from io import StringIO

    out = StringIO()
    call_command("send_followup_reminders", stdout=out)
    assert "1 rappel(s) de suites à donner" in out.getvalue()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_followup_owner_must_belong_to_the_cooperation(world, decision):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="n'est pas membre"):
        decision_services.add_followup(decision=decision, title="X", due_on=TODAY, owner=world.users["outsider"])
    with pytest.raises(ValidationError, match="une personne ou un partenaire"):
        decision_services.add_followup(decision=decision, title="X", due_on=TODAY)
    with pytest.raises(ValidationError, match="échéance"):
        decision_services.add_followup(decision=decision, title="X", due_on=None, owner=world.users["membre"])


@pytest.mark.django_db
def test_contributor_updates_only_followups_of_their_partner(client, world, decision):
    theirs = decision_services.add_followup(
        decision=decision, title="Pour le partenaire 0", due_on=TODAY, owner_partner=world.partners[world.own.pk][0]
    )
    other = decision_services.add_followup(
        decision=decision, title="Pour le partenaire 1", due_on=TODAY, owner_partner=world.partners[world.own.pk][1]
    )
    client.force_login(world.users["contributeur"])
    url = "governance:followup_update"
    ok = client.post(reverse(url, args=[world.own.slug, theirs.pk]), {f"f{theirs.pk}-status": "en_cours"})
    refused = client.post(reverse(url, args=[world.own.slug, other.pk]), {f"f{other.pk}-status": "en_cours"})
    assert (ok.status_code, refused.status_code) == (302, 403)


@pytest.mark.django_db
def test_cooperation_home_block_lists_overdue_and_soon(world, decision, rf):
    today = schedule.paris_today()
    decision_services.add_followup(
        decision=decision, title="En retard", due_on=today - datetime.timedelta(days=1), owner=world.users["membre"]
    )
    decision_services.add_followup(
        decision=decision,
        title="Bientôt",
        due_on=today + datetime.timedelta(days=3),
        owner_partner=world.partners[world.own.pk][1],
    )
    block = selectors.followups_for_cooperation_home(world.own, world.users["membre"])
    assert block["overdue_count"] == 1 and block["soon_count"] == 1
    assert [f.title for f in block["overdue"]] == ["En retard"]
    from django.template.loader import render_to_string

    html = render_to_string(
        "governance/_cooperation_followups.html", {"followups_block": block, "user": world.users["membre"]}
    )
    assert "En retard" in html and "Bientôt" in html and "(vous)" in html


@pytest.mark.django_db
def test_cooperation_home_block_is_hidden_from_strangers(world, decision):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.followups_for_cooperation_home(world.own, AnonymousUser()) == {"visible": False}


@pytest.mark.django_db
def test_my_followups_offers_the_form_only_to_who_may_report(client, world, decision):
    from entente.cooperations.models import Membership

    from .conftest import page_text

    partner = world.partners[world.own.pk][0]
    Membership.objects.filter(user=world.users["observateur"], cooperation=world.own).update(partner=partner)
    Membership.objects.filter(user=world.users["contributeur"], cooperation=world.own).update(partner=partner)
    followup = decision_services.add_followup(
        decision=decision, title="Délibérer", due_on=schedule.paris_today(), owner_partner=partner
    )
    client.force_login(world.users["observateur"])
    text = page_text(client.get(reverse("governance:my_followups")))
    assert "Délibérer" in text and "mise à jour par le secrétariat" in text
    assert f'name="f{followup.pk}-status"' not in text
    client.force_login(world.users["contributeur"])
    assert f'name="f{followup.pk}-status"' in page_text(client.get(reverse("governance:my_followups")))


@pytest.mark.django_db
def test_my_followups_queries_do_not_grow_with_cooperations(client, world):
    from entente.cooperations.factories import CooperationFactory, MembershipFactory

    from .conftest import paris

    membre = world.users["membre"]
    client.force_login(membre)
    today = schedule.paris_today()

    def followup_in_new_cooperation():
        cooperation = CooperationFactory()
        MembershipFactory(cooperation=cooperation, user=membre, role="membre")
        body = body_services.create_body(cooperation=cooperation, name="Comité", kind="comite_suivi")
        meeting = meeting_services.schedule_meeting(
            body=body, starts_at=paris(2030, 1, 5, 9), ends_at=paris(2030, 1, 5, 11)
        )
        item = agenda_services.add_agenda_item(meeting=meeting, title="Point", kind="decision")
        decision = decision_services.record_decision(item=item, text="Décidé", kind="validation")
        decision_services.add_followup(decision=decision, title="Suite", due_on=today, owner=membre)

    followup_in_new_cooperation()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("governance:my_followups"))
    for _ in range(4):
        followup_in_new_cooperation()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("governance:my_followups"))
    assert page_text_count(response, "Suite") >= 5
    assert len(many.captured_queries) == len(few.captured_queries)


def page_text_count(response, needle):
    return response.content.decode().count(needle)
