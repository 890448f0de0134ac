from django.urls import path

from huanjie.committees import group_views, views

app_name = "committees"

VILLAGE = "villages/<int:village_id>/"

urlpatterns = [
    path(VILLAGE + "committee/", views.committee, name="committee"),
    path(VILLAGE + "committee/record/", views.committee_record_page, name="committee_record"),
    path(VILLAGE + "committee/nominees/", views.nominee_add, name="nominee_add"),
    path(VILLAGE + "committee/roles/", views.role_set, name="role_set"),
    path(VILLAGE + "representatives/", views.representatives, name="representatives"),
    path(VILLAGE + "representatives/apportion/", views.apportion, name="apportion"),
    path(
        VILLAGE + "representatives/<int:constituency_id>/",
        views.constituency,
        name="constituency",
    ),
    path(
        VILLAGE + "representatives/<int:constituency_id>/cancel/",
        views.selection_cancel,
        name="selection_cancel",
    ),
    path(VILLAGE + "group-leaders/", group_views.group_leaders, name="group_leaders"),
    path(VILLAGE + "group-leaders/notice/", group_views.group_notice, name="group_notice"),
    path(
        VILLAGE + "group-leaders/<int:group_id>/",
        group_views.group_selection,
        name="group_selection",
    ),
    path(
        VILLAGE + "group-leaders/<int:group_id>/cancel/",
        group_views.group_selection_cancel,
        name="group_selection_cancel",
    ),
    path("townships/<int:region_id>/", views.township, name="township"),
]
