"""/documents/elections/<id>/<name>/ (preview) and …/<name>.pdf: an election's print documents
(documents.election_views), included by config/urls.py."""

from django.urls import path

from huanjie.documents import ballot_use_views, election_views

app_name = "election_documents"

urlpatterns = [
    path("<int:election_id>/ballot-use/", ballot_use_views.ballot_use_page, name="ballot_use"),
    path(
        "<int:election_id>/ballot-use/record/",
        ballot_use_views.ballot_use_post,
        name="ballot_use_post",
    ),
    path("<int:election_id>/<slug:name>/", election_views.preview, name="preview"),
    path("<int:election_id>/<slug:name>.pdf", election_views.pdf, name="pdf"),
]
