from django.urls import path

from placements.views import (
    checklists,
    core,
    feedback,
    guide,
    hours,
    intake,
    lifecycle,
    messages,
    overview,
    worklog,
)

app_name = "placements"

urlpatterns = [
    path("", core.placement_list, name="list"),
    path("schools/<int:pk>/settings/", core.school_settings, name="school_settings"),
    path("export.csv", overview.export_csv, name="export_csv"),
    path("export.xlsx", overview.export_xlsx, name="export_xlsx"),
    path("bulk/message/", overview.bulk_message, name="bulk_message"),
    path("<uuid:public_id>/", core.placement_detail, name="detail"),
    path(
        "<uuid:public_id>/checklist/<int:item_id>/",
        checklists.checklist_item_update,
        name="checklist_item",
    ),
    path("<uuid:public_id>/intake/", intake.intake_edit, name="intake"),
    path("<uuid:public_id>/intake/support-needs/", intake.support_needs, name="support_needs"),
    path("<uuid:public_id>/cancel/", lifecycle.placement_cancel_view, name="cancel"),
    path(
        "<uuid:public_id>/status/<slug:action>/",
        lifecycle.placement_transition,
        name="transition",
    ),
    path("<uuid:public_id>/days/", hours.daylog_save, name="daylog_save"),
    path("<uuid:public_id>/days/<int:pk>/", hours.daylog_edit, name="daylog_edit"),
    path("<uuid:public_id>/days/<int:pk>/delete/", hours.daylog_remove, name="daylog_delete"),
    path("<uuid:public_id>/rooster.ics", hours.schedule_ics, name="schedule_ics"),
    path("<uuid:public_id>/worklog/", worklog.worklog_record, name="worklog_record"),
    path(
        "<uuid:public_id>/worklog/<int:pk>/delete/",
        worklog.worklog_delete,
        name="worklog_delete",
    ),
    path("<uuid:public_id>/feedback/", feedback.feedback_add, name="feedback_add"),
    path("<uuid:public_id>/feedback/<int:pk>/", feedback.feedback_edit, name="feedback_edit"),
    path("<uuid:public_id>/feedback/<int:pk>/done/", feedback.feedback_done, name="feedback_done"),
    path(
        "<uuid:public_id>/feedback/<int:pk>/reopen/",
        feedback.feedback_reopen,
        name="feedback_reopen",
    ),
    path(
        "<uuid:public_id>/feedback/<int:pk>/delete/",
        feedback.feedback_delete,
        name="feedback_delete",
    ),
    path("<uuid:public_id>/messages/", messages.message_create, name="message_create"),
    path("help/", guide.help_index, name="help_index"),
    path("help/<slug:slug>/", guide.help_phase, name="help"),
]
