from django.contrib import admin

from companies.models import Company, CompanyMembership


class CompanyMembershipInline(admin.TabularInline):
    model = CompanyMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "kvk_number", "city", "sector", "sbb_recognised", "sbb_valid_until"]
    list_filter = ["sector", "sbb_recognised", "city"]
    search_fields = ["name", "kvk_number", "city", "sbb_number"]
    inlines = [CompanyMembershipInline]


@admin.register(CompanyMembership)
class CompanyMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "is_company_admin", "job_title"]
    list_filter = ["is_company_admin"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "company__name"]
    list_select_related = ["user", "company"]
    autocomplete_fields = ["user", "company"]
