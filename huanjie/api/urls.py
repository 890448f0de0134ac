"""/api/: the endpoints of v1, the schema and its documentation pages; any other address under
/api/ is the JSON 404 (never the web's HTML page)."""

from django.urls import path, re_path

from huanjie.api.errors import NotFoundView
from huanjie.api.urls_ballots import urlpatterns as ballots_urlpatterns
from huanjie.api.urls_group_leaders import urlpatterns as group_leaders_urlpatterns
from huanjie.api.urls_handover import urlpatterns as handover_urlpatterns
from huanjie.api.urls_party import urlpatterns as party_urlpatterns
from huanjie.api.urls_plan_tasks import urlpatterns as plan_tasks_urlpatterns
from huanjie.api.urls_pledges import urlpatterns as pledges_urlpatterns
from huanjie.api.urls_preparation import urlpatterns as preparation_urlpatterns
from huanjie.api.urls_recommendation import urlpatterns as recommendation_urlpatterns
from huanjie.api.urls_vetting import urlpatterns as vetting_urlpatterns
from huanjie.api.urls_voting import urlpatterns as voting_urlpatterns
from huanjie.api.views import (
    committees,
    docs,
    editing,
    imports,
    nominations,
    people,
    reference,
    regions,
    relations,
)
from huanjie.api.views import registration as voters

app_name = "api"

V1 = "v1/"
VILLAGE_IMPORT = V1 + "villages/<int:village_id>/imports/<int:import_id>/"
VOTERS = V1 + "villages/<int:village_id>/voter-register/"

