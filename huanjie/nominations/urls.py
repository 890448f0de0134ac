from django.urls import path

from huanjie.nominations import urls_recommendation, urls_reserve, views

app_name = "nominations"

VILLAGE = "villages/<int:village_id>/"

urlpatterns = [
    path(VILLAGE, views.village_page, name="village"),
    path(VILLAGE + "notice/", views.notice, name="notice"),
    path(VILLAGE + "apply/", views.apply, name="apply"),
    path(VILLAGE + "applications/<int:application_id>/accept/", views.accept, name="accept"),
    path(VILLAGE + "applications/<int:application_id>/withdraw/", views.withdraw, name="withdraw"),
    path(VILLAGE + "applications/<int:application_id>/pledge/", views.pledge, name="pledge"),
    path(VILLAGE + "applications/<int:application_id>/goals/", views.goals, name="goals"),
    path(VILLAGE + "posts/<int:recruitment_id>/publish/", views.publish, name="publish"),
    # 两推 / 三推, 两述 and the 胜任指数 (their own module).
    *urls_recommendation.urlpatterns,
    # 后备干部, outgoing paths, village facts and the township pipeline (their own module).
    *urls_reserve.urlpatterns,
]
