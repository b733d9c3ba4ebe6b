"""The exemplar reserve (先进典型人物储备库): tiers, cultivation plans, activities, coverage, year-end evaluation."""
