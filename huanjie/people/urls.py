from django.urls import path

from huanjie.people import views_edit, views_export, views_import, views_relations

app_name = "people"

urlpatterns = [
    path("register/template.xlsx", views_import.import_template, name="import_template"),
    path(
        "villages/<int:village_id>/register/import/",
        views_import.import_upload,
        name="import_upload",
    ),
    path(
        "villages/<int:village_id>/register/import/<int:import_id>/",
        views_import.import_detail,
        name="import_detail",
    ),
    path(
        "villages/<int:village_id>/register/import/<int:import_id>/progress/",
        views_import.import_progress,
        name="import_progress",
    ),
    path(
        "villages/<int:village_id>/register/import/<int:import_id>/report.xlsx",
        views_import.import_report,
        name="import_report",
    ),
    path(
        "villages/<int:village_id>/register/import/<int:import_id>/confirm/",
        views_import.import_confirm,
        name="import_confirm",
    ),
    path(
        "villages/<int:village_id>/register/import/<int:import_id>/retry/",
        views_import.import_retry,
        name="import_retry",
    ),
    path(
        "villages/<int:village_id>/register/import/<int:import_id>/recheck/",
        views_import.import_recheck,
        name="import_recheck",
    ),
    path(
        "villages/<int:village_id>/register/import/<int:import_id>/dismiss/",
        views_import.import_dismiss,
        name="import_dismiss",
    ),
    path(
        "villages/<int:village_id>/register/export.xlsx",
        views_export.register_export,
        name="register_export",
    ),
    path(
        "villages/<int:village_id>/register/exports/",
        views_export.register_export_start,
        name="register_export_start",
    ),
    path(
        "villages/<int:village_id>/register/exports/<int:export_id>/",
        views_export.register_export_detail,
        name="register_export_detail",
    ),
    path(
        "villages/<int:village_id>/register/exports/<int:export_id>/progress/",
        views_export.register_export_progress,
        name="register_export_progress",
    ),
    path(
        "villages/<int:village_id>/register/exports/<int:export_id>/download.xlsx",
        views_export.register_export_download,
        name="register_export_download",
    ),
    path(
        "villages/<int:village_id>/relations/",
        views_relations.village_relations_view,
        name="village_relations",
    ),
    path(
        "relations/<int:relation_id>/confirm/",
        views_relations.relation_confirm_view,
        name="relation_confirm",
    ),
    path(
        "relations/<int:relation_id>/reject/",
        views_relations.relation_reject_view,
        name="relation_reject",
    ),
    path(
        "relations/<int:relation_id>/reopen/",
        views_relations.relation_reopen_view,
        name="relation_reopen",
    ),
    path(
        "relations/<int:relation_id>/remove/",
        views_relations.relation_remove_view,
        name="relation_remove",
    ),
    path(
        "households/<int:household_id>/relations/confirm/",
        views_relations.household_relations_confirm_view,
        name="household_relations_confirm",
    ),
    # Keeping the register by hand (views_edit): the committee's forms.
    path(
        "villages/<int:village_id>/households/new/", views_edit.household_add, name="household_add"
    ),
    path("households/<int:household_id>/edit/", views_edit.household_edit, name="household_edit"),
    path("households/<int:household_id>/members/new/", views_edit.member_add, name="member_add"),
    path("households/<int:household_id>/head/", views_edit.head_change, name="head_change"),
    path("people/<int:person_id>/edit/", views_edit.person_edit, name="person_edit"),
    path("people/<int:person_id>/move/", views_edit.person_move_view, name="person_move"),
    path("people/<int:person_id>/leave/", views_edit.person_leave_view, name="person_leave"),
    path("people/<int:person_id>/return/", views_edit.person_return_view, name="person_return"),
]
