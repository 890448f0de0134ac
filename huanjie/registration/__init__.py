"""The voter register of a villagers' committee election: build, publish, object, print (VC-REG)."""
