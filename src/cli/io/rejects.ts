import { appendFile, rm } from 'node:fs/promises';

export interface Rejection {
  line: number;
  code: string;
  reason: string;
  row: unknown;
}

export const rejectsPath = (file: string) => `${file}.rejected.jsonl`;

/** FILE.rejected.jsonl: one JSON object per rejected row (line, code, reason, the row as read). Created on the first rejection. */
export class RejectsFile {
  readonly path: string;
  count = 0;

  private constructor(file: string) {
    this.path = rejectsPath(file);
  }

  /** A fresh run starts a fresh file; a resumed run appends to the one of the interrupted run. */
  static async open(file: string, resume: boolean): Promise<RejectsFile> {
    const r = new RejectsFile(file);
    if (!resume) await rm(r.path, { force: true });
    return r;
  }

  async add(r: Rejection): Promise<void> {
    this.count++;
    await appendFile(this.path, `${JSON.stringify(r)}\n`);
  }
}
