"""The bodies villagers choose before the election: the villagers' election committee (VC-EC)
and the villager representatives (REP)."""
