import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { EditDialog, Field, useDraft } from '../admin/admin-form.js';
import { CrudList, muted, useSave } from './crud-list.js';
import { slaKeys, useCalendars, WEEKDAYS, type Calendar, type Holiday, type Interval, type Weekday } from './api.js';

const weekText = (ivs: Interval[] | undefined) => (ivs ?? []).map((i) => `${i.start}-${i.end}`).join(', ');
const parseWeek = (s: string): Interval[] =>
  s.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
    const [start = '', end = ''] = x.split('-').map((y) => y.trim());
    return { start, end };
  });
const holidaysText = (hs: Holiday[]) => hs.map((h) => `${h.yearly ? 'yearly ' : ''}${h.date}${h.name ? ` ${h.name}` : ''}`).join('\n');
const parseHolidays = (s: string): Holiday[] =>
  s.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const yearly = l.startsWith('yearly ');
    const rest = yearly ? l.slice(7).trim() : l;
    const [date = '', ...name] = rest.split(/\s+/);
    return { date, ...(name.length ? { name: name.join(' ') } : {}), ...(yearly ? { yearly: true } : {}) };
  });
const summary = (c: Calendar) =>
  WEEKDAYS.filter(([k]) => c.week[k]?.length).map(([k]) => `${k} ${weekText(c.week[k])}`).join('; ');

/** Business calendars: zone, working intervals per weekday, holidays (typed or imported from .ics). */
export function CalendarsAdmin() {
  return (
    <CrudList
      addLabel="Add calendar"
      intro="SLA clocks count working time of the most specific calendar: the policy's own, else the ticket's team, brand, market (country), then the workspace default."
      query={useCalendars()}
      columns={[
        { header: 'Name', cell: (c) => c.name },
        { header: 'Applies to', cell: (c) => (c.scope_type === 'workspace' ? 'Whole workspace (default)' : `${c.scope_type} ${c.scope_id}`) },
        { header: 'Time zone', cell: (c) => c.time_zone },
        { header: 'Hours', cell: (c) => <span className="small">{summary(c) || muted('none')}</span> },
        { header: 'Holidays', cell: (c) => c.holidays.length },
      ]}
      dialog={(c, close) => <CalendarDialog calendar={c} onClose={close} />}
    />
  );
}

type Draft = { name: string; scope_type: Calendar['scope_type']; scope_id: string; time_zone: string; holidays: string } & Record<Weekday, string>;

function CalendarDialog({ calendar, onClose }: { calendar: Calendar | null; onClose(): void }) {
  const { draft, text } = useDraft<Draft>(() => ({
    name: calendar?.name ?? '', scope_type: calendar?.scope_type ?? 'workspace', scope_id: calendar?.scope_id ?? '', time_zone: calendar?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    holidays: holidaysText(calendar?.holidays ?? []),
    ...(Object.fromEntries(WEEKDAYS.map(([k]) => [k, calendar ? weekText(calendar.week[k]) : ['sat', 'sun'].includes(k) ? '' : '09:00-17:00'])) as Record<Weekday, string>),
  }));
  const save = useSave((b: Record<string, unknown>) => (calendar ? api.patch(`/api/v1/calendars/${calendar.id}`, b) : api.post('/api/v1/calendars', b)), slaKeys.calendars);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return (
    <EditDialog
      wide
      title={calendar ? `Edit ${calendar.name}` : 'Add business calendar'}
      onClose={onClose}
      save={save}
      onSubmit={() => {
        const week = Object.fromEntries(WEEKDAYS.map(([k]) => [k, parseWeek(draft[k])]).filter(([, v]) => v.length));
        const body: Record<string, unknown> = { name: draft.name.trim(), time_zone: draft.time_zone.trim(), week, holidays: parseHolidays(draft.holidays) };
        if (calendar) body.version = calendar.version;
        else Object.assign(body, { scope_type: draft.scope_type, scope_id: draft.scope_type === 'workspace' ? null : draft.scope_id.trim() });
        save.mutate(body, { onSuccess: onClose });
      }}
    >
      <div className="form-row">
        <Field label="Name">
          <input required maxLength={120} {...text('name')} />
        </Field>
        <Field label="Time zone (IANA)">
          <input required list="sla-zones" {...text('time_zone')} />
        </Field>
        <datalist id="sla-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
      </div>
      {!calendar && (
        <div className="form-row">
          <Field label="Applies to">
            <select {...text('scope_type')}>
              <option value="workspace">Whole workspace (default)</option>
              <option value="brand">A brand (id)</option>
              <option value="team">A team (id)</option>
              <option value="market">A market (country code)</option>
            </select>
          </Field>
          {draft.scope_type !== 'workspace' && (
            <Field label={draft.scope_type === 'market' ? 'Country (e.g. IE)' : `${draft.scope_type} id`}>
              <input required {...text('scope_id')} />
            </Field>
          )}
        </div>
      )}
      <fieldset className="sla-week">
        <legend>Working hours (local time; several intervals: 09:00-12:30, 13:30-17:00; empty = closed)</legend>
        {WEEKDAYS.map(([k, label]) => (
          <Field key={k} label={label}>
            <input {...text(k)} placeholder="closed" />
          </Field>
        ))}
      </fieldset>
      <Field label="Holidays — one per line: 2026-12-25 Christmas Day; prefix 'yearly ' to repeat every year">
        <textarea rows={6} className="mono" {...text('holidays')} />
      </Field>
      {calendar && <IcsImport calendar={calendar} onDone={onClose} />}
    </EditDialog>
  );
}

function IcsImport({ calendar, onDone }: { calendar: Calendar; onDone(): void }) {
  const qc = useQueryClient();
  const [msg, setMsg] = useState<string | null>(null);
  const imp = useMutation({
    mutationFn: (ics: string) => api.post<{ imported: number }>(`/api/v1/calendars/${calendar.id}/import_ics`, { ics }),
    onSuccess: (r) => {
      setMsg(`${r.imported} holidays imported.`);
      void qc.invalidateQueries({ queryKey: slaKeys.calendars });
      onDone();
    },
    onError: (e) => setMsg(errorText(e)),
  });
  return (
    <Field label="Import holidays from an iCalendar file (.ics)">
      <input type="file" accept=".ics,text/calendar" onChange={(e) => void e.target.files?.[0]?.text().then((t) => imp.mutate(t))} />
      {msg && <span className="small" role="status">{msg}</span>}
    </Field>
  );
}
