"""The party-member roll of a village party organization's election (issue 8 item 8): voting
members on the election day (PB-RIGHTS-1/2), exclusions from "should attend" with both approvals
(PB-QUORUM-2), election registration (SEED-PB-REG) and the should-attend count derived."""
