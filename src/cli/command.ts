export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Exit code; -1 keeps the process running (serve). */
  run(args: string[]): Promise<number>;
}
