// How Tollgate's events travel: the public ones out of every shadow root to the host page,
// the parts' own ones only within the shadow root that holds the part.

/** The public events cross shadow roots and bubble up to the host page. */
export const SHARED = { bubbles: true, composed: true } as const

/** The parts' own events bubble but stay inside the shadow root that holds the part. */
export const PART = { bubbles: true, composed: false } as const
