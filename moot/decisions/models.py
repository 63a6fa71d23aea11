"""Proposals, polls, elections, ballots and outcomes, live and between meetings."""
