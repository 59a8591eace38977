from django.urls import path

from placements.views import (
    checklists,
    core,
    feedback,
    guide,
    hours,
    imports,
    intake,
    invitations,
    lifecycle,
    messages,
    overview,
    proposals,
    today,
    working_time,
    worklog,
)

#: The page of one placement (``placements:detail``) shows every part of its journey,
#: assessments included, so it lives in the top layer, ``stagegids.workspace.urls``,
#: which adds it to these patterns.
app_name = "placements"

urlpatterns = [
    path("", core.placement_list, name="list"),
    path("schools/<int:pk>/settings/", core.school_settings, name="school_settings"),
    path("today/", today.today_view, name="today"),
    path("pupils/", imports.pupil_list, name="pupil_list"),
    path("pupils/import/", imports.import_upload, name="import_upload"),
    path("pupils/import/<uuid:public_id>/", imports.import_preview, name="import_preview"),
    path("pupils/import/<uuid:public_id>/columns/", imports.import_mapping, name="import_mapping"),
    path("pupils/import/<uuid:public_id>/commit/", imports.import_commit, name="import_commit"),
    path("pupils/import/<uuid:public_id>/discard/", imports.import_discard, name="import_discard"),
    path("export.csv", overview.export_csv, name="export_csv"),
    path("export.xlsx", overview.export_xlsx, name="export_xlsx"),
    path("exports/", overview.export_list, name="exports"),
    path("exports/<uuid:public_id>/", overview.export_download, name="export_download"),
    path("bulk/message/", overview.bulk_message, name="bulk_message"),
    path("bulk/confirm/", overview.bulk_confirm, name="bulk_confirm"),
    path("propose/", proposals.placement_propose_view, name="propose"),
    path("register/", proposals.placement_register_view, name="register"),
    path("<uuid:public_id>/accept/", proposals.placement_accept_view, name="accept"),
    path("<uuid:public_id>/decline/", lifecycle.placement_decline_view, name="decline"),
    path(
        "<uuid:public_id>/checklist/<int:item_id>/",
        checklists.checklist_item_update,
        name="checklist_item",
    ),
    path("<uuid:public_id>/intake/", intake.intake_edit, name="intake"),
    path("<uuid:public_id>/intake/support-needs/", intake.support_needs, name="support_needs"),
    path("<uuid:public_id>/cancel/", lifecycle.placement_cancel_view, name="cancel"),
    path("<uuid:public_id>/next-step/", lifecycle.placement_next_step, name="next_step"),
    path(
        "<uuid:public_id>/status/<slug:action>/",
        lifecycle.placement_transition,
        name="transition",
    ),
    path("<uuid:public_id>/working-time/", working_time.working_time_save, name="working_time"),
    path(
        "<uuid:public_id>/working-time/confirm/",
        working_time.age_rules_confirm,
        name="age_rules_confirm",
    ),
    path("<uuid:public_id>/safe-work/", working_time.safe_work_edit, name="safe_work"),
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

#: Invitations into a role, under ``invitations/`` in the root URLconf: the sender's pages,
#: and last the public page of the link itself (``/invitations/<token>/``).
invitation_patterns = (
    [
        path("", invitations.invitation_list, name="list"),
        path("new/<slug:role>/", invitations.invitation_new, name="new"),
        path("<uuid:public_id>/resend/", invitations.invitation_resend_view, name="resend"),
        path("<uuid:public_id>/withdraw/", invitations.invitation_withdraw_view, name="withdraw"),
        path("<str:token>/", invitations.invitation_accept_view, name="accept"),
    ],
    "invitations",
)
