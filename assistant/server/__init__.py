"""The HTTP server: the JSON and streaming API, the widget's files, and the chat UI at /."""
