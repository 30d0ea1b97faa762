from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .body_models import Body, BodyMember, RotationSlot
from .decision_models import Decision, FollowUp, Ratification
from .meeting_models import AgendaItem, Attendance, Meeting, MinutesVersion


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    raw_id_fields = ["user", "partner"]


class RotationSlotInline(admin.TabularInline):
    model = RotationSlot
    extra = 0
    raw_id_fields = ["partner"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "cooperation", "periodicity", "rotation"]
    list_filter = ["kind", "periodicity"]
    search_fields = ["name", "cooperation__name"]
    raw_id_fields = ["cooperation"]
    inlines = [BodyMemberInline, RotationSlotInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["presenter", "presenter_partner"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "body", "starts_at", "status", "agenda_sent_at"]
    list_filter = ["status", "format"]
    search_fields = ["title", "body__name"]
    raw_id_fields = ["body", "convener_override", "chair_override", "created_by"]
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "cooperation", "kind", "decided_on", "outcome", "requires_ratification"]
    list_filter = ["kind", "outcome", "requires_ratification"]
    search_fields = ["text", "cooperation__name"]
    raw_id_fields = ["cooperation", "item", "created_by"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cooperation", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["decision", "cooperation", "owner", "owner_partner"]


admin.site.register(MinutesVersion, SimpleHistoryAdmin)
admin.site.register(Ratification, SimpleHistoryAdmin)
admin.site.register(Attendance, SimpleHistoryAdmin)
