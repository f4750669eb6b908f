"""Loading and validating the corpus: the synthesis and one source card per cited paper."""
