"""Turning retrieved passages into an answer whose every sentence cites its passage."""
