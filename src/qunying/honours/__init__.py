"""Honours: the award catalogue, issuers and their authority, honours for people and units, revocation."""
