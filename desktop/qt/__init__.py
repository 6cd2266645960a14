"""The Qt face of Syndiff. Everything here adapts engine results; nothing computes them."""
