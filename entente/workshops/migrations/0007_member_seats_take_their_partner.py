"""Seats of members taken while they represented no partner take the partner they represent now.

Before this, a member (often the creator of a cooperation) who was later given a partner kept
"Sans organisation" on their seats, scores and pistes, which skewed results by partner. From now
on `fill_member_organization` does it when the partner is set; this fills what was left behind.
"""

from django.db import migrations


def fill_member_seats(apps, schema_editor):
    Participant = apps.get_model("workshops", "Participant")
    Score = apps.get_model("workshops", "Score")
    Idea = apps.get_model("workshops", "Idea")
    Membership = apps.get_model("cooperations", "Membership")
    partners = {
        (cooperation_id, user_id): organization_id
        for cooperation_id, user_id, organization_id in Membership.objects.filter(partner__isnull=False).values_list(
            "cooperation_id", "user_id", "partner__organization_id"
        )
    }
    seats = Participant.objects.filter(user__isnull=False, organization__isnull=True).values_list(
        "pk", "workshop__cooperation_id", "user_id"
    )
    for pk, cooperation_id, user_id in seats:
        organization_id = partners.get((cooperation_id, user_id))
        if organization_id is None:
            continue
        Participant.objects.filter(pk=pk).update(organization_id=organization_id)
        Score.objects.filter(participant_id=pk, evaluator_organization__isnull=True).update(
            evaluator_organization_id=organization_id
        )
        Idea.objects.filter(authors=pk, organization__isnull=True).update(organization_id=organization_id)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperations", "0003_timeline_step_order"),
        ("workshops", "0006_bounded_criterion_weight_and_scale"),
    ]

    operations = [migrations.RunPython(fill_member_seats, migrations.RunPython.noop)]
