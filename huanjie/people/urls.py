from django.urls import path

from huanjie.people import views_export, views_import

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
]
