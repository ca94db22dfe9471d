"""Treaty Table benchmark suite (see bench/README.md). Run: ``python bench/run_all.py [--quick]``."""
