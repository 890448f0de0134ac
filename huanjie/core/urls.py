from django.urls import path

from huanjie.core import views, views_audit, views_relations

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("regions/<int:region_id>/", views.region, name="region"),
    path("villages/<int:village_id>/", views.village, name="village"),
    path("villages/<int:village_id>/audit/", views_audit.village_audit_page, name="village_audit"),
    path("audit/", views_audit.audit_page, name="audit"),
    path("households/<int:household_id>/", views.household, name="household"),
    path("people/<int:person_id>/", views.person, name="person"),
    path(
        "people/<int:person_id>/relations/",
        views_relations.person_relation_add,
        name="person_relation_add",
    ),
]
