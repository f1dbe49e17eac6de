/** "a, b, c" (a column list) → "t.a, t.b, t.c": the same list, qualified with a table alias. */
export function qualify(columns: string, alias: string): string {
  return columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');
}
