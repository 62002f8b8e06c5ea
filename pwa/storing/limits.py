"""What the server takes and keeps: sizes of bodies and batches, page sizes, how long a pairing
code lives, and how much one account keeps.

Read by the app factory (body sizes), the wire shapes and views of `pwa/api/`, and the storing.
Read them as `limits.NAME` at the time of use, so that a test may change one.
"""

MAX_BODY_BYTES = 64 * 1024
# A batch of finished routines is bigger than any other body this API takes.
MAX_SYNC_BODY_BYTES = 1024 * 1024
MAX_SYNC_SESSIONS = 50
MAX_SETS_PER_SESSION = 300
MAX_EXERCISE_STOPS = 50
MAX_NOTE_LENGTH = 2000
SESSIONS_PAGE_DEFAULT = 20
SESSIONS_PAGE_MAX = 100
PAIRING_CODE_MINUTES = 10
# The weekly function check (PSFS): a few activities, each named briefly.
MAX_FUNCTION_CHECK_ACTIVITIES = 3
MAX_ACTIVITY_NAME_LENGTH = 60
MAX_SYNC_FUNCTION_CHECKS = 50
MAX_FUNCTION_CHECKS_LISTED = 1000
# What one account keeps: about 19 years of weekly checks, and all of them in the listing and CSV.
MAX_FUNCTION_CHECKS_PER_ACCOUNT = MAX_FUNCTION_CHECKS_LISTED
# A device's clock may run ahead a little; a time further ahead than this is a fault.
MAX_CLOCK_AHEAD_HOURS = 36
# Own routines: a batch, its body, how many one account keeps (not deleted), and how many
# tombstones it keeps at most (older ones are dropped: `own_routines.drop_oldest_tombstones`).
MAX_OWN_ROUTINES_BATCH = 50
MAX_OWN_ROUTINES_BODY_BYTES = 512 * 1024
MAX_OWN_ROUTINES = 200
MAX_OWN_ROUTINE_TOMBSTONES = 1000
