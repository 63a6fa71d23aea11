"""The live room: the speaking stack, hand signals, circles and the speaking record."""
