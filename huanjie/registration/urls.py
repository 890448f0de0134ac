from django.urls import path

from huanjie.registration import views, views_objections, views_township

app_name = "registration"

V = "villages/<int:village_id>/"

urlpatterns = [
    path(V, views.register_home, name="home"),
    path(V + "build/", views.build, name="build"),
    path(V + "voters/", views.voter_list, name="voters"),
    path(V + "voters.xlsx", views_township.voter_list_xlsx, name="voters_xlsx"),
    path(V + "left-off/", views.left_off, name="left_off"),
    path(V + "records/", views.facts, name="facts"),
    path(V + "records/<slug:kind>/<int:pk>/remove/", views.fact_remove, name="fact_remove"),
    path(
        V + "applications/<int:pk>/approve/",
        views.application_approve_view,
        name="application_approve",
    ),
    path(V + "conflicts/", views.conflicts, name="conflicts"),
    path(
        V + "conflicts/<int:conflict_id>/resolve/",
        views.conflict_resolve_view,
        name="conflict_resolve",
    ),
    path(V + "publish/", views.publish, name="publish"),
    path(V + "objections/", views_objections.objections, name="objections"),
    path(V + "notices/", views_objections.notice_publish, name="notice_publish"),
    path("objections/<int:objection_id>/", views_objections.objection_detail, name="objection"),
    path(V + "cards/", views.cards, name="cards"),
    path(V + "cards/<int:card_id>/reissue/", views.card_reissue_view, name="card_reissue"),
    path(V + "changes/", views.changes, name="changes"),
    path(V + "changes.xlsx", views_township.changes_xlsx, name="changes_xlsx"),
    path("regions/<int:region_id>/", views_township.region_status, name="region"),
]
