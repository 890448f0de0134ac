"""The recommendation endpoints (api.views.recommendation), included in /api/v1/ by api/urls.py."""

from django.urls import path

from huanjie.api.views import recommendation as views

V1 = "v1/"
ROUND = V1 + "recommendation-rounds/<int:round_id>/"

urlpatterns = [
    path(
        V1 + "villages/<int:village_id>/recommendation/",
        views.VillageRecommendation.as_view(),
        name="village_recommendation",
    ),
    path(
        V1 + "villages/<int:village_id>/recommendation/rounds/",
        views.RecommendationRoundOpen.as_view(),
        name="recommendation_rounds",
    ),
    path(ROUND, views.RecommendationRoundDetail.as_view(), name="recommendation_round"),
    path(ROUND + "tally/", views.RecommendationTally.as_view(), name="recommendation_tally"),
    path(ROUND + "draw/", views.RecommendationDraw.as_view(), name="recommendation_draw"),
    path(
        ROUND + "statements/",
        views.RecommendationStatement.as_view(),
        name="recommendation_statements",
    ),
    path(
        V1 + "applications/<int:application_id>/competency/",
        views.CompetencyAssess.as_view(),
        name="competency_assess",
    ),
]
