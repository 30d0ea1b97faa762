from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cooperation, CooperationForm, Membership, Partnership, Purpose, TimelineStep


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    raw_id_fields = ["organization"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Cooperation)
class CooperationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "visibility", "created_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnershipInline, MembershipInline]
    exclude = ["search_name"]


admin.site.register(Purpose)
admin.site.register(CooperationForm)
admin.site.register(TimelineStep, SimpleHistoryAdmin)
