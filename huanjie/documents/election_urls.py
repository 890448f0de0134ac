"""/documents/elections/<id>/<name>/ (preview) and …/<name>.pdf: an election's print documents
(documents.election_views), included by config/urls.py."""

from django.urls import path

from huanjie.documents import election_views

app_name = "election_documents"

urlpatterns = [
    path("<int:election_id>/<slug:name>/", election_views.preview, name="preview"),
    path("<int:election_id>/<slug:name>.pdf", election_views.pdf, name="pdf"),
]
