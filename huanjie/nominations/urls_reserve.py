"""The reserve page's and the township pipeline's routes (nominations.reserve_views), included in
the app's urls."""

from django.urls import path

from huanjie.nominations import reserve_views as views

VILLAGE = "villages/<int:village_id>/reserve/"

urlpatterns = [
    path(VILLAGE, views.reserve_page, name="reserve"),
    path(VILLAGE + "add/", views.reserve_new, name="reserve_add"),
    path(VILLAGE + "<int:entry_id>/training/", views.reserve_train, name="reserve_training"),
    path(VILLAGE + "<int:entry_id>/leave/", views.reserve_out, name="reserve_leave"),
    path(VILLAGE + "<int:entry_id>/apply/", views.reserve_recommend, name="reserve_apply"),
    path(VILLAGE + "holders/<int:holder_id>/path/", views.outgoing, name="outgoing"),
    path(VILLAGE + "former-villages/", views.former_village, name="former_village"),
    path(VILLAGE + "minority-groups/", views.minority_group, name="minority_group"),
    path("townships/<int:township_id>/", views.township, name="pipeline"),
]
