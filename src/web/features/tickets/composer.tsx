import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { TICKET_STATUSES } from '../../../shared/enums.js';
import { errorText } from '../../api-client/client.js';
import type { Attachment } from '../../api-client/types.js';
import { bytes, statusLabel } from '../../ui/format.js';
import { useAddMessage, newKey, uploadFile } from './mutations.js';

export type ComposerMode = 'public' | 'note';
export interface ComposerHandle {
  focus(mode: ComposerMode): void;
  send(): void;
}

interface Props {
  ticketId: string;
  currentStatus: string;
  canReplyPublic: boolean;
  canNote: boolean;
  ref?: Ref<ComposerHandle>;
}

const draftKey = (id: string) => `switchboard.draft.${id}`;

export function Composer({ ticketId, currentStatus, canReplyPublic, canNote, ref }: Props) {
  const [mode, setMode] = useState<ComposerMode>(canReplyPublic ? 'public' : 'note');
  const [body, setBody] = useState(() => sessionStorage.getItem(draftKey(ticketId)) ?? '');
  const [status, setStatus] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(newKey);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const add = useAddMessage(ticketId);

  useEffect(() => {
    if (body) sessionStorage.setItem(draftKey(ticketId), body);
    else sessionStorage.removeItem(draftKey(ticketId));
  }, [body, ticketId]);

  // Other panels (the knowledge base's suggested articles) insert text at the cursor of this ticket's reply.
  useEffect(() => {
    const onInsert = (e: Event) => {
      const d = (e as CustomEvent<{ ticketId: string; text: string; handled?: boolean }>).detail;
      if (d?.ticketId !== ticketId || !canReplyPublic) return;
      d.handled = true;
      const el = textRef.current;
      const at = el ? el.selectionStart : null;
      setMode('public');
      setBody((b) => (at === null || at >= b.length ? `${b}${b && !b.endsWith('\n') ? '\n\n' : ''}${d.text}` : `${b.slice(0, at)}${d.text}${b.slice(at)}`));
      el?.focus();
    };
    window.addEventListener('switchboard:compose-insert', onInsert);
    return () => window.removeEventListener('switchboard:compose-insert', onInsert);
  }, [ticketId, canReplyPublic]);

  const canSend = (body.trim().length > 0 || files.length > 0) && uploading === 0 && !add.isPending;

  function send() {
    if (!canSend) return;
    setError(null);
    add.mutate(
      { body, public: mode === 'public', status: status || undefined, attachment_ids: files.length ? files.map((f) => f.id) : undefined, idempotencyKey: key },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          setStatus('');
          setKey(newKey());
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  }

  useImperativeHandle(ref, () => ({
    focus(m) {
      if (m === 'public' && !canReplyPublic) return;
      if (m === 'note' && !canNote) return;
      setMode(m);
      textRef.current?.focus();
    },
    send,
  }));

  async function pick(list: FileList | null) {
    if (!list) return;
    setError(null);
    for (const f of Array.from(list)) {
      setUploading((n) => n + 1);
      try {
        const att = await uploadFile(f);
        setFiles((xs) => [...xs, att]);
      } catch (err) {
        setError(`${f.name}: ${errorText(err)}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (fileRef.current) fileRef.current.value = '';
  }

  return (
    <section className={`composer composer-${mode}`} aria-label="Reply">
      <div className="composer-tabs" role="tablist" aria-label="Message type">
        <button type="button" role="tab" aria-selected={mode === 'public'} disabled={!canReplyPublic} className={mode === 'public' ? 'tab is-active' : 'tab'} onClick={() => setMode('public')}>
          Public reply <kbd>r</kbd>
        </button>
        <button type="button" role="tab" aria-selected={mode === 'note'} disabled={!canNote} className={mode === 'note' ? 'tab is-active' : 'tab'} onClick={() => setMode('note')}>
          Internal note <kbd>n</kbd>
        </button>
      </div>
      <label htmlFor="composer-body" className="sr-only">
        {mode === 'public' ? 'Public reply to the requester' : 'Internal note (agents only)'}
      </label>
      <textarea
        id="composer-body"
        ref={textRef}
        data-testid="composer-body"
        rows={5}
        value={body}
        placeholder={mode === 'public' ? 'Reply to the requester…' : 'Note for your team (the customer will not see it)…'}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape') {
            textRef.current?.blur();
          }
        }}
      />
      {files.length > 0 && (
        <ul className="attachments composer-files" aria-label="Files to send">
          {files.map((f) => (
            <li key={f.id} className="attachment">
              📎 {f.filename} <span className="muted">{bytes(f.size_bytes)}</span>
              <button type="button" className="btn btn-ghost btn-icon" aria-label={`Remove ${f.filename}`} onClick={() => setFiles((xs) => xs.filter((x) => x.id !== f.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <label className="btn btn-small file-btn">
          Attach files
          <input ref={fileRef} type="file" multiple className="sr-only" onChange={(e) => void pick(e.target.files)} />
        </label>
        {uploading > 0 && <span className="muted">Uploading {uploading}…</span>}
        <span className="spacer" />
        <label className="inline-field">
          <span>Submit as</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Set status when sending">
            <option value="">{statusLabel(currentStatus)} (unchanged)</option>
            {TICKET_STATUSES.filter((s) => s !== 'new' && s !== 'closed' && s !== currentStatus).map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" data-testid="composer-send" disabled={!canSend} onClick={send} title="Ctrl+Enter">
          {add.isPending ? 'Sending…' : mode === 'public' ? 'Send reply' : 'Add note'}
        </button>
      </div>
    </section>
  );
}
