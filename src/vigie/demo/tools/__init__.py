"""Scripts that build and check the demo corpus gold (not used at run time)."""
