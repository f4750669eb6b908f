"""The eval suite: cases with expected facts, graded through the same path every surface uses."""
