"""Administration of reflexivity: campaigns and mirror sessions. Answers are not registered on purpose:
an operator browsing the admin must not be able to read an anonymous answer next to anything that
identifies its author (the participation rows name people, the answers do not)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .maturity_models import MaturityCampaign
from .mirror_models import MirrorQuestion, MirrorSession


@admin.register(MaturityCampaign)
class MaturityCampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cooperation", "anonymous", "opened_at", "closed_at"]
    list_filter = ["anonymous"]
    search_fields = ["title", "cooperation__name"]
    # Anonymity is turned on or off through the service, which checks that no answer is in.
    readonly_fields = ["anonymous", "opened_at", "closed_at", "created_by"]
    raw_id_fields = ["cooperation"]


class MirrorQuestionInline(admin.TabularInline):
    model = MirrorQuestion
    extra = 0


@admin.register(MirrorSession)
class MirrorSessionAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "cooperation", "accepts_answers"]
    search_fields = ["cooperation__name", "meeting__title"]
    readonly_fields = ["join_code", "created_by", "created_at"]
    raw_id_fields = ["cooperation", "meeting"]
    inlines = [MirrorQuestionInline]
