"""The supplier portal's reads: what a supplier may see and touch, across listings, photos, orders and earnings."""