urlpatterns = [
    path(V1 + "regions/", regions.RegionList.as_view(), name="region_list"),
    path(V1 + "regions/<int:region_id>/", regions.RegionDetail.as_view(), name="region_detail"),
    path(V1 + "villages/", regions.VillageList.as_view(), name="village_list"),
    path(V1 + "villages/<int:village_id>/", regions.VillageDetail.as_view(), name="village_detail"),
    path(
        V1 + "villages/<int:village_id>/households/",
        editing.HouseholdListCreate.as_view(),
        name="household_list",
    ),
    path(V1 + "villages/<int:village_id>/audit/", reference.AuditLog.as_view(), name="audit_log"),
    path(
        V1 + "villages/<int:village_id>/imports/",
        imports.ImportList.as_view(),
        name="import_list",
    ),
    path(VILLAGE_IMPORT, imports.ImportDetail.as_view(), name="import_detail"),
    path(VILLAGE_IMPORT + "report/", imports.ImportReport.as_view(), name="import_report"),
    path(VILLAGE_IMPORT + "confirm/", imports.ImportConfirm.as_view(), name="import_confirm"),
    path(VILLAGE_IMPORT + "retry/", imports.ImportRetry.as_view(), name="import_retry"),
    path(VILLAGE_IMPORT + "recheck/", imports.ImportRecheck.as_view(), name="import_recheck"),
    path(VILLAGE_IMPORT + "dismiss/", imports.ImportDismiss.as_view(), name="import_dismiss"),
    path(
        V1 + "households/<int:household_id>/",
        editing.HouseholdDetailEdit.as_view(),
        name="household_detail",
    ),
    path(
        V1 + "households/<int:household_id>/members/",
        editing.HouseholdMembers.as_view(),
        name="household_members",
    ),
    path(
        V1 + "households/<int:household_id>/head/",
        editing.HouseholdHead.as_view(),
        name="household_head",
    ),
    path(V1 + "persons/", people.PersonList.as_view(), name="person_list"),
    path(
        V1 + "persons/<int:person_id>/",
        editing.PersonDetailEdit.as_view(),
        name="person_detail",
    ),
    path(V1 + "persons/<int:person_id>/move/", editing.PersonMove.as_view(), name="person_move"),
    path(V1 + "persons/<int:person_id>/leave/", editing.PersonLeave.as_view(), name="person_leave"),
    path(
        V1 + "persons/<int:person_id>/return/",
        editing.PersonReturn.as_view(),
        name="person_return",
    ),
    path(
        V1 + "persons/<int:person_id>/relations/",
        relations.PersonRelationDeclare.as_view(),
        name="person_relation_declare",
    ),
    path(
        V1 + "relations/<int:relation_id>/",
        relations.RelationDetail.as_view(),
        name="relation_detail",
    ),
    path(
        V1 + "relations/<int:relation_id>/confirm/",
        relations.RelationConfirm.as_view(),
        name="relation_confirm",
    ),
    path(
        V1 + "relations/<int:relation_id>/reject/",
        relations.RelationReject.as_view(),
        name="relation_reject",
    ),
    path(
        V1 + "relations/<int:relation_id>/reopen/",
        relations.RelationReopen.as_view(),
        name="relation_reopen",
    ),
    path(
        V1 + "households/<int:household_id>/relations/confirm/",
        relations.HouseholdRelationsConfirm.as_view(),
        name="household_relations_confirm",
    ),
    path(
        V1 + "villages/<int:village_id>/relations/",
        relations.VillageRelationList.as_view(),
        name="village_relations",
    ),
    path(
        V1 + "villages/<int:village_id>/nominations/",
        nominations.VillageNominations.as_view(),
        name="village_nominations",
    ),
    path(
        V1 + "villages/<int:village_id>/election-committee/",
        committees.ElectionCommittee.as_view(),
        name="election_committee",
    ),
    path(
        V1 + "villages/<int:village_id>/election-committee/nominees/",
        committees.CommitteeNominees.as_view(),
        name="election_committee_nominees",
    ),
    path(
        V1 + "villages/<int:village_id>/election-committee/roles/",
        committees.CommitteeRoles.as_view(),
        name="election_committee_roles",
    ),
    path(
        V1 + "villages/<int:village_id>/representatives/",
        committees.Representatives.as_view(),
        name="representatives",
    ),
    path(
        V1 + "villages/<int:village_id>/representatives/apportionment/",
        committees.RepresentativesApportion.as_view(),
        name="representatives_apportion",
    ),
    path(
        V1 + "villages/<int:village_id>/representatives/constituencies/<int:number>/selection/",
        committees.ConstituencySelection.as_view(),
        name="constituency_selection",
    ),
    path(
        V1 + "villages/<int:village_id>/representatives/constituencies/<int:number>/cancel/",
        committees.ConstituencySelectionCancel.as_view(),
        name="constituency_selection_cancel",
    ),
    # The voter register (api.views.registration).
    path(VOTERS, voters.VoterRegisterDetail.as_view(), name="voter_register"),
    path(VOTERS + "build/", voters.VoterRegisterBuild.as_view(), name="voter_register_build"),
    path(VOTERS + "publish/", voters.VoterRegisterPublish.as_view(), name="voter_register_publish"),
    path(VOTERS + "voters/", voters.VoterList.as_view(), name="voter_list"),
    path(VOTERS + "left-off/", voters.LeftOffList.as_view(), name="voter_left_off"),
    path(VOTERS + "wishes/", voters.WishCreate.as_view(), name="voter_wishes"),
    path(VOTERS + "applications/", voters.ApplicationCreate.as_view(), name="voter_applications"),
    path(VOTERS + "conflicts/", voters.ConflictList.as_view(), name="voter_conflicts"),
    path(VOTERS + "objections/", voters.ObjectionListCreate.as_view(), name="voter_objections"),
    path(VOTERS + "notices/", voters.NoticePublish.as_view(), name="voter_notices"),
    path(VOTERS + "cards/", voters.CardsIssue.as_view(), name="voter_cards"),
    path(VOTERS + "changes/", voters.Changes.as_view(), name="voter_changes"),
    path(
        V1 + "voter-conflicts/<int:conflict_id>/resolve/",
        voters.ConflictResolve.as_view(),
        name="voter_conflict_resolve",
    ),
    path(
        V1 + "voter-objections/<int:objection_id>/decide/",
        voters.ObjectionDecide.as_view(),
        name="voter_objection_decide",
    ),
    path(
        V1 + "voter-cards/<int:card_id>/reissue/",
        voters.CardReissue.as_view(),
        name="voter_card_reissue",
    ),
    path(
        V1 + "regions/<int:region_id>/voter-registers/",
        voters.RegionRegisters.as_view(),
        name="region_voter_registers",
    ),
    *party_urlpatterns,
    *ballots_urlpatterns,
    *plan_tasks_urlpatterns,
    *voting_urlpatterns,
    *preparation_urlpatterns,
    *vetting_urlpatterns,
    *handover_urlpatterns,
    *group_leaders_urlpatterns,
    *recommendation_urlpatterns,
    *pledges_urlpatterns,
    path(V1 + "holidays/", reference.Holidays.as_view(), name="holidays"),
    path(V1 + "tally/", reference.Tally.as_view(), name="tally"),
    path("schema/", docs.Schema.as_view(), name="schema"),
    path("docs/", docs.SwaggerDocs.as_view(), name="docs"),
    path("redoc/", docs.RedocDocs.as_view(), name="redoc"),
    re_path(r"^[\s\S]*$", NotFoundView.as_view(), name="not_found"),  # [\s\S]: a newline too
]
