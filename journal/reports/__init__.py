"""Reports: what a printed episode report or appointment summary says, and how it is drawn.

``content`` builds plain report models from the journal (no Qt); ``html`` turns them into
the HTML subset ``QTextDocument`` understands; ``render`` lays that out for preview,
printer and PDF (Qt).
"""
