"""The fault suite: `python -m benchmarks.reliability [--short]` (see __main__.py)."""
