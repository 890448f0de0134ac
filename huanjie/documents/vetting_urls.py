"""The joint review's documents (documents.vetting_dossier), under /documents/vetting/."""

from django.urls import path

from huanjie.documents import vetting_dossier

app_name = "vetting_documents"

urlpatterns = [
    path(
        "candidates/<int:application_id>/",
        vetting_dossier.dossier_preview,
        name="dossier",
    ),
    path(
        "candidates/<int:application_id>.pdf",
        vetting_dossier.dossier_pdf,
        name="dossier_pdf",
    ),
]
