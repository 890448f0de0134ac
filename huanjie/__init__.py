"""Huanjie (换届): village-level organization elections, end to end."""
