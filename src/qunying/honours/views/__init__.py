"""Honours pages: honours (honours.py), the catalogue, issuers and authority rules (catalogue.py), figures."""
