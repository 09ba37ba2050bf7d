"""Property tests of the laws ceasefire's deadline logic obeys, and proof that they catch broken engines."""
