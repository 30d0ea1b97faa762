from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Arbitration, ArbitrationDecision, Criterion, Domain, Grid, Idea, Participant, Workshop


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ["name", "cooperation"]
    inlines = [CriterionInline]


@admin.register(Workshop)
class WorkshopAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cooperation", "kind", "phase", "held_on", "anonymous"]
    list_filter = ["phase", "kind"]
    search_fields = ["title"]


@admin.register(Idea)
class IdeaAdmin(SimpleHistoryAdmin):
    list_display = ["title", "workshop", "organization", "arbitration_status", "merged_into"]
    list_filter = ["arbitration_status"]
    search_fields = ["title"]
    raw_id_fields = ["merged_into", "source", "authors"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "workshop", "organization", "joined_at", "revoked_at"]
    exclude = ["token"]


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["label", "cooperation", "position"]


class DecisionInline(admin.TabularInline):
    model = ArbitrationDecision
    extra = 0
    raw_id_fields = ["idea"]


@admin.register(Arbitration)
class ArbitrationAdmin(admin.ModelAdmin):
    list_display = ["body", "workshop", "decided_on"]
    inlines = [DecisionInline]
