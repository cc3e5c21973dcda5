"""Outlets: which ones are state media (:mod:`vigie.outlets.state_media`)."""
