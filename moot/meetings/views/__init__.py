"""Pages for meetings. Each view parses input, checks permission
(``moot.meetings.rules``; what a person may not see answers 404) and calls one action."""
