"""The recommendation pages (两推 / 三推, 两述, 胜任指数), included by `urls.py`."""

from django.urls import path

from huanjie.nominations import views_recommendation as views

BASE = "villages/<int:village_id>/recommendation/"
ROUND = BASE + "rounds/<int:round_id>/"

urlpatterns = [
    path(BASE, views.overview, name="recommendation"),
    path(BASE + "rounds/", views.open_round, name="recommendation_open"),
    path(BASE + "posts/<int:recruitment_id>/assess/", views.assess, name="recommendation_assess"),
    path(ROUND, views.round_page, name="recommendation_round"),
    path(ROUND + "tally/", views.tally, name="recommendation_tally"),
    path(ROUND + "draw/", views.draw, name="recommendation_draw"),
    path(ROUND + "order/", views.speech_order, name="recommendation_order"),
    path(ROUND + "statements/", views.statement, name="recommendation_statement"),
    path(
        ROUND + "statements/<int:statement_id>/questions/",
        views.question,
        name="recommendation_question",
    ),
]
