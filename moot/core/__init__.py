"""The decision core of moot: plain Python, no Django.

Decision rules and tallies, stack and circle ordering, opinion groups. Dataclasses in,
results out; usable on its own and tested without a database.
"""
