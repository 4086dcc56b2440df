"""The map's geometry: boundaries, projection, rasterising and marker placement, without Textual."""
