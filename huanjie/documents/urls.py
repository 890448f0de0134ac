from django.urls import path

from huanjie.documents import views, voter_views

app_name = "documents"

urlpatterns = [
    path(
        "villages/<int:village_id>/<slug:name>/",
        views.village_preview,
        name="village_preview",
    ),
    path("villages/<int:village_id>/<slug:name>.pdf", views.village_pdf, name="village_pdf"),
    path(
        "regions/<int:region_id>/register-batch/",
        views.township_register_batch,
        name="township_register_batch",
    ),
    # The voter register's documents (documents.voter_views).
    path("voters/<int:register_id>/list/", voter_views.voter_list_preview, name="voter_list"),
    path("voters/<int:register_id>/list.pdf", voter_views.voter_list_pdf, name="voter_list_pdf"),
    path("voters/notices/<int:notice_id>/", voter_views.notice_preview, name="voter_notice"),
    path("voters/notices/<int:notice_id>.pdf", voter_views.notice_pdf, name="voter_notice_pdf"),
    path("voters/<int:register_id>/cards.pdf", voter_views.cards_pdf, name="voter_cards_pdf"),
    path(
        "voters/<int:register_id>/changes/",
        voter_views.changes_preview,
        name="voter_changes",
    ),
    path(
        "voters/<int:register_id>/changes.pdf",
        voter_views.changes_pdf,
        name="voter_changes_pdf",
    ),
    path("jobs/<int:job_id>/", views.job_detail, name="job"),
    path("jobs/<int:job_id>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:job_id>/download.pdf", views.job_download, name="job_download"),
    path("jobs/<int:job_id>/retry/", views.job_retry, name="job_retry"),
]
