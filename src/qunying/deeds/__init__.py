"""Discovery ledger: duty events and deeds (with mass entry), police-citizen forums, public nominations."""
