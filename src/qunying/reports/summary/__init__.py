"""The annual summary (.docx): the default template (template.py), the data (context.py), chart images
(charts.py) and the rendering with docxtpl (document.py)."""
