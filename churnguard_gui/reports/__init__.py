"""PDF reports drawn with reportlab as pure functions of core dataclasses; no Qt."""
