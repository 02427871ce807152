"""The deterministic policy: rule loading, fact building, evaluation and verdict assembly."""
