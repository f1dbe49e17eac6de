import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../api-client/client.js';
import { useRequesterTickets, useSearch } from '../../api-client/queries.js';
import type { Ticket } from '../../api-client/types.js';
import { Dialog } from '../../ui/dialog.js';
import { StatusBadge } from '../../ui/feedback.js';
import { ticketNumberOf } from '../inbox/ticket-number.js';
import { useMerge } from './mutations.js';

interface Candidate {
  id: string;
  number: number;
  subject: string;
  status: string;
}

/**
 * Merge other tickets into this one: the requester's other tickets are offered first, search finds the
 * rest; a ticket number (`1234` or `#1234`) finds that ticket and picks it.
 */
export function MergeDialog({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose(): void }) {
  const [picked, setPicked] = useState<Candidate[]>([]);
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  const [reason, setReason] = useState('');
  const merge = useMerge(ticket.id);
  const navigate = useNavigate();
  const same = (useRequesterTickets(ticket.requester_id).data?.data ?? []).filter((t) => t.id !== ticket.id && t.status !== 'closed' && !t.merged_into_id);
  const search = useSearch(term);
  const hits = search.data?.data ?? [];
  const found = hits.filter((h) => h.ticket_id !== ticket.id).map((h) => ({ id: h.ticket_id, number: h.number, subject: h.subject, status: h.status }));
  const wanted = ticketNumberOf(term);
  const exact = wanted === null ? undefined : found.find((c) => c.number === wanted);
  // pick the ticket a number names, once per search (unticking it afterwards sticks)
  const autoPicked = useRef('');
  useEffect(() => {
    if (!exact || autoPicked.current === term) return;
    autoPicked.current = term;
    setPicked((xs) => (xs.some((x) => x.id === exact.id) ? xs : [...xs, exact]));
  }, [exact, term]);
  const toggle = (c: Candidate) => setPicked((xs) => (xs.some((x) => x.id === c.id) ? xs.filter((x) => x.id !== c.id) : [...xs, c]));
  const fromTicket = (t: Ticket): Candidate => ({ id: t.id, number: t.number, subject: t.subject, status: t.status });

  const row = (c: Candidate) => (
    <li key={c.id}>
      <label className="check-row">
        <input type="checkbox" checked={picked.some((x) => x.id === c.id)} onChange={() => toggle(c)} />
        <span className="muted">#{c.number}</span> {c.subject} <StatusBadge status={c.status} />
      </label>
    </li>
  );

  return (
    <Dialog open={open} onClose={onClose} title={`Merge into #${ticket.number}`} wide>
      <p className="hint">The picked tickets are closed with a pointer to #{ticket.number}; their conversations stay readable.</p>
      <h3 className="panel-subtitle">Same requester</h3>
      {same.length === 0 ? <p className="muted small">No other open tickets from this requester.</p> : <ul className="check-list">{same.map((t) => row(fromTicket(t)))}</ul>}
      <form
        className="inline-field"
        onSubmit={(e) => {
          e.preventDefault();
          setTerm(q.trim());
        }}
      >
        <label htmlFor="merge-search">Find other tickets</label>
        <input id="merge-search" size={36} value={q} onChange={(e) => setQ(e.target.value)} placeholder="#1234, or words from the subject or messages" />
        <button type="submit" className="btn btn-small">
          Search
        </button>
      </form>
      {term && wanted !== null && search.data && !exact && (
        <p className="muted small" role="status">
          {wanted === ticket.number ? `#${wanted} is this ticket.` : `No ticket #${wanted} that you can see.`}
        </p>
      )}
      {term && search.isPending && <p className="muted small">Searching…</p>}
      {term && <ul className="check-list">{(exact ? [exact, ...found.filter((c) => c.id !== exact.id)] : found).map(row)}</ul>}
      <label className="field">
        <span>Reason (optional)</span>
        <input value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} placeholder="e.g. duplicate of the same payout question" />
      </label>
      {merge.error && (
        <p className="alert alert-error" role="alert">
          {errorText(merge.error)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={picked.length === 0 || merge.isPending}
          onClick={() =>
            merge.mutate(
              { source_ids: picked.map((p) => p.id), reason: reason.trim() || undefined },
              {
                onSuccess: () => {
                  setPicked([]);
                  onClose();
                  navigate(`/tickets/${ticket.id}`);
                },
              },
            )
          }
        >
          Merge {picked.length || ''} ticket{picked.length === 1 ? '' : 's'}
        </button>
      </div>
    </Dialog>
  );
}
