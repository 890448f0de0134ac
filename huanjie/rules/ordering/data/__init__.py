"""Package data of the domain core (the stroke-order table) and the scripts that generate it."""
