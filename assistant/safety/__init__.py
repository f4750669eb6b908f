"""Clinical safety: red-flag triage, the scope guard, and the fixed wording they use."""
