"""Pizhu's Qt user interface: thin widgets over the ``reader`` core."""
