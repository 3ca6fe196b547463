"""Pure domain logic: no Qt, no SQL, no matplotlib (checked by tests/test_layering.py)."""
