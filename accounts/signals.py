"""What accounts tells the audit trail: audit/ sits above accounts/ (it imports the address
rule from here), so accounts sends and audit.tracking listens."""

from django.dispatch import Signal

# A login's two-factor changed: sent with `request` (None from a command), `user` (whose
# two-factor it is) and `changes` ({what: [before, after]}, never a token or key).
two_factor_changed = Signal()
