"""Care (关爱): entitlements linked to exemplar status, award delivery, welfare visits, assistance, green channel."""
