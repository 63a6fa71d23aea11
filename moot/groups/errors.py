"""The error an action raises when a request cannot be carried out.

Views and the API turn it into a 4xx answer with its message; nothing has changed
when it is raised, because actions check before they write.
"""

from __future__ import annotations


class ActionError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
