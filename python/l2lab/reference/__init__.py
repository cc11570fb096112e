"""Slow pure-Python reference models of the protocols, used differentially against the C++ core."""
