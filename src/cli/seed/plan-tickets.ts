/**
 * Who writes in, when, about what and through which channel: the plan for each demo ticket, drawn
 * from the seeded PRNG. The story of each ticket (replies, assignments, status changes) is told in
 * tell-story.ts.
 */
import type { Channel, Priority } from '../../shared/enums.js';
import { BRAND_DEAL_TEXTS, GROUPS, intentTitle, type BrandKey, type IntentGroup } from './catalog.js';
import type { DemoCustomer } from './people.js';
import { DAY, HOUR, MINUTE, type Rng } from './prng.js';

export interface TicketPlan {
  customer: number;
  group: IntentGroup;
  intent: string;
  brand: BrandKey;
  channel: Channel;
  createdAt: number;
  text: string;
  subject: string;
  priority: Priority;
  customFields: Record<string, unknown>;
  /** Part of today's payment incident (a burst of declined payments and failed top-ups). */
  incident: boolean;
}

const CHANNELS: ReadonlyArray<readonly [Channel, number]> = [['email', 34], ['chat', 18], ['web', 20], ['app', 20], ['api', 8]];
/** Local hour-of-day weights: quiet at night, busy in the evening (people use a video app after work). */
const HOURS: ReadonlyArray<readonly [number, number]> = [
  [0, 2], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1], [6, 2], [7, 4], [8, 6], [9, 7], [10, 7], [11, 7], [12, 7], [13, 7], [14, 7],
  [15, 7], [16, 7], [17, 8], [18, 9], [19, 10], [20, 10], [21, 9], [22, 6], [23, 4],
];
const BUMP: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'high', urgent: 'urgent' };
export const PAYMENT_METHODS = ['card', 'apple_pay', 'google_pay', 'paypal', 'bank_transfer', 'clipster_wallet'] as const;

/** Deterministic text supply: each intent's texts in a shuffled order, wrapping around when used up. */
export class TextPool {
  private cursor = new Map<string, number>();
  private lists = new Map<string, string[]>();
  constructor(
    private readonly rng: Rng,
    texts: Record<string, string[]>,
  ) {
    for (const [intent, list] of Object.entries(texts)) this.lists.set(intent, rng.shuffle(list));
    this.lists.set('brand_deal', rng.shuffle(BRAND_DEAL_TEXTS));
  }
  next(intent: string): string {
    const list = this.lists.get(intent);
    if (!list?.length) throw new Error(`no demo texts for intent ${intent}`);
    const i = this.cursor.get(intent) ?? 0;
    this.cursor.set(intent, i + 1);
    return list[i % list.length];
  }
}

/** Sampler over a pool with Zipf-like weights (a few customers write often, most once or twice). */
function zipf(rng: Rng, pool: number[]): () => number {
  const order = rng.shuffle(pool);
  const cum: number[] = [];
  let total = 0;
  order.forEach((_, r) => {
    total += 1 / Math.pow(r + 2, 0.9);
    cum.push(total);
  });
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
}

function createdAt(rng: Rng, now: number, days: number, utcOffset: number): number {
  for (;;) {
    const age = rng.float(0, days);
    if (!rng.chance(0.35 + 0.65 * (1 - age / days))) continue; // volume grows towards today
    const day = Math.floor((now - age * DAY) / DAY) * DAY;
    const t = day + (rng.weighted(HOURS) - utcOffset) * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59) * 1000;
    if (t < now - 5 * MINUTE && t > now - days * DAY) return t;
  }
}

function subjectFor(rng: Rng, channel: Channel, intent: string, text: string, name: string, priority: Priority): string {
  const title = intentTitle(intent);
  switch (channel) {
    case 'chat':
      return `Chat with ${name}`;
    case 'app': {
      if (text.length <= 70) return text;
      const cut = text.slice(0, 70);
      return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
    }
    case 'api':
      return `[In-app report] ${title}`;
    case 'email': {
      const about = title.endsWith('?') ? title : `Question about ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
      const base = rng.weighted([[title, 5], [about, 2], [`Re: ${title}`, 1], [`Help! ${title}`, 1]] as const);
      return priority === 'urgent' ? `URGENT: ${title}` : base;
    }
    default:
      return title;
  }
}

function formFields(rng: Rng, group: IntentGroup, channel: Channel): Record<string, unknown> {
  if (!group.formFields || !['web', 'app', 'api'].includes(channel)) return {};
  const out: Record<string, unknown> = {};
  if (rng.chance(0.8)) out.payment_method = group.key === 'coins_top_up' && rng.chance(0.3) ? 'clipster_wallet' : rng.weighted(PAYMENT_METHODS.map((m, i) => [m, [50, 12, 10, 14, 8, 6][i]] as const));
  if (group.key !== 'currency' && rng.chance(0.65)) out.order_id = orderId(rng);
  return out;
}

export const orderId = (rng: Rng) => `CLP-${rng.int(10_000_000, 99_999_999)}`;

const INCIDENT_INTENTS = ['declined_card_payment', 'card_not_working', 'top_up_failed', 'pending_top_up'];
export const INCIDENT_TAG = 'incident_payments_degraded';

/**
 * Plan `count` tickets over the last `days` days; every customer gets at least one. The last 4 %
 * are today's incident: a burst of failed payments in the past 30 hours, so the inbox has a queue.
 */
export function planTickets(rng: Rng, customers: DemoCustomer[], texts: TextPool, count: number, now: number, days: number): TicketPlan[] {
  const creators = customers.filter((c) => c.isCreator).map((c) => c.key);
  const users = customers.filter((c) => !c.isCreator).map((c) => c.key);
  const pickCreator = zipf(rng, creators);
  const pickUser = zipf(rng, users);
  const byBrand = (brand: BrandKey) => GROUPS.map((g) => [g, g.weight * (brand === 'market' ? g.marketShare : 1 - g.marketShare)] as const);
  const plans: TicketPlan[] = [];
  for (let i = 0; i < count; i++) {
    let group: IntentGroup;
    let brand: BrandKey;
    let customer: number;
    const incident = i >= count - Math.round(count * 0.04);
    if (incident) {
      const key = rng.chance(0.6) ? 'card_problems' : 'coins_top_up';
      group = GROUPS.find((g) => g.key === key)!;
      brand = rng.chance(0.15) ? 'market' : 'clipster';
      customer = brand === 'market' ? pickCreator() : pickUser();
    } else if (i < customers.length) {
      customer = customers[i].key;
      brand = customers[i].isCreator ? 'market' : 'clipster';
      group = rng.weighted(byBrand(brand));
    } else {
      group = rng.weighted(GROUPS.map((g) => [g, g.weight] as const));
      brand = rng.chance(group.marketShare) ? 'market' : 'clipster';
      customer = brand === 'market' ? pickCreator() : pickUser();
    }
    const c = customers[customer];
    const intent = incident ? rng.pick(INCIDENT_INTENTS.filter((x) => group.intents.includes(x))) : rng.pick(group.intents);
    const channel = rng.weighted(CHANNELS);
    let priority = rng.weighted(group.priorities);
    if (c.tier === 'vip' && rng.chance(0.6)) priority = BUMP[priority];
    const text = texts.next(intent);
    plans.push({
      customer, group, intent, brand, channel, priority, text,
      incident,
      createdAt: incident ? now - rng.int(10, 30 * 60) * MINUTE : createdAt(rng, now, days, c.country.utcOffset),
      subject: subjectFor(rng, channel, intent, text, c.name, priority),
      customFields: formFields(rng, group, channel),
    });
  }
  return plans;
}
