from django.urls import path

from huanjie.documents import views

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
    path("jobs/<int:job_id>/", views.job_detail, name="job"),
    path("jobs/<int:job_id>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:job_id>/download.pdf", views.job_download, name="job_download"),
    path("jobs/<int:job_id>/retry/", views.job_retry, name="job_retry"),
]
