"""Admin classes shared by the apps: rows that only the portal's services write."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added or changed in admin; deleted only where ``may_delete`` says so
    (and the user has Django's delete permission)."""

    may_delete = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.may_delete and super().has_delete_permission(request, obj)


class ReadOnlyInline(admin.TabularInline):
    """History shown under its parent: it changes only through the portal's services."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
