"""Care pages: entitlements, deliveries, visits, cases, the green channel, and a person's own records."""
