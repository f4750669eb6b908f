"""Building and opening the search index: chunks, embeddings, and the Chroma store."""
