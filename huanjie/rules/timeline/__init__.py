"""Time in the law: the working-day calendar, legal periods, deadlines (§C.7, H-9) and a village's election timeline."""
