"""Casting the vote: proxy voting (PROXY-1..5) and mobile ballot boxes (MOBILE-1..2)."""
