"""The placements app's views, one module per part of the placement's journey."""
