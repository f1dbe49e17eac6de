/** Region vocabulary of the processor registry and the transfer map: storage regions or ISO 3166 country codes. */
export const EEA_COUNTRIES = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO',
  'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);
/** Storage region codes (platform/storage/regions) mapped to a country group; `eu` is inside the EEA. */
const REGION_COUNTRY: Record<string, string> = { eu: 'EU', us: 'US', uk: 'GB', br: 'BR', sg: 'SG' };

/** A region as given (`eu`, `us`…) or a country code (`DE`, `US`…); null when neither. */
export function normaliseRegion(region: string): string | null {
  const r = region.trim();
  if (REGION_COUNTRY[r.toLowerCase()]) return r.toLowerCase();
  if (/^[A-Za-z]{2}$/.test(r)) return r.toUpperCase();
  return null;
}

/** Inside the EEA (no transfer under Chapter V)? `eu` and EEA country codes are. */
export function inEea(region: string | null | undefined): boolean {
  if (!region) return false;
  const c = REGION_COUNTRY[region.toLowerCase()] ?? region.toUpperCase();
  return c === 'EU' || EEA_COUNTRIES.has(c);
}
