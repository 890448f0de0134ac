"""The village Party organization's election: body and term (PB-ORG), nomination, ballot order, secretary, members' rights, 公推直选."""
