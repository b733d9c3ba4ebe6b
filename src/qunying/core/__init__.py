"""Core: base model, audit log, encrypted fields, working-day calendar, Chinese text utilities, UI shell."""
