"""Selfcare: a private, encrypted burnout-awareness diary for students."""

__version__ = "0.1.0"
APP_ID = "io.github.selfcare_app.Selfcare"
APP_NAME = "Selfcare"
