"""Finding the passages that bear on a question: dense, lexical, and their fusion."""
