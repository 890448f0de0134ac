"""Assemblies and committees: villagers' assemblies (REP-*), election committee (VC-EC-*), composition, cooperative (CEO-*), after the vote and recall."""
