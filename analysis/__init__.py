"""Extract attack tallies, attributed claims, justification frames and dated events
from news documents, with character offsets back to the evidence."""

__version__ = "0.1.0"
