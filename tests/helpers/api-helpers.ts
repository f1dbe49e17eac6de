import { deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/** A JSON value from the API, as loosely typed as the wire. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Wire = Record<string, any>;

let seq = 0;

/** Create a ticket through the API (as the admin unless a token is given) and return its wire form. */
export async function newTicket(t: TestApp, over: Record<string, unknown> = {}, token?: string): Promise<Wire> {
  seq += 1;
  const res = await t.api('POST', '/api/v1/tickets', {
    subject: `Ticket ${seq}`, body: `Body of ticket ${seq}`, requester: { email: `requester${seq}@example.com` }, ...over,
  }, token === undefined ? {} : { token });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** PATCH a ticket and expect success. */
export async function patchTicket(t: TestApp, id: string, body: Record<string, unknown>, token?: string): Promise<Wire> {
  const res = await t.api('PATCH', `/api/v1/tickets/${id}`, body, token === undefined ? {} : { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function eventsOf(t: TestApp, id: string): Promise<Wire[]> {
  const res = await t.api('GET', `/api/v1/tickets/${id}/events`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

/** Expect an RFC 9457 problem with the given status and code. */
export function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string; json(): unknown }, status: number, code: string): Wire {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const p = res.json() as Wire;
  expect(p.code, res.body).toBe(code);
  expect(p.status).toBe(status);
  return p;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A valid 1×1 PNG (its pixel colour varies with `seed`, so different seeds give different bytes). */
export function pngBytes(seed = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.from([0, seed & 255, (seed >> 8) & 255, 7]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** POST /api/v1/customers, expecting 201. */
export async function newCustomer(t: TestApp, body: Record<string, unknown>): Promise<Wire> {
  const res = await t.api('POST', '/api/v1/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The audit actions recorded for one entity (newest first), read through the API as admin. */
export async function auditActions(t: TestApp, entityId: string): Promise<string[]> {
  const res = await t.api('GET', `/api/v1/audit?entity_id=${entityId}`);
  expect(res.statusCode).toBe(200);
  return res.json().data.map((r: { action: string }) => r.action);
}
