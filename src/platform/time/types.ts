/** Business-time vocabulary (pure data; no business words beyond "working time"). */

/** A calendar date in a time zone, ISO `YYYY-MM-DD`. */
export type LocalDate = string;

/** Weekday keys, ISO order (Monday first). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];

/** One working interval of a day, local wall-clock `HH:MM`; `end` may be `24:00`; `end > start`. */
export interface WorkingInterval {
  start: string;
  end: string;
}

/** A non-working date. `yearly: true` repeats on the same month/day every year from `date`'s year on. */
export interface Holiday {
  date: LocalDate;
  name?: string;
  yearly?: boolean;
}

/** What users store: an IANA zone, working intervals per weekday, holidays. */
export interface CalendarDefinition {
  timeZone: string;
  week: Partial<Record<WeekdayKey, WorkingInterval[]>>;
  holidays?: Holiday[];
}

/** One validation problem of a definition (`path` points into the definition). */
export interface CalendarIssue {
  code:
    | 'CALENDAR_INVALID_TIME_ZONE'
    | 'CALENDAR_INVALID_INTERVAL'
    | 'CALENDAR_OVERLAPPING_INTERVALS'
    | 'CALENDAR_INVALID_HOLIDAY'
    | 'CALENDAR_NO_WORKING_TIME'
    | 'CALENDAR_UNKNOWN_WEEKDAY';
  path: string;
  message: string;
}

/**
 * A validated, compiled calendar (build it with `compileCalendar`). Treat as opaque; it caches the
 * absolute working intervals of the days it has computed.
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** index 0..6 = Monday..Sunday; sorted, merged [startMinute, endMinute) pairs. */
  readonly week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** one-off holidays `YYYY-MM-DD` → name */
  readonly oneOff: ReadonlyMap<LocalDate, string>;
  /** yearly holidays `MM-DD` → { fromYear, name } */
  readonly yearly: ReadonlyMap<string, { fromYear: number; name: string }>;
  /** the definition it was compiled from (normalised) */
  readonly definition: CalendarDefinition;
  /** @internal day cache: epoch day → absolute [startMs, endMs) intervals */
  readonly _days: Map<number, ReadonlyArray<readonly [number, number]>>;
}
