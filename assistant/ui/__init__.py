"""The Gradio chat UI: formatting (pure functions) and the app that wires them to the assistant."""
