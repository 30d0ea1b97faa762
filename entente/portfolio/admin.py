from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, ActionEvent, ActionLink, Axis, FinancingPlan, FinancingShare, Milestone, Workstream


@admin.register(Axis)
class AxisAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cooperation", "position"]
    list_filter = ["cooperation"]


@admin.register(Workstream)
class WorkstreamAdmin(SimpleHistoryAdmin):
    list_display = ["title", "axis", "cooperation", "position"]
    list_filter = ["cooperation"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "workstream", "cooperation", "status", "progress", "lead"]
    list_filter = ["status", "cooperation"]
    search_fields = ["title"]
    raw_id_fields = ["lead", "workstream", "source_ideas"]
    filter_horizontal = ["participants", "external_partners", "referents"]
    inlines = [MilestoneInline]


@admin.register(ActionEvent)
class ActionEventAdmin(admin.ModelAdmin):
    list_display = ["action", "kind", "occurred_at", "author"]
    list_filter = ["kind"]


@admin.register(ActionLink)
class ActionLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target"]


class ShareInline(admin.TabularInline):
    model = FinancingShare
    extra = 0
    max_num = 0
    can_delete = False
    readonly_fields = ["partnership", "count", "weight", "amount", "explanation"]


@admin.register(FinancingPlan)
class FinancingPlanAdmin(SimpleHistoryAdmin):
    list_display = ["action", "total", "key"]
    inlines = [ShareInline]
