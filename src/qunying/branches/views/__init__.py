"""Party branch pages: branches, schemes, rating rounds and ratings."""
