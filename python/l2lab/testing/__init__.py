"""Test helpers: Hypothesis state machines and strategies over the C++ core."""
