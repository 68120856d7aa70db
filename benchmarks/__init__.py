"""Benchmarks of the minimizer (see docs/benchmarks.md)."""
