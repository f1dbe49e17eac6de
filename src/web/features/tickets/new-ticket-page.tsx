import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../api-client/client.js';
import { useNames } from '../../api-client/queries.js';
import { NamedOptions, PriorityOptions, assignableAgents } from '../../ui/options.js';
import { newKey, useCreateTicket } from './mutations.js';
import { TagsEditor } from './tags-editor.js';

export function NewTicketPage() {
  const names = useNames();
  const create = useCreateTicket();
  const navigate = useNavigate();
  const [key] = useState(newKey);
  const [f, setF] = useState({ email: '', name: '', subject: '', body: '', priority: 'normal', brand_id: '', team_id: '', assignee_id: '' });
  const [tags, setTags] = useState<string[]>([]);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      {
        idempotencyKey: key,
        subject: f.subject.trim(),
        body: f.body,
        requester: { email: f.email.trim(), name: f.name.trim() || undefined },
        priority: f.priority,
        brand_id: f.brand_id || undefined,
        team_id: f.team_id || undefined,
        assignee_id: f.assignee_id || undefined,
        tags: tags.length ? tags : undefined,
      },
      { onSuccess: (t) => navigate(`/tickets/${t.id}`, { replace: true }) },
    );
  }

  return (
    <section className="main-pane solo narrow" aria-labelledby="new-title">
      <h1 id="new-title">New ticket</h1>
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <label className="field">
            <span>Requester email</span>
            <input type="email" required autoFocus value={f.email} onChange={set('email')} />
          </label>
          <label className="field">
            <span>Requester name</span>
            <input value={f.name} onChange={set('name')} />
          </label>
        </div>
        <label className="field">
          <span>Subject</span>
          <input required maxLength={300} value={f.subject} onChange={set('subject')} />
        </label>
        <label className="field">
          <span>Description (first message, from the requester)</span>
          <textarea rows={6} value={f.body} onChange={set('body')} />
        </label>
        <div className="form-row">
          <label className="field">
            <span>Priority</span>
            <select value={f.priority} onChange={set('priority')}>
              <PriorityOptions />
            </select>
          </label>
          <label className="field">
            <span>Brand</span>
            <select value={f.brand_id} onChange={set('brand_id')}>
              <option value="">Default</option>
              <NamedOptions items={names.brands} />
            </select>
          </label>
          <label className="field">
            <span>Team</span>
            <select value={f.team_id} onChange={set('team_id')}>
              <option value="">No team</option>
              <NamedOptions items={names.teams} />
            </select>
          </label>
          <label className="field">
            <span>Assignee</span>
            <select value={f.assignee_id} onChange={set('assignee_id')}>
              <option value="">Unassigned</option>
              <NamedOptions items={assignableAgents(names.users)} />
            </select>
          </label>
        </div>
        <div className="field">
          <label htmlFor="new-tags">Tags</label>
          <TagsEditor id="new-tags" tags={tags} onChange={setTags} />
        </div>
        {create.error && (
          <p className="alert alert-error" role="alert">
            {errorText(create.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => navigate(-1)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create ticket'}
          </button>
        </div>
      </form>
    </section>
  );
}
