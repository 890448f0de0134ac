"""Who may vote and who may stand: ID numbers (GB 11643), voter registration (§A.3, §G.1) and qualification (QUAL-*)."""
