import { readFile, rename, rm, writeFile } from 'node:fs/promises';

export interface Checkpoint {
  /** The last line whose row is settled (imported, skipped or rejected). */
  line: number;
  file: string;
  updated_at: string;
}

export const checkpointPath = (file: string) => `${file}.progress`;

export async function readCheckpoint(file: string): Promise<Checkpoint | null> {
  try {
    const c = JSON.parse(await readFile(checkpointPath(file), 'utf8')) as Checkpoint;
    return Number.isInteger(c.line) && c.line > 0 ? c : null;
  } catch {
    return null;
  }
}

/**
 * Writes `FILE.progress` as rows settle (at most every `everyMs`, and on flush), atomically via a
 * rename. The checkpoint only saves work: rows before it that were not committed would be found
 * again by their external_id, so a checkpoint that lags behind is harmless.
 */
export class CheckpointWriter {
  private line = 0;
  private written = 0;
  private lastWrite = 0;

  constructor(private readonly file: string, private readonly everyMs = 1000) {}

  async save(line: number): Promise<void> {
    this.line = line;
    if (Date.now() - this.lastWrite >= this.everyMs) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.line === this.written) return;
    const path = checkpointPath(this.file);
    const body: Checkpoint = { line: this.line, file: this.file, updated_at: new Date().toISOString() };
    await writeFile(`${path}.tmp`, `${JSON.stringify(body)}\n`);
    await rename(`${path}.tmp`, path);
    this.written = this.line;
    this.lastWrite = Date.now();
  }

  /** The file was imported to the end: nothing to resume. */
  async clear(): Promise<void> {
    await rm(checkpointPath(this.file), { force: true });
  }
}
