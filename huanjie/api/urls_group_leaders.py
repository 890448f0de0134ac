"""The villager group leaders' endpoints (api.views.group_leaders), included in /api/v1/ by
api/urls.py."""

from django.urls import path

from huanjie.api.views import group_leaders

V1 = "v1/"
LEADERS = V1 + "villages/<int:village_id>/group-leaders/"

urlpatterns = [
    path(LEADERS, group_leaders.GroupLeaders.as_view(), name="group_leaders"),
    path(
        LEADERS + "notice/", group_leaders.GroupLeadersNotice.as_view(), name="group_leaders_notice"
    ),
    path(
        LEADERS + "groups/<int:group_id>/selection/",
        group_leaders.GroupLeaderSelection.as_view(),
        name="group_leader_selection",
    ),
    path(
        LEADERS + "groups/<int:group_id>/cancel/",
        group_leaders.GroupLeaderSelectionCancel.as_view(),
        name="group_leader_selection_cancel",
    ),
]
