// Intentionally empty: this target only exposes system headers and inline helpers.
