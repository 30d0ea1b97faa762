from django.contrib import admin

from .models import Organization, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    # The registry comes from import_territories; the admin is for looking, rarely for fixing.
    list_display = ["name", "kind", "code", "epci_kind", "population", "is_current"]
    list_filter = ["kind", "epci_kind", "is_current"]
    search_fields = ["name", "search_name", "=code", "=siren"]
    raw_id_fields = ["departement", "region", "epci"]
    exclude = ["search_name"]
    show_full_result_count = False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory", "siren"]
    list_filter = ["kind"]
    search_fields = ["name", "search_name", "=siren"]
    raw_id_fields = ["territory"]
    exclude = ["search_name"]
