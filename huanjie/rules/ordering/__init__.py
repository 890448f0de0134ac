"""Surname stroke order (姓氏笔画) for announcements and ballots, and the stroke table it reads."""
