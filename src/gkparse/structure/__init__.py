"""Structure stages: clean text → table rows and prose blocks → the numbered task tree."""
