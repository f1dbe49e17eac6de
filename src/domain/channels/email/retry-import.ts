import { conflict } from '../../../platform/errors.js';
import { recordChange, type Actor } from '../../kernel/index.js';
import { getImportFailure, markFailureImported, type ImportFailure } from './import-failures.js';
import { ingestEmail, type IngestDeps, type IngestResult } from './ingest-email.js';

/**
 * Run a failed mail through the import again (after a fix, or new brand addresses). Success marks it
 * imported and links the ticket; another failure updates the same row with the new reason.
 */
export async function retryImportFailure(deps: IngestDeps, actor: Actor, id: string): Promise<{ failure: ImportFailure; result: IngestResult }> {
  const f = await deps.db.transaction((tx) => getImportFailure({ actor, tx, clock: deps.clock, meta: {} }, id));
  if (f.status !== 'failed') throw conflict('IMPORT_FAILURE_NOT_OPEN', `This mail is already ${f.status}`);
  const raw = await deps.files.get(f.raw_sha256);
  const result = await ingestEmail(deps, raw, { mailFrom: f.envelope_from, rcptTo: f.envelope_to }, { fallbackWorkspaceId: actor.workspaceId, retryOf: f.id });
  if (result.outcome !== 'failed') {
    await deps.db.transaction(async (tx) => {
      await markFailureImported(tx, f.id, result.ticket_id, deps.clock.now());
      await recordChange({ actor, tx, clock: deps.clock, meta: { channel: 'email' } }, {
        event: 'email.import_retried', aggregateType: 'email_import_failure', aggregateId: f.id, ticketId: result.ticket_id,
        payload: { outcome: result.outcome, ticket_id: result.ticket_id },
      });
    });
  }
  const failure = await deps.db.transaction((tx) => getImportFailure({ actor, tx, clock: deps.clock, meta: {} }, id));
  return { failure, result };
}
