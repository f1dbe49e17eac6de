import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../api-client/client.js';
import type { Ticket } from '../../api-client/types.js';
import { Dialog } from '../../ui/dialog.js';
import { useFollowUp } from './mutations.js';

export function FollowUpDialog({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose(): void }) {
  const [subject, setSubject] = useState(`Re: ${ticket.subject}`.slice(0, 300));
  const [body, setBody] = useState('');
  const follow = useFollowUp(ticket.id);
  const navigate = useNavigate();
  return (
    <Dialog open={open} onClose={onClose} title={`Follow-up for #${ticket.number}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          follow.mutate({ subject: subject.trim() || undefined, body }, { onSuccess: (t) => { onClose(); navigate(`/tickets/${t.id}`); } });
        }}
      >
        <label className="field">
          <span>Subject</span>
          <input value={subject} maxLength={300} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <label className="field">
          <span>First message</span>
          <textarea rows={5} required value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        {follow.error && (
          <p className="alert alert-error" role="alert">
            {errorText(follow.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!body.trim() || follow.isPending}>
            Create follow-up
          </button>
        </div>
      </form>
    </Dialog>
  );
}
