"""The user's work on the text: annotations and their anchors, the codebook, entity corrections."""
