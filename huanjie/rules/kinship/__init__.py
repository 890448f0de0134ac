"""Close relatives and kinship avoidance (任职回避, KIN-1..6): relation sets, kin terms, household links."""
