"""Claims: triggers, parties and the claim builder (the last stage of the pipeline)."""
