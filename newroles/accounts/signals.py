"""What accounts tells the apps built on it, which it does not import (they register).

`membership_changed` is sent, inside the change's transaction, when a person joins an
organisation, their role there changes or their membership ends, with keyword arguments
`user_id`, `organisation_id`, `role` (the role now, or None when the membership ended) and
`joined` (True when the membership has just begun). Planning revokes calendar feed addresses
with it, so that a secret address never outlives the right to export it was issued under.
"""

from django.dispatch import Signal

membership_changed = Signal()
