"""Reports: dashboards, yearly figures and the annual summary document — reads of every other module."""
